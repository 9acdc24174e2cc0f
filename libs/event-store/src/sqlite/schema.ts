// The embedded store's on-disk layout: one SQLite file, one append-only `events` table whose
// rowid is the global `$all` position, and one `streams` row per stream holding what an append
// needs (head revision, last hash, state, metadata) so that no append re-reads old events, and a
// small `command_outcomes` table for the idempotency keys of commands that appended nothing.
import Database from 'better-sqlite3';
import type { PackedJson } from '../packing/packed-json.js';

export type SqliteDatabase = Database.Database;

export interface SqliteEventStoreOptions {
  path: string | ':memory:';
  /**
   * FULL (default): a resolved write survives power loss (the WAL is fsynced before the write's
   * promise settles, in the thread pool: see group-commit.ts). NORMAL: it survives a process
   * crash only (the OS holds it until SQLite's next checkpoint).
   */
  synchronous?: 'FULL' | 'NORMAL';
  /** How long a write waits for another process holding the file's write lock. */
  busyTimeoutMs?: number;
  /** Events a subscription reads per query while catching up (default 500). */
  subscriptionPageSize?: number;
  /** How often a waiting subscription looks for other processes' writes (default 250 ms). */
  subscriptionPollMs?: number;
}

/** Stream lifecycle as stored in `streams.state`. */
export const LIVE = 0;
export const SOFT_DELETED = 1;
export const TOMBSTONED = 2;
export type StreamState = typeof LIVE | typeof SOFT_DELETED | typeof TOMBSTONED;

export interface StreamRow {
  stream_id: string;
  /** Revision of the last event ever written, -1 when none (metadata-only stream). */
  revision: number;
  /** Hash of that event ('' when none): the next append chains from it. */
  last_hash: string;
  last_position: number;
  state: StreamState;
  /** Stream metadata as JSON (truncateBefore as a string), or null when never set. */
  metadata: string | null;
}

export interface EventRow {
  position: number;
  stream_id: string;
  revision: number;
  event_id: string;
  type: string;
  /** JSON, packed when long (packing/packed-json.ts): TEXT or BLOB. */
  data: PackedJson;
  metadata: PackedJson;
  created: string;
}

const SCHEMA = `
-- data and metadata are JSON, packed when long (packing/packed-json.ts): TEXT or BLOB.
CREATE TABLE IF NOT EXISTS events (
  position  INTEGER PRIMARY KEY AUTOINCREMENT,
  stream_id TEXT    NOT NULL,
  revision  INTEGER NOT NULL,
  event_id  TEXT    NOT NULL,
  type      TEXT    NOT NULL,
  data      TEXT    NOT NULL,
  metadata  TEXT    NOT NULL,
  created   TEXT    NOT NULL,
  UNIQUE (stream_id, revision)
);
CREATE INDEX IF NOT EXISTS events_by_event_id ON events (stream_id, event_id);
CREATE TABLE IF NOT EXISTS streams (
  stream_id     TEXT    PRIMARY KEY,
  revision      INTEGER NOT NULL,
  last_hash     TEXT    NOT NULL,
  last_position INTEGER NOT NULL,
  state         INTEGER NOT NULL DEFAULT 0,
  metadata      TEXT
) WITHOUT ROWID;
-- Answers of keyed commands that appended nothing (see idempotency.port.ts); \`seq\` orders them
-- so that only the latest keys of each stream are kept.
CREATE TABLE IF NOT EXISTS command_outcomes (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  stream_id  TEXT    NOT NULL,
  command_id TEXT    NOT NULL,
  revision   INTEGER NOT NULL,
  position   INTEGER NOT NULL,
  UNIQUE (stream_id, command_id)
);
CREATE INDEX IF NOT EXISTS command_outcomes_by_stream ON command_outcomes (stream_id);
CREATE TABLE IF NOT EXISTS snapshots (
  stream_id TEXT PRIMARY KEY,
  data      TEXT NOT NULL
) WITHOUT ROWID;
`;

export function openDatabase(options: SqliteEventStoreOptions): SqliteDatabase {
  const synchronous = options.synchronous ?? 'FULL';
  if (synchronous !== 'FULL' && synchronous !== 'NORMAL') throw new Error(`Unsupported synchronous mode ${String(synchronous)}`);
  const db = new Database(options.path);
  // WAL lets readers (subscriptions, other processes) run while a group commit writes.
  db.pragma('journal_mode = WAL');
  // FULL's fsync is the store's own, off the event loop (see group-commit.ts): SQLite's part is
  // NORMAL in both modes. A file-less database has nothing to sync.
  db.pragma(`synchronous = ${walFileOf(options) ? 'NORMAL' : synchronous}`);
  db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
  db.exec(SCHEMA);
  return db;
}

/** The WAL file the store fsyncs itself when its writes must survive power loss, if any. */
export function walFileOf(options: SqliteEventStoreOptions): string | null {
  if ((options.synchronous ?? 'FULL') !== 'FULL') return null;
  if (options.path === ':memory:' || options.path === '' || options.path.startsWith('file:')) return null;
  return `${options.path}-wal`;
}
