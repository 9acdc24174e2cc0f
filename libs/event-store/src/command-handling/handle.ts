// One generic command handler: read (from a snapshot when there is one), fold, decide,
// append with the expected revision, retry on a lost race when the caller allows it.
import { randomUUID } from 'node:crypto';
import { StreamNotFound, WrongExpectedVersion } from '../errors.js';
import type { Actor, EventData, EventStore, ExpectedRevision, RecordedEvent } from '../event-store.port.js';
import type { UpcasterRegistry } from '../upcasting.js';
import { IDEMPOTENCY_WINDOW } from '../idempotency/idempotency.port.js';
import { fold, type Decider, type DomainEvent } from './decider.js';
import { SnapshotStore, type SnapshotOptions } from './snapshots.js';
import type { StateCache } from './state-cache.js';

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

export interface HandleOptions<State> {
  context: CommandContext;
  /** The revision the caller based the command on (HTTP If-Match). Strict: no retry. */
  expectedRevision?: ExpectedRevision;
  /** Retries after WrongExpectedVersion when no expectedRevision was given (re-read, re-decide). */
  retries?: number;
  snapshot?: SnapshotOptions<State> & { store: SnapshotStore };
  /** Folded states kept in memory; loads then read only the events after the cached revision. */
  cache?: StateCache<State>;
  upcasters?: UpcasterRegistry;
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

export interface LoadedStream<State> {
  state: State;
  /** Revision of the last event folded, or -1n when the stream does not exist. */
  revision: bigint;
  /** Position of the last event folded (0n when none). */
  position: bigint;
  eventsFolded: number;
  lastEvents: RecordedEvent[];
  /** True when folding started from a snapshot, so `lastEvents` is not the whole stream. */
  fromSnapshot: boolean;
  /** Revision of the first event in `state` (through the snapshot), -1n when none. */
  firstRevision: bigint;
  /** The latest commands' idempotency keys, when every event of that window was folded. */
  commandIds?: string[];
}

export async function loadStream<State, Event extends DomainEvent>(
  store: EventStore,
  streamId: string,
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  options: Pick<HandleOptions<State>, 'snapshot' | 'upcasters' | 'cache'> = {},
): Promise<LoadedStream<State>> {
  const loaded = await loadFromStore(store, streamId, decider, options);
  if (loaded.revision >= 0n) options.cache?.set(streamId, { revision: loaded.revision, state: loaded.state, firstRevision: loaded.firstRevision, position: loaded.position, commandIds: loaded.commandIds });
  return loaded;
}

async function loadFromStore<State, Event extends DomainEvent>(
  store: EventStore,
  streamId: string,
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  options: Pick<HandleOptions<State>, 'snapshot' | 'upcasters' | 'cache'>,
): Promise<LoadedStream<State>> {
  // A cached state is used like a snapshot: the same checks, and the events after it are read.
  let snapshot = options.cache?.get(streamId) ?? (options.snapshot ? await options.snapshot.store.load(streamId, options.snapshot) : null);
  let events: RecordedEvent[];
  try {
    if (snapshot) {
      const [after, [first]] = await Promise.all([
        store.readStream(streamId, { fromRevision: snapshot.revision + 1n }),
        store.readStream(streamId, { maxCount: 1 }),
      ]);
      events = after;
      // The stream now starts elsewhere than the snapshot's first event: it was deleted and
      // recreated (or truncated) since, so the snapshot folds events that are gone.
      if (first?.revision !== (snapshot.firstRevision ?? 0n)) {
        snapshot = null;
        events = await store.readStream(streamId);
      }
    } else {
      events = await store.readStream(streamId);
    }
  } catch (error) {
    if (!(error instanceof StreamNotFound)) throw error;
    options.cache?.delete(streamId);
    return { state: decider.initialState(), revision: -1n, position: 0n, eventsFolded: 0, lastEvents: [], fromSnapshot: false, firstRevision: -1n, commandIds: [] };
  }
  let state = snapshot?.state ?? decider.initialState();
  let revision = snapshot?.revision ?? -1n;
  // A fold from the first event, or from a cached state that knew its keys, knows every recent key.
  const commandIds = snapshot ? snapshot.commandIds?.slice() : [];
  for (const raw of events) {
    const event = options.upcasters ? options.upcasters.upcast(raw) : raw;
    state = decider.evolve(state, { type: event.type, data: event.data } as Event);
    revision = event.revision;
    if (commandIds && typeof raw.metadata.commandId === 'string') rememberCommand(commandIds, raw.metadata.commandId);
  }
  const last = events[events.length - 1];
  return {
    state,
    revision,
    // No newer events: the snapshot's (or cached state's) position, so a no-op never reports 0.
    position: last?.position ?? snapshot?.position ?? 0n,
    eventsFolded: events.length,
    lastEvents: events,
    fromSnapshot: snapshot !== null,
    firstRevision: snapshot ? (snapshot.firstRevision ?? 0n) : (events[0]?.revision ?? -1n),
    ...(commandIds ? { commandIds } : {}),
  };
}

function rememberCommand(commandIds: string[], commandId: string): void {
  if (commandIds.at(-1) === commandId) return; // one command, several events
  commandIds.push(commandId);
  if (commandIds.length > IDEMPOTENCY_WINDOW) commandIds.splice(0, commandIds.length - IDEMPOTENCY_WINDOW);
}

export async function handle<Command, Event extends DomainEvent, State>(
  store: EventStore,
  streamId: string,
  decider: Decider<Command, Event, State>,
  command: Command,
  options: HandleOptions<State>,
): Promise<HandleResult<State, Event>> {
  const retries = options.expectedRevision === undefined ? (options.retries ?? 3) : 0;
  const { commandId } = options.context;
  for (let attempt = 0; ; attempt++) {
    // Looked up beside the load, not after it: a new key (the usual case) costs no extra round trip.
    const [loaded, noop] = await Promise.all([
      loadStream(store, streamId, decider, options),
      commandId && attempt === 0 ? store.idempotency.find(streamId, commandId) : null,
    ]);
    const repeat = commandId ? await findCommand(store, streamId, commandId, loaded) : null;
    if (repeat !== null) return replayed(streamId, loaded.state, loaded.revision, repeat);
    // The first answer, not a new decision: the state may have moved on since, so deciding
    // again could append what the first time found nothing to do.
    if (noop) return replayed(streamId, loaded.state, noop.revision, noop.position);

    const expected = options.expectedRevision ?? (loaded.revision < 0n ? 'no_stream' : loaded.revision);
    const events = decider.decide(command, loaded.state);
    if (events.length === 0) {
      // Recorded before answering: once the caller has this answer, a repeat of the key gets it too.
      if (commandId) await store.idempotency.record(streamId, commandId, { revision: loaded.revision, position: loaded.position });
      return { streamId, events: [], nextExpectedRevision: loaded.revision, position: loaded.position, state: loaded.state, replayed: false };
    }
    const toAppend = events.map((e) => toEventData(e, options));
    let result;
    try {
      result = await store.appendToStream(streamId, toAppend, { expectedRevision: expected });
    } catch (error) {
      if (!(error instanceof WrongExpectedVersion)) throw error;
      if (attempt < retries) continue;
      // A strict revision lost the race, possibly to the same command sent twice (a client
      // retry): that is a repeat, not a conflict.
      if (commandId) {
        const reloaded = await loadStream(store, streamId, decider, options);
        const seen = await findCommand(store, streamId, commandId, reloaded);
        if (seen !== null) return replayed(streamId, reloaded.state, reloaded.revision, seen);
      }
      throw error;
    }
    // fold, not events.reduce(decider.evolve): reduce would call evolve unbound, with extra arguments.
    const state = fold(decider, loaded.state, events);
    const first = result.nextExpectedRevision - BigInt(events.length) + 1n;
    const recorded = toAppend.map((e, i) => ({ ...e, streamId, revision: first + BigInt(i), position: result.position, created: options.context.occurredAt })) as RecordedEvent<Event['type']>[];
    const commandIds = loaded.commandIds?.slice();
    if (commandIds && commandId) rememberCommand(commandIds, commandId);
    options.cache?.set(streamId, { revision: result.nextExpectedRevision, state, firstRevision: loaded.firstRevision < 0n ? first : loaded.firstRevision, position: result.position, commandIds });
    await maybeSnapshot(streamId, state, result.nextExpectedRevision, result.position, loaded, events.length, options);
    return { streamId, events: recorded, nextExpectedRevision: result.nextExpectedRevision, position: result.position, state, replayed: false };
  }
}

function replayed<State>(streamId: string, state: State, revision: bigint, position: bigint): HandleResult<State, never> {
  return { streamId, events: [], nextExpectedRevision: revision, position, state, replayed: true };
}

function toEventData<State>(event: DomainEvent, options: HandleOptions<State>): EventData {
  return eventEnvelope(event, options.context, {}, (options.newEventId ?? randomUUID)());
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

/**
 * Keys of commands that appended, found in the log itself (no side table to drift): among the
 * events just folded, then among the keys the loader already knew, and only when a persisted
 * snapshot skipped older events, among the last 1,000 events, which covers any client retry
 * window. Returns the stream head's position. (Keys of no-ops are in `store.idempotency`.)
 */
async function findCommand(store: EventStore, streamId: string, commandId: string, loaded: LoadedStream<unknown>): Promise<bigint | null> {
  const hit = (events: RecordedEvent[]) => events.some((e) => e.metadata.commandId === commandId);
  if (hit(loaded.lastEvents)) return loaded.position;
  // The loader knew every recent key (a full fold, or the cache's): no need to read the store.
  if (loaded.commandIds) return loaded.commandIds.includes(commandId) ? loaded.position : null;
  if (!loaded.fromSnapshot || loaded.revision < 0n || loaded.eventsFolded >= IDEMPOTENCY_WINDOW) return null;
  let recent: RecordedEvent[];
  try {
    recent = await store.readStream(streamId, { direction: 'backwards', fromRevision: 'end', maxCount: IDEMPOTENCY_WINDOW });
  } catch (error) {
    if (error instanceof StreamNotFound) return null;
    throw error;
  }
  return hit(recent) ? (recent[0]?.position ?? loaded.position) : null;
}

async function maybeSnapshot<State>(
  streamId: string,
  state: State,
  revision: bigint,
  position: bigint,
  loaded: LoadedStream<State>,
  appended: number,
  options: HandleOptions<State>,
): Promise<void> {
  const snap = options.snapshot;
  if (!snap) return;
  // Snapshot when the stream crosses a multiple of `every` (or when a load had to fold that many
  // events), which does not depend on whether the load started from the cache.
  const crossed = (revision + 1n) / BigInt(snap.every) > (revision + 1n - BigInt(appended)) / BigInt(snap.every);
  if (!crossed && loaded.eventsFolded + appended < snap.every) return;
  const firstRevision = loaded.firstRevision >= 0n ? loaded.firstRevision : revision - BigInt(appended) + 1n;
  try {
    await snap.store.save(streamId, { revision, state, firstRevision, position }, snap);
  } catch {
    // The command is committed; a snapshot is only a cache. Failing here would report an error
    // for a write that happened, and the next load simply folds more events.
  }
}
