// Snapshots in a side stream of the same store (`snapshot-{streamId}`) with $maxCount: a thin
// mapping for EventStoreDB, whose scavenge frees what $maxCount hides (run it on a schedule: until
// then the older snapshots still take space). The embedded store overwrites one row instead.
import { randomUUID } from 'node:crypto';
import { StreamDeleted, StreamNotFound } from '../errors.js';
import type { EventStore } from '../event-store.port.js';
import type { SnapshotStorage } from './snapshot-storage.port.js';

export const snapshotStream = (streamId: string) => `snapshot-${streamId}`;

const SNAPSHOT_TYPE = 'Snapshot';
/** The latest and the one before it: a reader racing a write still finds a whole snapshot. */
export const SIDE_STREAM_SNAPSHOTS_KEPT = 2;

export class SideStreamSnapshotStorage implements SnapshotStorage {
  constructor(private readonly store: Pick<EventStore, 'appendToStream' | 'readStream' | 'getStreamMetadata' | 'setStreamMetadata'>) {}

  async read(streamId: string): Promise<unknown | null> {
    try {
      const [latest] = await this.store.readStream(snapshotStream(streamId), { direction: 'backwards', fromRevision: 'end', maxCount: 1 });
      return latest?.data ?? null;
    } catch (error) {
      // A snapshot is a cache: when its stream is gone, fold from the start.
      if (error instanceof StreamNotFound || error instanceof StreamDeleted) return null;
      throw error;
    }
  }

  async write(streamId: string, data: unknown): Promise<void> {
    const stream = snapshotStream(streamId);
    await this.store.appendToStream(stream, [
      {
        eventId: randomUUID(),
        type: SNAPSHOT_TYPE,
        data,
        metadata: { actor: { userId: 'system', via: 'system' }, occurredAt: new Date().toISOString(), correlationId: streamId, causationId: streamId, schemaVersion: 1 },
      },
    ]);
    // Checked on every write, not only the first: a failed first setting (or a recreated stream)
    // must not leave the side stream growing without bound. Reading it is cheap.
    const metadata = await this.store.getStreamMetadata(stream);
    if (metadata.maxCount !== SIDE_STREAM_SNAPSHOTS_KEPT) await this.store.setStreamMetadata(stream, { ...metadata, maxCount: SIDE_STREAM_SNAPSHOTS_KEPT });
  }
}
