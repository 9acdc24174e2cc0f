// Tables of the embedded read-model store. The `rm_` prefix lets the event store and the read
// models share one SQLite file without clashing.
import type { Database, Statement } from 'better-sqlite3';
import { DuplicateKeyError } from '../errors.js';

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS rm_documents (
  collection TEXT NOT NULL,
  id TEXT NOT NULL,
  body TEXT NOT NULL,
  UNIQUE (collection, id)
);
CREATE TABLE IF NOT EXISTS rm_indexes (
  collection TEXT NOT NULL,
  name TEXT NOT NULL,
  fields TEXT NOT NULL,
  is_unique INTEGER NOT NULL,
  multikey INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (collection, name)
);
CREATE TABLE IF NOT EXISTS rm_text_indexes (
  collection TEXT PRIMARY KEY,
  fts_table TEXT NOT NULL,
  fields TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS rm_checkpoints (
  projection TEXT PRIMARY KEY,
  position TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS rm_leases (
  name TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
`;

/** SQL string literal; collection names are inlined so SQLite can match partial indexes. */
export function sqlLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

const FIELD_PATH = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

/** `json_extract` path for a dotted field; each segment quoted so `-` and digits stay keys. */
export function jsonPath(field: string): string {
  if (!FIELD_PATH.test(field)) throw new Error(`Unsupported field path for an index: '${field}'`);
  return `$${field
    .split('.')
    .map((segment) => `."${segment}"`)
    .join('')}`;
}

/**
 * Shared by the store's parts: one connection, a statement cache, and a cheap way to notice
 * that another connection committed (so cached index metadata is reloaded, not trusted).
 */
export class SqliteContext {
  private readonly statements = new Map<string, Statement>();
  private readonly versionStatement: Statement;
  private lastSeenVersion = -1;
  private readonly listeners: Array<() => void> = [];

  constructor(readonly db: Database) {
    this.versionStatement = db.prepare('PRAGMA data_version').pluck();
  }

  stmt(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Caches register here to be dropped when another connection has committed. */
  onExternalChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Call before using cached metadata: drops the caches if another connection committed. */
  sync(): void {
    const version = this.versionStatement.get() as number;
    if (version === this.lastSeenVersion) return;
    this.lastSeenVersion = version;
    for (const listener of this.listeners) listener();
  }

  /** Runs `fn` in a write transaction taken up front, so concurrent writers queue on busy_timeout. */
  write<R>(fn: () => R): R {
    if (this.db.inTransaction) return fn();
    return this.db.transaction(fn).immediate();
  }
}

/** Runs a write, turning SQLite's unique-constraint failure into the port's DuplicateKeyError. */
export function mapDuplicateKey<R>(collection: string, write: () => R): R {
  try {
    return write();
  } catch (error) {
    // Matched by code, not `instanceof SqliteError`: the native addon keeps the error class of
    // whichever copy of better-sqlite3 loaded last, and Jest loads one copy per test file.
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT_UNIQUE')) {
      throw new DuplicateKeyError(collection, (error as Error).message);
    }
    throw error;
  }
}
