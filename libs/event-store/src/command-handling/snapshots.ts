// Snapshots live in a side stream (`snapshot-{streamId}`) of the same store, so they work on
// every adapter and are trimmed by the store's own $maxCount.
import { StreamNotFound } from '../errors.js';
import type { EventStore } from '../event-store.port.js';
import { randomUUID } from 'node:crypto';

export interface Snapshot<State> {
  /** Revision of the last event folded into `state`. */
  revision: bigint;
  state: State;
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

export class SnapshotStore {
  constructor(private readonly store: EventStore) {}

  async load<State>(streamId: string, options: SnapshotOptions<State>): Promise<Snapshot<State> | null> {
    try {
      const [latest] = await this.store.readStream(snapshotStream(streamId), { direction: 'backwards', fromRevision: 'end', maxCount: 1 });
      const data = latest?.data as { version: string; revision: string; state: unknown } | undefined;
      if (!data || data.version !== options.version) return null;
      const state = options.fromJSON ? options.fromJSON(data.state) : (data.state as State);
      return { revision: BigInt(data.revision), state };
    } catch (error) {
      if (error instanceof StreamNotFound) return null;
      throw error;
    }
  }

  async save<State>(streamId: string, snapshot: Snapshot<State>, options: SnapshotOptions<State>): Promise<void> {
    const stream = snapshotStream(streamId);
    const state = options.toJSON ? options.toJSON(snapshot.state) : snapshot.state;
    const result = await this.store.appendToStream(stream, [
      {
        eventId: randomUUID(),
        type: SNAPSHOT_TYPE,
        data: { version: options.version, revision: snapshot.revision.toString(), state },
        metadata: {
          actor: { userId: 'system', via: 'system' },
          occurredAt: new Date().toISOString(),
          correlationId: streamId,
          causationId: streamId,
          schemaVersion: 1,
        },
      },
    ]);
    if (result.nextExpectedRevision === 0n) await this.store.setStreamMetadata(stream, { maxCount: KEEP_SNAPSHOTS });
  }
}
