// The MongoDB adapter's decisions as pure functions, so they are unit-tested without a server:
// option mapping, the position guard of projection writes, and which errors mean what.
import { randomUUID } from 'node:crypto';
import type { DocumentWrite, Filter, FindOptions, IndexSpec, TextSearchOptions, Update } from '../document-store.port.js';
import { DuplicateKeyError } from '../errors.js';
import { POSITION_FIELD, toDocumentPosition } from '../positions.js';

export type BsonDocument = Record<string, unknown>;

export const CHECKPOINTS = '_checkpoints';
export const LEASES = '_leases';

export function toFindOptions(options: FindOptions = {}): BsonDocument {
  const out: BsonDocument = {};
  if (options.sort) out.sort = options.sort;
  if (options.skip) out.skip = options.skip;
  if (options.limit) out.limit = options.limit;
  if (options.fields) out.projection = Object.fromEntries(options.fields.map((f) => [f, 1]));
  return out;
}

function hasIdEquality(filter: Filter): boolean {
  if ('_id' in filter) return true;
  return Array.isArray(filter.$and) && filter.$and.some((part) => hasIdEquality(part as Filter));
}

/** Our documents have string ids: an upsert that would get an ObjectId gets a UUID instead. */
export function toMongoUpdate(filter: Filter, update: Update, upsert: boolean): BsonDocument {
  if (!upsert || hasIdEquality(filter) || update.$setOnInsert?._id !== undefined || update.$set?._id !== undefined) return { ...update };
  return { ...update, $setOnInsert: { ...update.$setOnInsert, _id: randomUUID() } };
}

/** `createIndex` arguments: keys and options. */
export function toMongoIndexes(spec: IndexSpec): Array<[BsonDocument, BsonDocument]> {
  const out: Array<[BsonDocument, BsonDocument]> = [];
  if (spec.fields?.length) out.push([Object.fromEntries(spec.fields.map((f) => [f, 1])), spec.unique ? { unique: true } : {}]);
  if (spec.text?.length) out.push([Object.fromEntries(spec.text.map((f) => [f, 'text'])), {}]);
  return out;
}

export function toTextQuery(query: string, options: TextSearchOptions = {}): { filter: BsonDocument; options: BsonDocument } {
  const score = { $meta: 'textScore' };
  return {
    filter: { ...options.filter, $text: { $search: query } },
    options: { projection: { _score: score }, sort: { _score: score }, ...(options.limit ? { limit: options.limit } : {}) },
  };
}

/** Matches the document only while what is stored is older than `guard` (or not from a projection). */
export function positionGuard(id: string, guard: number): BsonDocument {
  return { _id: id, $or: [{ [POSITION_FIELD]: { $lt: guard } }, { [POSITION_FIELD]: { $exists: false } }] };
}

/**
 * One unordered bulk write per collection. A put replaces only an older version (upsert); a
 * delete removes only an older one. The last write per document wins, as it would in order.
 */
export function toBulkOperations(writes: DocumentWrite[], position: bigint): Map<string, BsonDocument[]> {
  const last = new Map<string, Exclude<DocumentWrite, { kind: 'timeline' }>>();
  for (const write of writes) {
    if (write.kind === 'timeline') continue; // written by the timeline itself (mongo-timeline.ts)
    const id = write.kind === 'put' ? write.document._id : write.id;
    const key = `${write.collection}\0${id}`;
    last.delete(key); // keep first-seen order of the surviving writes stable
    last.set(key, write);
  }
  const byCollection = new Map<string, BsonDocument[]>();
  for (const write of last.values()) {
    const ops = byCollection.get(write.collection) ?? [];
    if (write.kind === 'put') {
      const stamped = write.document[POSITION_FIELD];
      const guard = typeof stamped === 'number' ? stamped : toDocumentPosition(position);
      ops.push({ replaceOne: { filter: positionGuard(write.document._id, guard), replacement: write.document, upsert: true } });
    } else {
      ops.push({ deleteOne: { filter: positionGuard(write.id, toDocumentPosition(position)) } });
    }
    byCollection.set(write.collection, ops);
  }
  return byCollection;
}

interface ServerErrorLike {
  code?: number;
  keyPattern?: Record<string, unknown>;
  errmsg?: string;
  message?: string;
  err?: ServerErrorLike;
}

export function isDuplicateKey(error: unknown): boolean {
  return (error as ServerErrorLike | null)?.code === 11000;
}

/** A duplicate on `_id` (not on another unique index): the guarded upsert met a newer version. */
export function isDuplicateId(error: unknown): boolean {
  const e = error as ServerErrorLike | null;
  if (e?.code !== 11000) return false;
  const pattern = e.keyPattern ?? e.err?.keyPattern;
  if (pattern) return Object.keys(pattern).length === 1 && '_id' in pattern;
  return /index: _id_ /.test(e.errmsg ?? e.err?.errmsg ?? e.message ?? '');
}

/** The write errors of a failed bulk write that are not "a newer version is already stored". */
export function unexpectedBulkErrors(error: unknown): unknown[] {
  const writeErrors = (error as { writeErrors?: unknown })?.writeErrors;
  if (writeErrors === undefined) return [error];
  const list = Array.isArray(writeErrors) ? writeErrors : [writeErrors];
  return list.filter((e) => !isDuplicateId(e));
}

/** Maps MongoDB's E11000 to the port's error; anything else passes through. */
export function mapWriteError(collection: string, error: unknown): unknown {
  if (!isDuplicateKey(error)) return error;
  const e = error as ServerErrorLike;
  return new DuplicateKeyError(collection, e.errmsg ?? e.err?.errmsg ?? e.message ?? 'E11000');
}

/** Take a lease if it is free, expired, or already ours; a duplicate _id on upsert means "held". */
export function leaseAcquisition(name: string, owner: string, ttlMs: number, now: Date): { filter: BsonDocument; update: BsonDocument } {
  return {
    filter: { _id: name, $or: [{ owner }, { expiresAt: { $lte: now } }] },
    update: { $set: { owner, expiresAt: new Date(now.getTime() + ttlMs) } },
  };
}
