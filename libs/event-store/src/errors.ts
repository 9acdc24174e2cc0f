import type { ExpectedRevision } from './event-store.port.js';

/** Base of the store's errors, so callers can tell them from programming errors. */
export class EventStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class WrongExpectedVersion extends EventStoreError {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's current revision, or 'no_stream'. */
    readonly actual: bigint | 'no_stream',
  ) {
    super(`Wrong expected version on ${streamId}: expected ${String(expected)}, actual ${String(actual)}`);
  }
}

export class StreamNotFound extends EventStoreError {
  constructor(readonly streamId: string) {
    super(`Stream ${streamId} not found`);
  }
}

export class StreamDeleted extends EventStoreError {
  constructor(readonly streamId: string) {
    super(`Stream ${streamId} is deleted`);
  }
}

/** The store cannot be reached (EventStoreDB down, gRPC code 14). */
export class StoreUnavailable extends EventStoreError {
  constructor(readonly reason: string) {
    super(`Event store unavailable: ${reason}`);
  }
}

/**
 * The store refuses writes: it was opened read-only because a check found it damaged
 * (integrity/check-event-store-file.ts). `reason` names the damage and what an operator does.
 */
export class StoreReadOnly extends EventStoreError {
  constructor(readonly reason: string) {
    super(`The event store is read-only: ${reason}`);
  }
}
