// Snapshots of folded states: versioned (a state of another shape is ignored, not misread) and
// kept in the store's own bounded snapshot storage (`store.snapshots`: one row per stream in the
// embedded store, a side stream with $maxCount on EventStoreDB).
import type { EventStore } from '../event-store.port.js';

export interface Snapshot<State> {
  /** Revision of the last event folded into `state`. */
  revision: bigint;
  state: State;
  /**
   * Revision of the first event folded into `state` (0n when absent). A stream whose first
   * visible event is another one was soft-deleted and recreated (or truncated) since: the
   * snapshot describes events that are gone.
   */
  firstRevision?: bigint;
  /** Global position of the event at `revision`, when known: what a load with no newer events reports. */
  position?: bigint;
  /**
   * Idempotency keys of the latest commands folded into `state`, oldest first (a bounded window).
   * Kept by the in-process cache only; absent when not every event of the window was seen.
   */
  commandIds?: string[];
  /** Events folded into `state` since the last snapshot written (kept by the in-process cache). */
  pending?: number;
}

export interface SnapshotOptions<State> {
  /** Take a snapshot once this many events were folded since the last one (at least). */
  every: number;
  /**
   * How big the state is (records, say): a snapshot then waits for a quarter as many events, so
   * writing it, which costs its size, costs each event a constant share however big the state grows.
   */
  sizeOf?: (state: State) => number;
  /** Bump when the state's shape changes: older snapshots are ignored, not misread. */
  version: string;
  toJSON?: (state: State) => unknown;
  fromJSON?: (json: any) => State;
}

interface StoredSnapshot {
  version: string;
  /** Revisions are strings: JSON has no bigint. */
  revision: string;
  firstRevision?: string;
  position?: string;
  state: unknown;
}

const isRevision = (value: unknown): value is string => typeof value === 'string' && /^\d+$/.test(value);

export class SnapshotStore {
  constructor(private readonly store: EventStore) {}

  async load<State>(streamId: string, options: SnapshotOptions<State>): Promise<Snapshot<State> | null> {
    const data = (await this.store.snapshots.read(streamId)) as Partial<StoredSnapshot> | null;
    if (!data || data.version !== options.version || !isRevision(data.revision)) return null;
    const state = options.fromJSON ? options.fromJSON(data.state) : (data.state as State);
    const firstRevision = isRevision(data.firstRevision) ? BigInt(data.firstRevision) : 0n;
    return { revision: BigInt(data.revision), state, firstRevision, ...(isRevision(data.position) ? { position: BigInt(data.position) } : {}) };
  }

  async save<State>(streamId: string, snapshot: Snapshot<State>, options: SnapshotOptions<State>): Promise<void> {
    const state = options.toJSON ? options.toJSON(snapshot.state) : snapshot.state;
    const data: StoredSnapshot = {
      version: options.version,
      revision: snapshot.revision.toString(),
      firstRevision: (snapshot.firstRevision ?? 0n).toString(),
      ...(snapshot.position !== undefined ? { position: snapshot.position.toString() } : {}),
      state,
    };
    await this.store.snapshots.write(streamId, data);
  }

}

/**
 * Starts a snapshot once enough events were folded since the last one (`pending`): `every`, or a
 * quarter of the state's size when that is more. Returns the save in progress, or null when none is
 * due; the caller does not wait for it on the write path.
 */
export function maybeSnapshot<State>(
  streamId: string,
  state: State,
  revision: bigint,
  position: bigint,
  loaded: { firstRevision: bigint },
  appended: number,
  pending: number,
  options: { snapshot?: SnapshotOptions<State> & { store: SnapshotStore } },
): Promise<void> | null {
  const snap = options.snapshot;
  if (!snap) return null;
  const interval = Math.max(snap.every, Math.ceil((snap.sizeOf?.(state) ?? 0) / 4));
  if (pending < interval) return null;
  const firstRevision = loaded.firstRevision >= 0n ? loaded.firstRevision : revision - BigInt(appended) + 1n;
  // The command is committed; a snapshot is only a cache. A failure here must not report an
  // error for a write that happened: the next load simply folds more events.
  return snap.store.save(streamId, { revision, state, firstRevision, position }, snap).catch(() => undefined);
}
