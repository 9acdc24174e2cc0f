// Snapshots live in a side stream (`snapshot-{streamId}`) of the same store, so they work on
// every adapter and are trimmed by the store's own $maxCount.
import { randomUUID } from 'node:crypto';
import { StreamDeleted, StreamNotFound } from '../errors.js';
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
}

export interface SnapshotOptions<State> {
  /** Take a snapshot once this many events were folded since the last one. */
  every: number;
  /** Bump when the state's shape changes: older snapshots are ignored, not misread. */
  version: string;
  toJSON?: (state: State) => unknown;
  fromJSON?: (json: any) => State;
}

export const snapshotStream = (streamId: string) => `snapshot-${streamId}`;

const SNAPSHOT_TYPE = 'Snapshot';
const KEEP_SNAPSHOTS = 3;

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
    let data: Partial<StoredSnapshot> | undefined;
    try {
      const [latest] = await this.store.readStream(snapshotStream(streamId), { direction: 'backwards', fromRevision: 'end', maxCount: 1 });
      data = latest?.data as Partial<StoredSnapshot> | undefined;
    } catch (error) {
      // A snapshot is a cache: when its stream is gone, fold from the start.
      if (error instanceof StreamNotFound || error instanceof StreamDeleted) return null;
      throw error;
    }
    if (!data || data.version !== options.version || !isRevision(data.revision)) return null;
    const state = options.fromJSON ? options.fromJSON(data.state) : (data.state as State);
    const firstRevision = isRevision(data.firstRevision) ? BigInt(data.firstRevision) : 0n;
    return { revision: BigInt(data.revision), state, firstRevision, ...(isRevision(data.position) ? { position: BigInt(data.position) } : {}) };
  }

  async save<State>(streamId: string, snapshot: Snapshot<State>, options: SnapshotOptions<State>): Promise<void> {
    const stream = snapshotStream(streamId);
    const state = options.toJSON ? options.toJSON(snapshot.state) : snapshot.state;
    const data: StoredSnapshot = {
      version: options.version,
      revision: snapshot.revision.toString(),
      firstRevision: (snapshot.firstRevision ?? 0n).toString(),
      ...(snapshot.position !== undefined ? { position: snapshot.position.toString() } : {}),
      state,
    };
    await this.store.appendToStream(stream, [
      {
        eventId: randomUUID(),
        type: SNAPSHOT_TYPE,
        data,
        metadata: {
          actor: { userId: 'system', via: 'system' },
          occurredAt: new Date().toISOString(),
          correlationId: streamId,
          causationId: streamId,
          schemaVersion: 1,
        },
      },
    ]);
    // Checked on every save, not only the first: a failed first setting (or a recreated stream)
    // must not leave the side stream growing without bound. Reading it is cheap.
    const metadata = await this.store.getStreamMetadata(stream);
    if (metadata.maxCount !== KEEP_SNAPSHOTS) await this.store.setStreamMetadata(stream, { ...metadata, maxCount: KEEP_SNAPSHOTS });
  }
}
