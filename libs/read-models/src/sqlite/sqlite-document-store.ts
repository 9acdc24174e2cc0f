// The embedded read-model store: one SQLite file (WAL) holding every collection as JSON rows,
// projection checkpoints and leases. A projection batch and its checkpoint commit in one
// transaction, so a crash can never separate them.
import { hostname } from 'node:os';
import Database from 'better-sqlite3';
import type { Collection, Document, DocumentStore, DocumentWrite, ProjectionCheckpoint } from '../document-store.port.js';
import { POSITION_FIELD, toDocumentPosition } from '../positions.js';
import { SqliteCollection, type SqliteParts } from './sqlite-collection.js';
import { DocumentTable } from './sqlite-documents.js';
import { IndexRegistry } from './sqlite-indexes.js';
import { SCHEMA, SqliteContext } from './sqlite-schema.js';
import { TextIndexes } from './sqlite-text-index.js';
import { SqliteTimeline } from '../timeline/sqlite-timeline.js';
import { TIMELINE } from '../document-store.port.js';
import type { TimelineReader } from '../timeline/timeline.port.js';

export interface SqliteDocumentStoreOptions {
  /** A file path, or ':memory:'. */
  filename: string;
  /**
   * NORMAL (default) survives a process crash; a power loss may lose the last batches, but
   * always together with their checkpoint, so they are simply projected again.
   */
  synchronous?: 'NORMAL' | 'FULL';
  busyTimeoutMs?: number;
}

export class SqliteDocumentStore implements DocumentStore {
  private readonly db: Database.Database;
  private readonly parts: SqliteParts;
  private readonly versions: SqliteTimeline;

  constructor(options: SqliteDocumentStoreOptions) {
    this.db = new Database(options.filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
    this.db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    this.db.exec(SCHEMA);
    const ctx = new SqliteContext(this.db);
    const indexes = new IndexRegistry(ctx);
    const text = new TextIndexes(ctx);
    this.parts = { ctx, indexes, text, documents: new DocumentTable(ctx, indexes, text) };
    this.versions = new SqliteTimeline(this.db);
  }

  timeline(): TimelineReader {
    return this.versions;
  }

  static open(filename: string): SqliteDocumentStore {
    return new SqliteDocumentStore({ filename });
  }

  collection<T extends Document = Document>(name: string): Collection<T> {
    return new SqliteCollection<T>(this.parts, name);
  }

  async applyProjectionBatch(projection: string, writes: DocumentWrite[], position: bigint): Promise<void> {
    const { ctx, documents } = this.parts;
    ctx.write(() => {
      ctx.sync();
      const current = this.readCheckpoint(projection);
      // A batch at or below the checkpoint is already in the store (a replay): leave it be.
      if (current && current.position >= position) return;
      for (const write of writes) {
        if (write.kind === 'put') {
          const stamped = write.document[POSITION_FIELD];
          documents.put(write.collection, write.document, typeof stamped === 'number' ? stamped : toDocumentPosition(position));
        } else if (write.kind === 'delete') {
          documents.delete(write.collection, write.id, toDocumentPosition(position));
        } else {
          this.versions.apply(write.advance);
        }
      }
      ctx
        .stmt(
          `INSERT INTO rm_checkpoints (projection, position, updated_at) VALUES (?, ?, ?)
           ON CONFLICT (projection) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
        )
        .run(projection, position.toString(), new Date().toISOString());
    });
  }

  async getCheckpoint(projection: string): Promise<ProjectionCheckpoint | null> {
    return this.readCheckpoint(projection);
  }

  async resetProjection(projection: string, collections: string[]): Promise<void> {
    const { ctx, documents } = this.parts;
    ctx.write(() => {
      ctx.sync();
      for (const collection of collections) {
        if (collection === TIMELINE) this.versions.clear();
        else documents.clear(collection);
      }
      ctx.stmt('DELETE FROM rm_checkpoints WHERE projection = ?').run(projection);
    });
  }

  async acquireLease(name: string, owner: string, ttlMs: number, now: Date): Promise<boolean> {
    // A holder on this machine whose process is gone (killed with -9, say) holds nothing: the file
    // is local, so its owner id (host:pid:...) says whether it still runs; without this, a restart
    // after a crash left every projection idle until the dead process's lease expired.
    const held = this.parts.ctx.stmt('SELECT owner FROM rm_leases WHERE name = ?').get(name) as { owner: string } | undefined;
    if (held && held.owner !== owner && holderIsGone(held.owner)) this.parts.ctx.stmt('DELETE FROM rm_leases WHERE name = ? AND owner = ?').run(name, held.owner);
    // One statement: the write lock makes take-over atomic across processes sharing the file.
    const result = this.parts.ctx
      .stmt(
        `INSERT INTO rm_leases (name, owner, expires_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
         WHERE rm_leases.owner = excluded.owner OR rm_leases.expires_at <= ?`,
      )
      .run(name, owner, now.getTime() + ttlMs, now.getTime());
    return result.changes === 1;
  }

  async releaseLease(name: string, owner: string): Promise<void> {
    this.parts.ctx.stmt('DELETE FROM rm_leases WHERE name = ? AND owner = ?').run(name, owner);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private readCheckpoint(projection: string): ProjectionCheckpoint | null {
    const row = this.parts.ctx.stmt('SELECT position, updated_at FROM rm_checkpoints WHERE projection = ?').get(projection) as
      | { position: string; updated_at: string }
      | undefined;
    return row ? { projection, position: BigInt(row.position), updatedAt: row.updated_at } : null;
  }
}

/** True when `owner` (host:pid:...) names a process on this host that no longer runs. */
function holderIsGone(owner: string): boolean {
  const [host, pidText] = owner.split(':');
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: it runs under another user; only ESRCH says it is gone.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
