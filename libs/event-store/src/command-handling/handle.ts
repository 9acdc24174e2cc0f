// One generic command handler: read (from the cache or a snapshot when there is one), fold,
// decide, append with the expected revision, retry on a lost race when the caller allows it.
// The work is done by a CommandWriter (command-writer.ts), which also queues a stream's commands.
import { randomUUID } from 'node:crypto';
import type { Actor, EventData, EventStore, ExpectedRevision, RecordedEvent } from '../event-store.port.js';
import { CommandWriter } from './command-writer.js';
import type { Decider, DomainEvent } from './decider.js';
import type { LoadOptions } from './load-stream.js';

export { findCommand, loadStream, type LoadedStream, type LoadOptions } from './load-stream.js';

/** Who asks and why: becomes the metadata of every event the command appends. */
export interface CommandContext {
  actor: Actor;
  /** The clock is an input: the caller reads it once, replay never does. */
  occurredAt: string;
  correlationId?: string;
  causationId?: string;
  /**
   * Idempotency key: a command seen before returns its first result and appends nothing, whether
   * that first result appended events (found in the log) or not (found in `store.idempotency`).
   */
  commandId?: string;
}

export interface HandleOptions<State> extends LoadOptions<State> {
  context: CommandContext;
  /** The revision the caller based the command on (HTTP If-Match). Strict: no retry. */
  expectedRevision?: ExpectedRevision;
  /** Retries after WrongExpectedVersion when no expectedRevision was given (re-read, re-decide). */
  retries?: number;
  newEventId?: () => string;
}

export interface HandleResult<State, Event extends DomainEvent = DomainEvent> {
  streamId: string;
  /** What this command appended (empty for a no-op or a repeated idempotency key). */
  events: RecordedEvent<Event['type']>[];
  /** For a repeated key of a no-op: the revision that no-op answered, even if the stream moved on. */
  nextExpectedRevision: bigint;
  /**
   * Global position of the last event written by this command; for a no-op, the stream's position
   * (for its repeat, the position the first answer gave); for a repeat of a command that appended,
   * the stream head.
   */
  position: bigint;
  /** The stream's state now (also for a repeat). */
  state: State;
  /** True when the idempotency key had been seen: nothing was appended this time. */
  replayed: boolean;
}

/** One command through a writer of its own: what the app's CommandRunner does with a shared one. */
export async function handle<Command, Event extends DomainEvent, State>(
  store: EventStore,
  streamId: string,
  decider: Decider<Command, Event, State>,
  command: Command,
  options: HandleOptions<State>,
): Promise<HandleResult<State, Event>> {
  const writer = new CommandWriter(store);
  const result = await writer.submit(streamId, decider, command, options);
  await writer.settled();
  return result;
}



/**
 * The envelope of an event a command appends (DESIGN.md, "Streams and events"). `extra` adds
 * metadata of the caller's, e.g. an import's provenance; the envelope's own fields win.
 */
export function eventEnvelope(event: DomainEvent, context: CommandContext, extra: Record<string, unknown> = {}, eventId: string = randomUUID()): EventData {
  return {
    eventId,
    type: event.type,
    data: event.data,
    metadata: {
      ...extra,
      actor: context.actor,
      occurredAt: context.occurredAt,
      correlationId: context.correlationId ?? context.commandId ?? eventId,
      causationId: context.causationId ?? context.commandId ?? eventId,
      ...(context.commandId ? { commandId: context.commandId } : {}),
      // An imported event keeps the version it was written with, so it is upcast like the original.
      schemaVersion: typeof extra.schemaVersion === 'number' ? extra.schemaVersion : 1,
    },
  };
}
