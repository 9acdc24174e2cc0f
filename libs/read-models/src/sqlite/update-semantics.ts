// MongoDB's update semantics on plain objects, for the embedded store. mingo applies the
// operators; this file adds what mingo leaves out so SQLite refuses and upserts exactly where
// MongoDB does: `$setOnInsert`, the document an upsert starts from, and type errors that mingo
// would silently ignore ($inc on a string, $push onto a non-array).
import { randomUUID } from 'node:crypto';
import { update as mingoUpdate } from 'mingo';
import type { Document, Filter, Update } from '../document-store.port.js';
import { InvalidOperationError } from '../errors.js';

const OPERATORS = new Set(['$set', '$unset', '$inc', '$push', '$pull', '$setOnInsert']);

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => k.startsWith('$'));
}

export function getPath(doc: unknown, path: string): unknown {
  let current: unknown = doc;
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function setPath(doc: Record<string, unknown>, path: string, value: unknown): void {
  const segments = path.split('.');
  let current = doc;
  for (const segment of segments.slice(0, -1)) {
    const next = current[segment];
    if (next === null || typeof next !== 'object') current[segment] = {};
    current = current[segment] as Record<string, unknown>;
  }
  current[segments[segments.length - 1]!] = value;
}

/** Equality conditions of a filter (`field: v`, `{ $eq: v }`, inside `$and`), by path. */
export function equalityFields(filter: Filter): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const part of value) for (const [k, v] of equalityFields(part as Filter)) out.set(k, v);
    } else if (key.startsWith('$')) {
      continue;
    } else if (isOperatorObject(value)) {
      if ('$eq' in value) out.set(key, value.$eq);
    } else if (!(value instanceof RegExp)) {
      out.set(key, value);
    }
  }
  return out;
}

/** The document an upsert inserts before the update applies: the filter's equalities. */
export function upsertSeed(filter: Filter): Record<string, unknown> {
  const seed: Record<string, unknown> = {};
  for (const [path, value] of equalityFields(filter)) setPath(seed, path, structuredClone(value));
  return seed;
}

/** An upserted document without an `_id` gets a string one (MongoDB would make an ObjectId). */
export function withId(doc: Record<string, unknown>): Document {
  return typeof doc._id === 'string' ? (doc as Document) : { ...doc, _id: doc._id === undefined ? randomUUID() : String(doc._id) };
}

function checkOperandTypes(doc: Record<string, unknown>, update: Update): void {
  for (const path of Object.keys(update.$inc ?? {})) {
    const current = getPath(doc, path);
    if (current !== undefined && typeof current !== 'number') {
      throw new InvalidOperationError(`Cannot apply $inc to a value of non-numeric type (field '${path}')`);
    }
    if (typeof update.$inc![path] !== 'number') throw new InvalidOperationError(`Cannot increment with a non-numeric argument (field '${path}')`);
  }
  for (const path of Object.keys(update.$push ?? {})) {
    const current = getPath(doc, path);
    if (current !== undefined && !Array.isArray(current)) {
      throw new InvalidOperationError(`The field '${path}' must be an array`);
    }
  }
}

/**
 * Returns a new document: `doc` with the update applied (the input is not modified).
 * `inserting` is true when an upsert creates the document, which is when `$setOnInsert` applies.
 */
export function applyUpdate<D extends Record<string, unknown>>(doc: D, update: Update, inserting: boolean): D {
  const keys = Object.keys(update);
  if (keys.length === 0) throw new InvalidOperationError('Update document requires atomic operators');
  for (const key of keys) {
    if (!OPERATORS.has(key)) throw new InvalidOperationError(`Unknown update operator: '${key}'`);
  }
  const { $setOnInsert, ...modifier } = update;
  if (inserting && $setOnInsert) {
    for (const path of Object.keys($setOnInsert)) {
      if (modifier.$set && path in modifier.$set) {
        throw new InvalidOperationError(`Updating the path '${path}' would create a conflict at '${path}'`);
      }
    }
    modifier.$set = { ...modifier.$set, ...$setOnInsert };
  }
  const next = structuredClone(doc);
  checkOperandTypes(next, modifier);
  if (Object.keys(modifier).length > 0) {
    try {
      mingoUpdate(next, modifier as Parameters<typeof mingoUpdate>[1]);
    } catch (error) {
      throw new InvalidOperationError((error as Error).message);
    }
  }
  return next;
}

/** A replacement keeps the matched document's `_id`; changing it is refused as in MongoDB. */
export function checkReplacementId(existing: Document, replacement: Document): Document {
  if (replacement._id !== undefined && replacement._id !== existing._id) {
    throw new InvalidOperationError(`The _id field cannot be changed from ${existing._id} to ${String(replacement._id)}`);
  }
  return { ...replacement, _id: existing._id };
}
