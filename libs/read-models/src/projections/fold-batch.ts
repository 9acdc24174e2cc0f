// The pure heart of a projection batch: fold each event into the document it touches, in
// order, and turn the result into writes. A document already stamped with a position at or
// past an event has seen it (a replayed batch after a crash), so that event is skipped. An event
// the projection throws on (in `documentId` or `evolve`, both pure) would throw on every retry:
// it is left out, its document unchanged, and returned to be parked.
import type { RecordedEvent } from '@crystalyse/event-store';
import type { Document, DocumentWrite } from '../document-store.port.js';
import { documentPosition, POSITION_FIELD, toDocumentPosition } from '../positions.js';
import type { Projection } from './projection.js';

export interface FoldResult {
  writes: DocumentWrite[];
  /** Events passed to evolve. */
  applied: number;
  /** Events the stored documents had already seen. */
  skipped: number;
  /** Events the projection threw on, with the error. */
  failed: Array<{ event: RecordedEvent; error: unknown }>;
}

function documentIdOf(projection: Projection<any>, event: RecordedEvent): string | null | Error {
  try {
    return projection.documentId(event);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** Ids of the documents a batch touches, in first-seen order. */
export function touchedIds(projection: Projection<any>, events: RecordedEvent[]): string[] {
  const ids = new Set<string>();
  for (const event of events) {
    const id = documentIdOf(projection, event);
    if (typeof id === 'string') ids.add(id);
  }
  return [...ids];
}

export function foldBatch<D extends Document>(projection: Projection<D>, events: RecordedEvent[], stored: D[]): FoldResult {
  const state = new Map<string, D | null>(stored.map((doc) => [doc._id, doc]));
  const existed = new Set(stored.map((doc) => doc._id));
  const touched = new Set<string>();
  const failed: FoldResult['failed'] = [];
  let applied = 0;
  let skipped = 0;
  for (const event of events) {
    const id = documentIdOf(projection, event);
    if (id instanceof Error) {
      failed.push({ event, error: id });
      continue;
    }
    if (id === null) continue;
    const current = state.get(id) ?? null;
    const seen = documentPosition(current);
    if (seen !== null && event.position <= seen) {
      skipped++;
      continue;
    }
    let next: D | null;
    try {
      next = projection.evolve(current, event);
    } catch (error) {
      failed.push({ event, error });
      continue;
    }
    applied++;
    if (next === current) continue; // evolve said "no change": nothing to write
    state.set(id, next === null ? null : ({ ...next, _id: id, [POSITION_FIELD]: toDocumentPosition(event.position) } as D));
    touched.add(id);
  }
  const writes: DocumentWrite[] = [];
  for (const id of touched) {
    const doc = state.get(id);
    if (doc) writes.push({ kind: 'put', collection: projection.collection, document: doc });
    else if (existed.has(id)) writes.push({ kind: 'delete', collection: projection.collection, id });
  }
  return { writes, applied, skipped, failed };
}
