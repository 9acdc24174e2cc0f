// Client errors become the port's errors, so callers never depend on @eventstore/db-client.
import {
  DeadlineExceededError,
  NotLeaderError,
  StreamDeletedError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { EventStoreError, StoreUnavailable, StreamDeleted, StreamNotFound, WrongExpectedVersion } from '../errors.js';
import type { ExpectedRevision } from '../event-store.port.js';

const GRPC_UNAVAILABLE = 14;

export interface ErrorContext {
  streamId?: string;
  /**
   * What the caller asked for. The adapter often sends the server a concrete revision on the
   * caller's behalf; the error must name the caller's expectation, not ours.
   */
  expected?: ExpectedRevision;
}

/**
 * Transient conditions a caller may retry: no connection (UnavailableError on reads, a plain gRPC
 * error with code 14 on appends), a deadline, or a cluster node that just lost leadership.
 */
export function isUnavailable(error: unknown): boolean {
  if (error instanceof UnavailableError || error instanceof NotLeaderError || error instanceof DeadlineExceededError) return true;
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === GRPC_UNAVAILABLE;
}

export function translateError(error: unknown, context: ErrorContext = {}): unknown {
  if (error instanceof EventStoreError) return error;
  if (error instanceof WrongExpectedVersionError) {
    return new WrongExpectedVersion(
      context.streamId ?? error.streamName,
      // The client's ANY / NO_STREAM / STREAM_EXISTS are the port's own strings: no mapping needed.
      context.expected ?? (error.expectedVersion as ExpectedRevision),
      error.actualVersion as bigint | 'no_stream',
    );
  }
  if (error instanceof StreamNotFoundError) return new StreamNotFound(context.streamId ?? error.streamName);
  if (error instanceof StreamDeletedError) return new StreamDeleted(context.streamId ?? error.streamName);
  if (isUnavailable(error)) return new StoreUnavailable(error instanceof Error ? error.message : String(error));
  return error;
}
