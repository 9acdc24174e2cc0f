// The read side's storage port, in MongoDB's shapes so the MongoDB adapter is a thin mapping.
import type { TimelineAdvance, TimelineReader } from './timeline/timeline.port.js';

// Filters and updates use MongoDB's query and update language (the embedded adapter evaluates
// them with `mingo`).

export type Document = { _id: string; [field: string]: unknown };
export type Filter = Record<string, unknown>;
export type Update = {
  $set?: Record<string, unknown>;
  $unset?: Record<string, unknown>;
  $inc?: Record<string, number>;
  $push?: Record<string, unknown>;
  $pull?: Record<string, unknown>;
  $setOnInsert?: Record<string, unknown>;
};
export type Sort = Record<string, 1 | -1>;

export interface FindOptions {
  sort?: Sort;
  skip?: number;
  limit?: number;
  /** Only these top-level fields (plus _id), as in a MongoDB inclusion projection. */
  fields?: string[];
}

export interface IndexSpec {
  /** Fields of a regular (ascending) index. */
  fields?: string[];
  unique?: boolean;
  /** Fields that make up the collection's text index (one per collection, as in MongoDB). */
  text?: string[];
}

export interface TextSearchOptions {
  filter?: Filter;
  limit?: number;
  /**
   * Rank only the this many most recently written matches (a bound on the cost of a search whose
   * words match ever more documents as a history grows). The embedded adapter honours it; on
   * MongoDB the server ranks every match, so it is a superset there.
   */
  newest?: number;
}

/**
 * One write of a projection batch: replace a document (upsert) or delete it, or record a stream
 * revision in the temporal read model (`timeline()`).
 */
export type DocumentWrite =
  | { kind: 'put'; collection: string; document: Document }
  | { kind: 'delete'; collection: string; id: string }
  | { kind: 'timeline'; advance: TimelineAdvance };

/** Give this collection name to resetProjection to empty the timeline (a rebuild of its projection). */
export const TIMELINE = 'timeline';

export interface ProjectionCheckpoint {
  projection: string;
  /** Position of the last event applied; -1n when none. */
  position: bigint;
  updatedAt: string;
  /**
   * A reset that was interrupted between its steps (MongoDB, where it is not atomic): position
   * is -1n, and only the runner holding the projection's lease finishes it, before replaying.
   */
  pendingReset?: string[];
}

export interface Collection<T extends Document = Document> {
  findOne(filter: Filter): Promise<T | null>;
  find(filter?: Filter, options?: FindOptions): Promise<T[]>;
  count(filter?: Filter): Promise<number>;
  insertOne(document: T): Promise<void>;
  /** Returns how many documents matched (0 or 1), and whether one was inserted. */
  updateOne(filter: Filter, update: Update, options?: { upsert?: boolean }): Promise<{ matched: number; upserted: boolean }>;
  replaceOne(filter: Filter, document: T, options?: { upsert?: boolean }): Promise<{ matched: number; upserted: boolean }>;
  deleteMany(filter: Filter): Promise<number>;
  createIndex(spec: IndexSpec): Promise<void>;
  /** Full-text search over the text index, best matches first; each result carries `_score`. */
  textSearch(query: string, options?: TextSearchOptions): Promise<Array<T & { _score: number }>>;
}

export interface DocumentStore {
  collection<T extends Document = Document>(name: string): Collection<T>;
  /**
   * Applies a projection batch and moves its checkpoint atomically: either all of it is
   * visible or none (SQLite: one transaction; MongoDB: position-guarded writes, then the
   * checkpoint, so a replay after a crash is harmless).
   */
  applyProjectionBatch(projection: string, writes: DocumentWrite[], position: bigint): Promise<void>;
  getCheckpoint(projection: string): Promise<ProjectionCheckpoint | null>;
  /** Drops a projection's documents and checkpoint, for a rebuild from position zero. */
  resetProjection(projection: string, collections: string[]): Promise<void>;
  /**
   * Takes or renews the lease that lets one runner of a projection be active at a time.
   * Returns false while another owner's lease is still valid.
   */
  acquireLease(name: string, owner: string, ttlMs: number, now: Date): Promise<boolean>;
  releaseLease(name: string, owner: string): Promise<void>;
  /** The temporal read model: every version of every item of a stream's state (timeline.port.ts). */
  timeline(): TimelineReader;
  close(): Promise<void>;
}
