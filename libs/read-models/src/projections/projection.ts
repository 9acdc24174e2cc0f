// A read model is a pure fold: the runner gives `evolve` the stored document (or null) and one
// event, and stores what it returns. Purity is what makes a rebuild give the same documents.
import type { RecordedEvent } from '@crystalyse/event-store';
import type { Document, DocumentStore, DocumentWrite, IndexSpec } from '../document-store.port.js';

export interface Projection<D extends Document = Document> {
  /** Stable name: the checkpoint and the lease are keyed by it. */
  name: string;
  collection: string;
  /** Event types to subscribe to; other events never reach `evolve`. */
  handles: string[];
  indexes?: IndexSpec[];
  /** Which document the event touches, or null to ignore the event. */
  documentId(event: RecordedEvent): string | null;
  /**
   * The document after the event: null deletes it. Must be pure (no clock, no I/O); returning
   * the same object it was given means "no change" and writes nothing.
   */
  evolve(doc: D | null, event: RecordedEvent): D | null;
}

/**
 * A projection that needs more than one document per event: it folds a batch itself, with the
 * store to read from, and returns the writes (timeline versions, documents). Its in-memory state
 * moves on only through `commit`, called once the batch is stored, so a batch that fails and is
 * retried is folded again from where the store is.
 */
export interface StatefulProjection {
  kind: 'stateful';
  name: string;
  /** What a rebuild empties (a collection name, or TIMELINE). */
  collections: string[];
  handles: string[];
  /** Only events of streams whose names start so. */
  streamPrefixes?: string[];
  indexes?: Array<{ collection: string; spec: IndexSpec }>;
  fold(events: RecordedEvent[], store: DocumentStore): Promise<StatefulFold>;
  /** Forget every state kept in memory (a rebuild starts from nothing). */
  reset(): void;
}

export interface StatefulFold {
  writes: DocumentWrite[];
  /** Events it could not apply, with the error: parked as dead letters. */
  failed: Array<{ event: RecordedEvent; error: unknown }>;
  /** Keeps the states this batch reached, once it is stored. */
  commit(): void;
}

export type AnyProjection = Projection<any> | StatefulProjection;

export const isStateful = (projection: AnyProjection): projection is StatefulProjection => (projection as StatefulProjection).kind === 'stateful';

/** The collections a projection writes, which a rebuild empties. */
export const collectionsOf = (projection: AnyProjection): string[] => (isStateful(projection) ? projection.collections : [projection.collection]);
