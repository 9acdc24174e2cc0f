// Checkpoints of every session, one document each, for listing without loading the session.
import type { RecordedEvent } from '@crystalyse/event-store';
import { parseSessionStream, type CheckpointRestored, type CheckpointSaved } from '@crystalyse/domain';
import type { Document } from '../document-store.port.js';
import type { Projection } from '../projections/projection.js';

export interface CheckpointDoc extends Document {
  sessionId: string;
  name: string;
  /** The session revision the checkpoint marks. */
  revision: number;
  savedAt: string;
  savedBy: string;
  restoredCount: number;
  lastRestoredAt: string | null;
}

export const CHECKPOINTS_COLLECTION = 'checkpoints';

export const checkpointDocId = (sessionId: string, name: string) => `${sessionId}/${name}`;

export const checkpointsProjection: Projection<CheckpointDoc> = {
  name: 'session-checkpoints',
  collection: CHECKPOINTS_COLLECTION,
  handles: ['CheckpointSaved', 'CheckpointRestored'],
  indexes: [{ fields: ['sessionId'] }],
  documentId(event: RecordedEvent) {
    const sessionId = parseSessionStream(event.streamId);
    return sessionId ? checkpointDocId(sessionId, (event.data as { name: string }).name) : null;
  },
  evolve(doc, recorded) {
    const sessionId = parseSessionStream(recorded.streamId)!;
    const event = { type: recorded.type, data: recorded.data } as CheckpointSaved | CheckpointRestored;
    switch (event.type) {
      case 'CheckpointSaved':
        return {
          _id: checkpointDocId(sessionId, event.data.name), sessionId, name: event.data.name, revision: event.data.revision,
          savedAt: event.data.at, savedBy: event.data.savedBy, restoredCount: 0, lastRestoredAt: null,
        };
      case 'CheckpointRestored':
        return doc ? { ...doc, restoredCount: doc.restoredCount + 1, lastRestoredAt: event.data.at } : null;
      default:
        return doc;
    }
  },
};
