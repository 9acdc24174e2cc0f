// One generic command handler: read (from a snapshot when there is one), fold, decide,
// append with the expected revision, retry on a lost race when the caller allows it.
import { randomUUID } from 'node:crypto';
import { StreamNotFound, WrongExpectedVersion } from '../errors.js';
import type { Actor, EventData, EventStore, ExpectedRevision, RecordedEvent } from '../event-store.port.js';
import type { UpcasterRegistry } from '../upcasting.js';
import type { Decider, DomainEvent } from './decider.js';
import { SnapshotStore, type SnapshotOptions } from './snapshots.js';

/** Who asks and why: becomes the metadata of every event the command appends. */
export interface CommandContext {
  actor: Actor;
  /** The clock is an input: the caller reads it once, replay never does. */
  occurredAt: string;
  correlationId?: string;
  causationId?: string;
  /** Idempotency key: a command seen before returns its first result and appends nothing. */
  commandId?: string;
}

export interface HandleOptions<State> {
  context: CommandContext;
  /** The revision the caller based the command on (HTTP If-Match). Strict: no retry. */
  expectedRevision?: ExpectedRevision;
  /** Retries after WrongExpectedVersion when no expectedRevision was given (re-read, re-decide). */
  retries?: number;
  snapshot?: SnapshotOptions<State> & { store: SnapshotStore };
  upcasters?: UpcasterRegistry;
  newEventId?: () => string;
}

export interface HandleResult<State, Event extends DomainEvent = DomainEvent> {
  streamId: string;
  /** What this command appended (empty for a no-op or a repeated idempotency key). */
  events: RecordedEvent<Event['type']>[];
  nextExpectedRevision: bigint;
  /** Global position of the last event written by this command (or the stream head for a repeat). */
  position: bigint;
  state: State;
  /** True when the idempotency key had been seen: nothing was appended this time. */
  replayed: boolean;
}

export interface LoadedStream<State> {
  state: State;
  /** Revision of the last event folded, or -1n when the stream does not exist. */
  revision: bigint;
  /** Position of the last event folded (0n when none). */
  position: bigint;
  eventsFolded: number;
  lastEvents: RecordedEvent[];
}

export async function loadStream<State, Event extends DomainEvent>(
  store: EventStore,
  streamId: string,
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  options: Pick<HandleOptions<State>, 'snapshot' | 'upcasters'> = {},
): Promise<LoadedStream<State>> {
  const snapshot = options.snapshot ? await options.snapshot.store.load(streamId, options.snapshot) : null;
  let state = snapshot?.state ?? decider.initialState();
  let revision = snapshot?.revision ?? -1n;
  let events: RecordedEvent[] = [];
  try {
    events = await store.readStream(streamId, { fromRevision: revision + 1n });
  } catch (error) {
    if (!(error instanceof StreamNotFound)) throw error;
  }
  for (const raw of events) {
    const event = options.upcasters ? options.upcasters.upcast(raw) : raw;
    state = decider.evolve(state, { type: event.type, data: event.data } as Event);
    revision = event.revision;
  }
  const last = events[events.length - 1];
  return { state, revision, position: last?.position ?? 0n, eventsFolded: events.length, lastEvents: events };
}

export async function handle<Command, Event extends DomainEvent, State>(
  store: EventStore,
  streamId: string,
  decider: Decider<Command, Event, State>,
  command: Command,
  options: HandleOptions<State>,
): Promise<HandleResult<State, Event>> {
  const retries = options.expectedRevision === undefined ? (options.retries ?? 3) : 0;
  for (let attempt = 0; ; attempt++) {
    const loaded = await loadStream(store, streamId, decider, options);
    const repeat = options.context.commandId ? await findCommand(store, streamId, options.context.commandId, loaded) : null;
    if (repeat) return { streamId, events: [], nextExpectedRevision: loaded.revision, position: repeat, state: loaded.state, replayed: true };

    const expected = options.expectedRevision ?? (loaded.revision < 0n ? 'no_stream' : loaded.revision);
    const events = decider.decide(command, loaded.state);
    if (events.length === 0) {
      return { streamId, events: [], nextExpectedRevision: loaded.revision, position: loaded.position, state: loaded.state, replayed: false };
    }
    const toAppend = events.map((e) => toEventData(e, options));
    try {
      const result = await store.appendToStream(streamId, toAppend, { expectedRevision: expected });
      const state = events.reduce(decider.evolve, loaded.state);
      const first = result.nextExpectedRevision - BigInt(events.length) + 1n;
      const recorded = toAppend.map((e, i) => ({ ...e, streamId, revision: first + BigInt(i), position: result.position, created: options.context.occurredAt })) as RecordedEvent<Event['type']>[];
      await maybeSnapshot(streamId, state, result.nextExpectedRevision, loaded, events.length, options);
      return { streamId, events: recorded, nextExpectedRevision: result.nextExpectedRevision, position: result.position, state, replayed: false };
    } catch (error) {
      if (error instanceof WrongExpectedVersion && attempt < retries) continue;
      throw error;
    }
  }
}

function toEventData<State>(event: DomainEvent, options: HandleOptions<State>): EventData {
  const { context } = options;
  const eventId = (options.newEventId ?? randomUUID)();
  return {
    eventId,
    type: event.type,
    data: event.data,
    metadata: {
      actor: context.actor,
      occurredAt: context.occurredAt,
      correlationId: context.correlationId ?? context.commandId ?? eventId,
      causationId: context.causationId ?? context.commandId ?? eventId,
      ...(context.commandId ? { commandId: context.commandId } : {}),
      schemaVersion: 1,
    },
  };
}

/**
 * Idempotency derived from the log itself (no side table to drift): look for the key among the
 * events just folded, then among older ones when a snapshot skipped them. Bounded to the last
 * 1,000 events, which covers any client retry window.
 */
async function findCommand(store: EventStore, streamId: string, commandId: string, loaded: LoadedStream<unknown>): Promise<bigint | null> {
  const hit = (events: RecordedEvent[]) => events.find((e) => e.metadata.commandId === commandId);
  const inLoaded = hit(loaded.lastEvents);
  if (inLoaded) return loaded.position;
  if (loaded.revision < 0n || loaded.eventsFolded >= 1000) return null;
  const recent = await store.readStream(streamId, { direction: 'backwards', fromRevision: 'end', maxCount: 1000 }).catch(() => []);
  return hit(recent) ? (recent[0]?.position ?? loaded.position) : null;
}

async function maybeSnapshot<State>(
  streamId: string,
  state: State,
  revision: bigint,
  loaded: LoadedStream<State>,
  appended: number,
  options: HandleOptions<State>,
): Promise<void> {
  const snap = options.snapshot;
  if (!snap) return;
  const sinceSnapshot = loaded.eventsFolded + appended;
  if (sinceSnapshot >= snap.every) await snap.store.save(streamId, { revision, state }, snap);
}
