// A collection's text index: one contentless FTS5 table whose rowids are rm_documents rowids,
// rewritten in the same transaction as each document write so search never sees a stale text.
// The porter tokenizer approximates MongoDB's English stemming ("batteries" finds "battery").
import { createHash } from 'node:crypto';
import type { Document } from '../document-store.port.js';
import { InvalidOperationError } from '../errors.js';
import { matchExpression, parseTextQuery, scoringExpression, scoringUnits } from './fts-query.js';
import type { SqliteContext } from './sqlite-schema.js';

interface TextIndex {
  table: string;
  fields: string[];
}

export interface TextHit {
  rowid: number;
  score: number;
}

function valuesAt(value: unknown, segments: string[]): unknown[] {
  if (Array.isArray(value)) return value.flatMap((item) => valuesAt(item, segments));
  if (segments.length === 0) return [value];
  if (value === null || typeof value !== 'object') return [];
  return valuesAt((value as Record<string, unknown>)[segments[0]!], segments.slice(1));
}

function collectText(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (typeof value === 'number') out.push(String(value));
  else if (Array.isArray(value)) for (const item of value) collectText(item, out);
  else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) collectText(item, out);
}

/** The searchable text of a document: every string (and number) under the indexed fields. */
export function flattenText(doc: Document, fields: string[]): string {
  const out: string[] = [];
  for (const field of fields) for (const value of valuesAt(doc, field.split('.'))) collectText(value, out);
  return out.join('\n');
}

export class TextIndexes {
  private cache = new Map<string, TextIndex | null>();

  constructor(private readonly ctx: SqliteContext) {
    ctx.onExternalChange(() => this.cache.clear());
  }

  get(collection: string): TextIndex | null {
    if (!this.cache.has(collection)) {
      const row = this.ctx.stmt('SELECT fts_table, fields FROM rm_text_indexes WHERE collection = ?').get(collection) as
        | { fts_table: string; fields: string }
        | undefined;
      this.cache.set(collection, row ? { table: row.fts_table, fields: JSON.parse(row.fields) as string[] } : null);
    }
    return this.cache.get(collection)!;
  }

  /** One text index per collection, as in MongoDB; asking for other fields is refused. */
  create(collection: string, fields: string[]): void {
    if (fields.length === 0) throw new InvalidOperationError('A text index needs at least one field');
    const existing = this.get(collection);
    if (existing) {
      if (existing.fields.join('\0') !== fields.join('\0')) {
        throw new InvalidOperationError(`${collection} already has a text index over ${existing.fields.join(', ')}`);
      }
      return;
    }
    const table = `rmfts_${createHash('sha1').update(collection).digest('hex').slice(0, 20)}`;
    this.ctx.db.exec(
      `CREATE VIRTUAL TABLE IF NOT EXISTS "${table}" USING fts5(body, content='', contentless_delete=1, tokenize='porter unicode61 remove_diacritics 2')`,
    );
    this.ctx.stmt('INSERT INTO rm_text_indexes (collection, fts_table, fields) VALUES (?, ?, ?)').run(collection, table, JSON.stringify(fields));
    this.cache.delete(collection);
    const rows = this.ctx.stmt('SELECT rowid, body FROM rm_documents WHERE collection = ?').all(collection) as Array<{ rowid: number; body: string }>;
    for (const row of rows) this.index(collection, row.rowid, JSON.parse(row.body) as Document);
  }

  index(collection: string, rowid: number, doc: Document): void {
    const text = this.get(collection);
    if (!text) return;
    this.ctx.stmt(`DELETE FROM "${text.table}" WHERE rowid = ?`).run(rowid);
    const body = flattenText(doc, text.fields);
    if (body !== '') this.ctx.stmt(`INSERT INTO "${text.table}" (rowid, body) VALUES (?, ?)`).run(rowid, body);
  }

  unindex(collection: string, rowid: number): void {
    const text = this.get(collection);
    if (text) this.ctx.stmt(`DELETE FROM "${text.table}" WHERE rowid = ?`).run(rowid);
  }

  clear(collection: string): void {
    const text = this.get(collection);
    if (text) this.ctx.stmt(`INSERT INTO "${text.table}" ("${text.table}") VALUES ('delete-all')`).run();
  }

  /**
   * Matching rowids, best first. Score = number of query words/phrases the document contains,
   * plus bm25 squashed into [0, 1): MongoDB ranks documents with more of the words higher, and
   * bm25 alone would not (its IDF falls to ~0 for a word in most documents).
   */
  /**
   * Every match ranked; or, with a window, only the `newest` latest written matches below rowid
   * `before` (FTS5 walks rowids newest first and stops there).
   */
  search(collection: string, search: string, window?: { newest: number; before?: number }): TextHit[] {
    const text = this.get(collection);
    if (!text) throw new InvalidOperationError(`text index required for $text query on ${collection}`);
    const query = parseTextQuery(search);
    const match = matchExpression(query);
    const scoring = scoringExpression(query);
    if (match === null || scoring === null) return [];
    const bounded = window !== undefined;
    const ranked = (bounded
      ? this.ctx.stmt(`SELECT rowid, bm25("${text.table}") AS rank FROM "${text.table}" WHERE "${text.table}" MATCH ? AND rowid < ? ORDER BY rowid DESC LIMIT ?`)
        .all(scoring, window.before ?? Number.MAX_SAFE_INTEGER, window.newest)
      : this.ctx.stmt(`SELECT rowid, bm25("${text.table}") AS rank FROM "${text.table}" WHERE "${text.table}" MATCH ?`).all(scoring)) as Array<{
      rowid: number;
      rank: number;
    }>;
    // The other lookups need only the rowids ranked: from the oldest of them on.
    const from = bounded && ranked.length > 0 ? Math.min(...ranked.map((r) => r.rowid)) : 0;
    const rowidsOf = (expression: string) =>
      new Set(this.ctx.stmt(`SELECT rowid FROM "${text.table}" WHERE "${text.table}" MATCH ? AND rowid >= ?`).pluck().all(expression, from) as number[]);
    const required = query.phrases.length > 0 ? rowidsOf(match) : null;
    const units = scoringUnits(query);
    const unitHits = units.length > 1 ? units.map(rowidsOf) : null;
    return ranked
      .filter((row) => required === null || required.has(row.rowid))
      .map((row) => {
        const matchedUnits = unitHits ? unitHits.filter((hits) => hits.has(row.rowid)).length : 1;
        const relevance = Math.max(0, -row.rank);
        return { rowid: row.rowid, score: matchedUnits + relevance / (1 + relevance) };
      })
      .sort((a, b) => b.score - a.score || a.rowid - b.rowid);
  }
}
