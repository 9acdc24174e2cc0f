// Row-level access to rm_documents. Every write goes through here so the text index and the
// multikey flags are updated in the same transaction as the document itself.
import type { Document, Filter } from '../document-store.port.js';
import type { IndexRegistry, Pushdown } from './sqlite-indexes.js';
import { mapDuplicateKey, sqlLiteral, type SqliteContext } from './sqlite-schema.js';
import type { TextIndexes } from './sqlite-text-index.js';

export interface StoredRow {
  rowid: number;
  doc: Document;
}

const CHUNK = 500;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

export class DocumentTable {
  constructor(
    private readonly ctx: SqliteContext,
    private readonly indexes: IndexRegistry,
    private readonly text: TextIndexes,
  ) {}

  /** Rows that may match `filter`: an index lookup when one applies, else the whole collection. */
  candidates(collection: string, filter: Filter): StoredRow[] {
    return this.lookup(collection, filter).rows;
  }

  /** Candidates, and whether they are exactly the matches (no need to test the filter on them). */
  lookup(collection: string, filter: Filter): { rows: StoredRow[]; exact: boolean } {
    this.ctx.sync();
    const plan = this.indexes.plan(collection, filter);
    return { rows: this.fetch(collection, plan), exact: plan?.kind === 'id' && plan.exact };
  }

  private fetch(collection: string, plan: Pushdown | null): StoredRow[] {
    const parse = (rows: unknown[]) => (rows as Array<{ rowid: number; body: string }>).map((r) => ({ rowid: r.rowid, doc: JSON.parse(r.body) as Document }));
    if (plan === null) {
      return parse(this.ctx.stmt('SELECT rowid, body FROM rm_documents WHERE collection = ? ORDER BY rowid').all(collection));
    }
    const seen = new Map<number, StoredRow>();
    if (plan.kind === 'id') {
      for (const ids of chunks([...new Set(plan.ids)])) {
        const sql = `SELECT rowid, body FROM rm_documents WHERE collection = ? AND id IN (${placeholders(ids.length)})`;
        for (const row of parse(this.ctx.stmt(sql).all(collection, ...ids))) seen.set(row.rowid, row);
      }
    } else {
      // One equality lookup per value: SQLite's planner (without ANALYZE statistics) prefers the
      // (collection, id) index over an expression index for IN lists, but not for `=`.
      const sql = `SELECT rowid, body FROM rm_documents WHERE collection = ${sqlLiteral(collection)} AND ${plan.expression} = ?`;
      for (const value of new Set(plan.values)) for (const row of parse(this.ctx.stmt(sql).all(value))) seen.set(row.rowid, row);
    }
    return [...seen.values()].sort((a, b) => a.rowid - b.rowid);
  }

  count(collection: string): number {
    return this.ctx.stmt('SELECT count(*) FROM rm_documents WHERE collection = ?').pluck().get(collection) as number;
  }

  byRowids(rowids: number[]): Map<number, Document> {
    const out = new Map<number, Document>();
    for (const part of chunks(rowids)) {
      const rows = this.ctx.stmt(`SELECT rowid, body FROM rm_documents WHERE rowid IN (${placeholders(part.length)})`).all(...part) as Array<{
        rowid: number;
        body: string;
      }>;
      for (const row of rows) out.set(row.rowid, JSON.parse(row.body) as Document);
    }
    return out;
  }

  insert(collection: string, doc: Document): void {
    const rowid = mapDuplicateKey(collection, () =>
      this.ctx.stmt('INSERT INTO rm_documents (collection, id, body) VALUES (?, ?, ?) RETURNING rowid').pluck().get(collection, doc._id, JSON.stringify(doc)),
    ) as number;
    this.afterWrite(collection, rowid, doc);
  }

  /**
   * Inserts or replaces by `_id`. With `guardPosition`, an existing document is replaced only
   * if its `_position` is lower (or absent): replaying a batch never rolls a document back.
   * Returns whether the document was written.
   */
  put(collection: string, doc: Document, guardPosition?: number): boolean {
    const body = JSON.stringify(doc);
    const rowid = mapDuplicateKey(collection, () =>
      guardPosition === undefined
        ? this.ctx
            .stmt('INSERT INTO rm_documents (collection, id, body) VALUES (?, ?, ?) ON CONFLICT (collection, id) DO UPDATE SET body = excluded.body RETURNING rowid')
            .pluck()
            .get(collection, doc._id, body)
        : this.ctx
            .stmt(
              `INSERT INTO rm_documents (collection, id, body) VALUES (?, ?, ?) ON CONFLICT (collection, id) DO UPDATE SET body = excluded.body
               WHERE json_extract(rm_documents.body, '$._position') IS NULL OR json_extract(rm_documents.body, '$._position') < ? RETURNING rowid`,
            )
            .pluck()
            .get(collection, doc._id, body, guardPosition),
    ) as number | undefined;
    if (rowid === undefined) return false;
    this.afterWrite(collection, rowid, doc);
    return true;
  }

  delete(collection: string, id: string, guardPosition?: number): boolean {
    const rowid = (
      guardPosition === undefined
        ? this.ctx.stmt('DELETE FROM rm_documents WHERE collection = ? AND id = ? RETURNING rowid').pluck().get(collection, id)
        : this.ctx
            .stmt(
              `DELETE FROM rm_documents WHERE collection = ? AND id = ?
               AND (json_extract(body, '$._position') IS NULL OR json_extract(body, '$._position') < ?) RETURNING rowid`,
            )
            .pluck()
            .get(collection, id, guardPosition)
    ) as number | undefined;
    if (rowid === undefined) return false;
    this.text.unindex(collection, rowid);
    return true;
  }

  clear(collection: string): void {
    this.ctx.stmt('DELETE FROM rm_documents WHERE collection = ?').run(collection);
    this.text.clear(collection);
  }

  private afterWrite(collection: string, rowid: number, doc: Document): void {
    this.indexes.noteWrite(collection, doc);
    this.text.index(collection, rowid, doc);
  }
}
