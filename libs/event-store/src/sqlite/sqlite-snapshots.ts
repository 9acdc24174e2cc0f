// Snapshots in the event store's own file: one row per stream, overwritten in place, so the bytes
// they take are bounded by the number of streams, whatever the length of their histories.
// Written through the group commit, like every other write to the file.
import type Database from 'better-sqlite3';
import type { SnapshotStorage } from '../snapshots/snapshot-storage.port.js';
import type { GroupCommit } from './group-commit.js';
import type { SqliteDatabase } from './schema.js';
import { packJsonAsync, unpackJson, type PackedJson } from '../packing/packed-json.js';

export class SqliteSnapshotStorage implements SnapshotStorage {
  private readonly upsert: Database.Statement<[string, PackedJson]>;
  private readonly select: Database.Statement<[string], PackedJson>;

  constructor(
    db: SqliteDatabase,
    private readonly writer: GroupCommit,
  ) {
    this.upsert = db.prepare('INSERT INTO snapshots (stream_id, data) VALUES (?, ?) ON CONFLICT (stream_id) DO UPDATE SET data = excluded.data');
    this.select = db.prepare<[string], PackedJson>('SELECT data FROM snapshots WHERE stream_id = ?').pluck();
  }

  async read(streamId: string): Promise<unknown | null> {
    const data = this.select.get(streamId);
    return data === undefined ? null : (JSON.parse(unpackJson(data)) as unknown);
  }

  async write(streamId: string, data: unknown): Promise<void> {
    // Serialised and deflated before queueing (deflating in zlib's thread pool, off the event
    // loop: a large state takes milliseconds), so the group transaction only copies bytes.
    const packed = await packJsonAsync(JSON.stringify(data));
    await this.writer.submit(() => {
      this.upsert.run(streamId, packed);
    });
  }
}
