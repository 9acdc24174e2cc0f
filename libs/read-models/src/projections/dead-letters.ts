// Dead letters: events a projection cannot apply. `evolve` is pure, so an event it throws on will
// throw on every retry; such an event is parked here (with the error) in the same batch that moves
// the checkpoint past it, and the projection goes on. One collection per projection, reset with
// it: a rebuild starts with no dead letters and parks again whatever still fails.
import type { RecordedEvent } from '@crystalyse/event-store';
import type { Document, DocumentStore, DocumentWrite } from '../document-store.port.js';
import { DuplicateKeyError, InvalidOperationError } from '../errors.js';
import { POSITION_FIELD, toDocumentPosition } from '../positions.js';

export interface DeadLetterDoc extends Document {
  projection: string;
  /** `$all` position of the event, as text (JSON has no 64-bit integers). */
  position: string;
  streamId: string;
  revision: string;
  eventId: string;
  type: string;
  error: string;
  parkedAt: string;
}

export interface DeadLetters {
  count: number;
  /** The most recently parked, newest first. */
  latest: DeadLetterDoc[];
}

export const deadLetterCollection = (projection: string): string => `dead-letters.${projection}`;

const MAX_ERROR_CHARS = 2000;

export function deadLetterWrite(projection: string, event: RecordedEvent, error: unknown, parkedAt: Date): DocumentWrite {
  const message = error instanceof Error ? error.message : String(error);
  const document: DeadLetterDoc = {
    _id: event.position.toString(),
    projection,
    position: event.position.toString(),
    streamId: event.streamId,
    revision: event.revision.toString(),
    eventId: event.eventId,
    type: event.type,
    error: message.slice(0, MAX_ERROR_CHARS),
    parkedAt: parkedAt.toISOString(),
    // Stamped like a projection's documents, so a replayed batch writes it only once.
    [POSITION_FIELD]: toDocumentPosition(event.position),
  };
  return { kind: 'put', collection: deadLetterCollection(projection), document };
}

export async function readDeadLetters(store: DocumentStore, projection: string, limit = 5): Promise<DeadLetters> {
  const collection = store.collection<DeadLetterDoc>(deadLetterCollection(projection));
  const [count, latest] = await Promise.all([collection.count(), collection.find({}, { sort: { [POSITION_FIELD]: -1 }, limit })]);
  return { count, latest: latest.map(({ [POSITION_FIELD]: _p, ...doc }) => doc as DeadLetterDoc) };
}

/**
 * A write the store refuses for what is written (a duplicate key, an operation it cannot apply),
 * not because it is unreachable: retrying the same batch would fail the same way.
 */
export const isRefusedWrite = (error: unknown): boolean => error instanceof DuplicateKeyError || error instanceof InvalidOperationError;
