// The scaled read-model store on a MongoDB replica set. MongoDB has no transaction here, so a
// projection batch is made safe by position guards instead (DESIGN.md, "Read side"): every
// write replaces only an older version, and the checkpoint moves last. A crash between the
// writes and the checkpoint leaves the batch to be replayed, and the replay changes nothing
// that was already written.
import { MongoClient } from 'mongodb';
import type { Collection, Document, DocumentStore, DocumentWrite, ProjectionCheckpoint } from '../document-store.port.js';
import { MongoCollection, type MongoDbLike } from './mongo-collection.js';
import { MongoTimeline, TIMELINE_COLLECTION, TIMELINE_HEADS_COLLECTION } from '../timeline/mongo-timeline.js';
import { TIMELINE } from '../document-store.port.js';
import type { TimelineReader } from '../timeline/timeline.port.js';
import {
  CHECKPOINTS,
  LEASES,
  isDuplicateKey,
  leaseAcquisition,
  mapWriteError,
  toBulkOperations,
  unexpectedBulkErrors,
} from './mongo-mapping.js';

export class MongoDocumentStore implements DocumentStore {
  private readonly versions: MongoTimeline;
  private timelineIndexed = false;

  constructor(
    private readonly db: MongoDbLike,
    private readonly onClose: () => Promise<void> = async () => {},
  ) {
    this.versions = new MongoTimeline(db);
  }

  timeline(): TimelineReader {
    return this.versions;
  }

  /** Connects; the database is `dbName`, else the one in the URL, else `crystalyse`. */
  static async connect(url: string, dbName?: string): Promise<MongoDocumentStore> {
    const client = new MongoClient(url, { serverSelectionTimeoutMS: 10_000 });
    await client.connect();
    const fromUrl = client.options.dbName;
    // ignoreUndefined: an undefined field is left out, as JSON (and the SQLite store) leave it out.
    const db = client.db(dbName ?? (fromUrl && fromUrl !== 'test' ? fromUrl : 'crystalyse'), { ignoreUndefined: true });
    return new MongoDocumentStore(db as unknown as MongoDbLike, () => client.close());
  }

  collection<T extends Document = Document>(name: string): Collection<T> {
    return new MongoCollection<T>(this.db.collection(name), name);
  }

  async applyProjectionBatch(projection: string, writes: DocumentWrite[], position: bigint): Promise<void> {
    const current = await this.getCheckpoint(projection);
    if (current && current.position >= position) return; // already applied: a replay
    // Timeline revisions are idempotent by themselves (guarded by each stream's head), in order.
    const advances = writes.flatMap((w) => (w.kind === 'timeline' ? [w.advance] : []));
    if (advances.length > 0 && !this.timelineIndexed) {
      await this.versions.ensureIndexes();
      this.timelineIndexed = true;
    }
    for (const advance of advances) await this.versions.apply(advance);
    for (const [collection, operations] of toBulkOperations(writes, position)) {
      try {
        await this.db.collection(collection).bulkWrite(operations, { ordered: false });
      } catch (error) {
        const unexpected = unexpectedBulkErrors(error);
        if (unexpected.length > 0) throw mapWriteError(collection, unexpected[0]);
      }
    }
    await this.db
      .collection(CHECKPOINTS)
      .updateOne({ _id: projection }, { $set: { position: position.toString(), updatedAt: new Date().toISOString() } }, { upsert: true });
  }

  async getCheckpoint(projection: string): Promise<ProjectionCheckpoint | null> {
    const doc = await this.db.collection(CHECKPOINTS).findOne({ _id: projection });
    // Reported, not finished here: readers poll this while another process rebuilds, and a
    // reset run from a read would race the rebuild's writes. The leaseholder finishes it.
    if (doc && Array.isArray(doc.resetting)) {
      return { projection, position: -1n, updatedAt: String(doc.updatedAt ?? ''), pendingReset: doc.resetting as string[] };
    }
    return doc ? { projection, position: BigInt(doc.position as string), updatedAt: doc.updatedAt as string } : null;
  }

  /**
   * Not atomic on MongoDB, so the intent is written first: a reset interrupted between its
   * steps is reported by getCheckpoint (pendingReset) and finished by the projection's runner. Leftover documents must not survive into the
   * replay, since their positions would make the guards keep them.
   */
  async resetProjection(projection: string, collections: string[]): Promise<void> {
    await this.db.collection(CHECKPOINTS).updateOne({ _id: projection }, { $set: { resetting: collections } }, { upsert: true });
    for (const collection of collections.flatMap((c) => (c === TIMELINE ? [TIMELINE_COLLECTION, TIMELINE_HEADS_COLLECTION] : [c]))) {
      await this.db.collection(collection).deleteMany({});
    }
    await this.db.collection(CHECKPOINTS).deleteMany({ _id: projection });
  }

  async acquireLease(name: string, owner: string, ttlMs: number, now: Date): Promise<boolean> {
    const { filter, update } = leaseAcquisition(name, owner, ttlMs, now);
    try {
      await this.db.collection(LEASES).updateOne(filter, update, { upsert: true });
      return true;
    } catch (error) {
      // The lease exists, is another owner's and has not expired: the upsert hit its _id.
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async releaseLease(name: string, owner: string): Promise<void> {
    await this.db.collection(LEASES).deleteMany({ _id: name, owner });
  }

  async close(): Promise<void> {
    await this.onClose();
  }
}
