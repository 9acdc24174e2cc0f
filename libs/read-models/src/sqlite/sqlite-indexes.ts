// Regular indexes: SQLite partial expression indexes over json_extract, one set per collection.
// `find` uses them to fetch candidates for a top-level equality before mingo checks the whole
// filter. As in MongoDB, an index whose field ever held an array is "multikey": json_extract
// would return the whole array there, so such an index is no longer used for lookups.
import { createHash } from 'node:crypto';
import type { Document, Filter } from '../document-store.port.js';
import { InvalidOperationError } from '../errors.js';
import { getPath } from './update-semantics.js';
import { jsonPath, mapDuplicateKey, sqlLiteral, type SqliteContext } from './sqlite-schema.js';

export interface RegularIndex {
  name: string;
  fields: string[];
  unique: boolean;
  multikey: boolean;
}

type Scalar = string | number;
/** `exact`: the lookup alone answers the filter (a pure `_id` lookup), so mingo can be skipped. */
export type Pushdown = { kind: 'id'; ids: string[]; exact: boolean } | { kind: 'field'; expression: string; values: Scalar[] };

/** The indexed expression; unique keys treat missing and null as one value, as MongoDB does. */
export function keyExpression(field: string, unique: boolean): string {
  const extract = `json_extract(body, ${sqlLiteral(jsonPath(field))})`;
  return unique ? `ifnull(${extract}, x'00')` : extract;
}

function hasArrayOnPath(doc: Document, field: string): boolean {
  const segments = field.split('.');
  for (let i = 1; i <= segments.length; i++) {
    if (Array.isArray(getPath(doc, segments.slice(0, i).join('.')))) return true;
  }
  return false;
}

// json_extract yields 1/0 for JSON booleans; binding them so keeps the lookup a superset of
// MongoDB's match (mingo then drops a numeric 1 that is not `true`).
function toScalar(value: unknown): Scalar | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return undefined;
}

function equalityValues(condition: unknown): Scalar[] | undefined {
  if (condition !== null && typeof condition === 'object' && !Array.isArray(condition) && !(condition instanceof RegExp)) {
    const ops = condition as Record<string, unknown>;
    const keys = Object.keys(ops);
    if (keys.length !== 1) return undefined;
    if (keys[0] === '$eq') return equalityValues(ops.$eq);
    if (keys[0] === '$in' && Array.isArray(ops.$in)) {
      const values = ops.$in.map(toScalar);
      return values.every((v) => v !== undefined) ? (values as Scalar[]) : undefined;
    }
    return undefined;
  }
  const scalar = toScalar(condition);
  return scalar === undefined ? undefined : [scalar];
}

function topLevelConditions(filter: Filter): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) for (const part of value) out.push(...topLevelConditions(part as Filter));
    else if (!key.startsWith('$')) out.push([key, value]);
  }
  return out;
}

export class IndexRegistry {
  private readonly cache = new Map<string, RegularIndex[]>();

  constructor(private readonly ctx: SqliteContext) {
    ctx.onExternalChange(() => this.cache.clear());
  }

  list(collection: string): RegularIndex[] {
    let indexes = this.cache.get(collection);
    if (!indexes) {
      const rows = this.ctx
        .stmt('SELECT name, fields, is_unique, multikey FROM rm_indexes WHERE collection = ?')
        .all(collection) as Array<{ name: string; fields: string; is_unique: number; multikey: number }>;
      indexes = rows.map((r) => ({ name: r.name, fields: JSON.parse(r.fields) as string[], unique: r.is_unique === 1, multikey: r.multikey === 1 }));
      this.cache.set(collection, indexes);
    }
    return indexes;
  }

  /** Idempotent; must run inside a write transaction (a unique index may fail on existing data). */
  create(collection: string, fields: string[], unique: boolean): void {
    if (fields.length === 0) throw new InvalidOperationError('An index needs at least one field');
    const name = `rmix_${createHash('sha1').update(`${collection}\0${fields.join('\0')}`).digest('hex').slice(0, 20)}`;
    const existing = this.list(collection).find((i) => i.name === name);
    if (existing) {
      if (existing.unique !== unique) throw new InvalidOperationError(`An index on ${collection}(${fields.join(', ')}) exists with different options`);
      return;
    }
    const columns = fields.map((f) => keyExpression(f, unique)).join(', ');
    mapDuplicateKey(collection, () =>
      this.ctx.db.exec(`CREATE ${unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS "${name}" ON rm_documents (${columns}) WHERE collection = ${sqlLiteral(collection)}`),
    );
    const bodies = this.ctx.stmt('SELECT body FROM rm_documents WHERE collection = ?').pluck().all(collection) as string[];
    const multikey = bodies.some((body) => fields.some((f) => hasArrayOnPath(JSON.parse(body) as Document, f)));
    this.ctx
      .stmt('INSERT INTO rm_indexes (collection, name, fields, is_unique, multikey) VALUES (?, ?, ?, ?, ?)')
      .run(collection, name, JSON.stringify(fields), unique ? 1 : 0, multikey ? 1 : 0);
    this.cache.delete(collection);
  }

  /** Called for every document written, inside the write's transaction. */
  noteWrite(collection: string, doc: Document): void {
    for (const index of this.list(collection)) {
      if (index.multikey || !index.fields.some((f) => hasArrayOnPath(doc, f))) continue;
      this.ctx.stmt('UPDATE rm_indexes SET multikey = 1 WHERE collection = ? AND name = ?').run(collection, index.name);
      index.multikey = true;
    }
  }

  /** The most selective lookup an index can serve for this filter, or null for a scan. */
  plan(collection: string, filter: Filter): Pushdown | null {
    const conditions = topLevelConditions(filter);
    for (const [key, value] of conditions) {
      if (key !== '_id') continue;
      const values = equalityValues(value);
      if (values && values.every((v) => typeof v === 'string')) return { kind: 'id', ids: values as string[], exact: Object.keys(filter).join() === '_id' };
    }
    const usable = this.list(collection)
      .filter((i) => !i.multikey)
      .sort((a, b) => Number(b.unique) - Number(a.unique));
    for (const index of usable) {
      const leading = index.fields[0]!;
      const condition = conditions.find(([key]) => key === leading);
      const values = condition && equalityValues(condition[1]);
      if (values) return { kind: 'field', expression: keyExpression(leading, index.unique), values };
    }
    return null;
  }
}
