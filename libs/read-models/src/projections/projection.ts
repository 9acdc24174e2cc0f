// A read model is a pure fold: the runner gives `evolve` the stored document (or null) and one
// event, and stores what it returns. Purity is what makes a rebuild give the same documents.
import type { RecordedEvent } from '@crystalyse/event-store';
import type { Document, IndexSpec } from '../document-store.port.js';

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
