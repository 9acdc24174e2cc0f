// Every question asked in every session, one document each: what session search finds questions
// by. The audit view, like the discoveries: a question a restore took back stays findable here.
// One small document per question, where the session document used to carry every question in one
// growing list that each event rewrote.
import type { RecordedEvent } from '@crystalyse/event-store';
import { parseSessionStream } from '@crystalyse/domain';
import type { Document } from '../document-store.port.js';
import type { Projection } from '../projections/projection.js';

export interface QuestionDoc extends Document {
  sessionId: string;
  queryId: string;
  text: string;
  at: string;
}

export const QUESTIONS_COLLECTION = 'questions';

export const questionsProjection: Projection<QuestionDoc> = {
  name: 'session-questions',
  collection: QUESTIONS_COLLECTION,
  handles: ['QueryAsked'],
  indexes: [{ fields: ['sessionId'] }, { text: ['text'] }],
  documentId(event: RecordedEvent) {
    const sessionId = parseSessionStream(event.streamId);
    return sessionId ? `${sessionId}/${(event.data as { queryId: string }).queryId}` : null;
  },
  evolve(doc, event) {
    if (doc) return doc;
    const { queryId, text, at } = event.data as { queryId: string; text: string; at: string };
    const sessionId = parseSessionStream(event.streamId)!;
    return { _id: `${sessionId}/${queryId}`, sessionId, queryId, text, at };
  },
};
