// Loading a stream's state for a command: from the in-process cache or a snapshot when there is
// one, then every event after it from the store, so a cached state is only ever a starting point
// and never stale. Also where a command's idempotency key is looked for in the log itself.
import { StreamNotFound } from '../errors.js';
import type { EventStore, RecordedEvent } from '../event-store.port.js';
import type { UpcasterRegistry } from '../upcasting.js';
import { IDEMPOTENCY_WINDOW } from '../idempotency/idempotency.port.js';
import type { Decider, DomainEvent } from './decider.js';
import type { SnapshotOptions, SnapshotStore } from './snapshots.js';
import type { StateCache } from './state-cache.js';

export interface LoadOptions<State> {
  snapshot?: SnapshotOptions<State> & { store: SnapshotStore };
  /** Folded states kept in memory; loads then read only the events after the cached revision. */
  cache?: StateCache<State>;
  upcasters?: UpcasterRegistry;
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
  /** Events folded since the last snapshot written (see maybeSnapshot). */
  pending: number;
}

export async function loadStream<State, Event extends DomainEvent>(
  store: EventStore,
  streamId: string,
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  options: LoadOptions<State> = {},
): Promise<LoadedStream<State>> {
  const loaded = await loadFromStore(store, streamId, decider, options);
  if (loaded.revision >= 0n) options.cache?.set(streamId, { revision: loaded.revision, state: loaded.state, firstRevision: loaded.firstRevision, position: loaded.position, commandIds: loaded.commandIds, pending: loaded.pending });
  return loaded;
}

async function loadFromStore<State, Event extends DomainEvent>(
  store: EventStore,
  streamId: string,
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  options: LoadOptions<State>,
): Promise<LoadedStream<State>> {
  // A cached state is used like a snapshot: the same checks, and the events after it are read.
  const cached = options.cache?.get(streamId);
  // Nothing written since the cached fold: one cheap look at the stream's head instead of a read
  // (a deleted or recreated stream has another head, so it takes the path below).
  if (cached && (await store.streamRevision(streamId)) === cached.revision) {
    return {
      state: cached.state, revision: cached.revision, position: cached.position ?? 0n, eventsFolded: 0, lastEvents: [], fromSnapshot: true,
      firstRevision: cached.firstRevision ?? 0n, ...(cached.commandIds ? { commandIds: cached.commandIds.slice() } : {}), pending: cached.pending ?? 0,
    };
  }
  let snapshot = cached ?? (options.snapshot ? await options.snapshot.store.load(streamId, options.snapshot) : null);
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
    return { state: decider.initialState(), revision: -1n, position: 0n, eventsFolded: 0, lastEvents: [], fromSnapshot: false, firstRevision: -1n, commandIds: [], pending: 0 };
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
    pending: (snapshot?.pending ?? 0) + events.length,
  };
}

export function rememberCommand(commandIds: string[], commandId: string): void {
  if (commandIds.at(-1) === commandId) return; // one command, several events
  commandIds.push(commandId);
  if (commandIds.length > IDEMPOTENCY_WINDOW) commandIds.splice(0, commandIds.length - IDEMPOTENCY_WINDOW);
}

/**
 * Keys of commands that appended, found in the log itself (no side table to drift): among the
 * events just folded, then among the keys the loader already knew, and only when a persisted
 * snapshot skipped older events, among the last 1,000 events, which covers any client retry
 * window. Returns the stream head's position. (Keys of no-ops are in `store.idempotency`.)
 */
export async function findCommand(store: EventStore, streamId: string, commandId: string, loaded: LoadedStream<unknown>): Promise<bigint | null> {
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
