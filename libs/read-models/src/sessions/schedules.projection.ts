// Which sessions have something scheduled: autosave on, a research session not yet ended, a batch
// not yet completed. One small document per such session, so the scheduler finds them without
// loading every session; what is due is decided from the session's own events (dueSchedules).
import type { RecordedEvent } from '@crystalyse/event-store';
import { parseSessionStream } from '@crystalyse/domain';
import type { Document } from '../document-store.port.js';
import type { Projection } from '../projections/projection.js';

export interface ScheduleDoc extends Document {
  autosave: boolean;
  research: boolean;
  batch: boolean;
  archived: boolean;
  /** autosave or research or batch, and not archived: what the scheduler looks at. */
  due: boolean;
}

export const SCHEDULES_COLLECTION = 'session_schedules';

const HANDLES = ['SessionCreated', 'AutosaveConfigured', 'ResearchEnded', 'BatchPlanned', 'BatchCompleted', 'SessionArchived', 'SessionResumed'];

export const schedulesProjection: Projection<ScheduleDoc> = {
  name: 'session-schedules',
  collection: SCHEDULES_COLLECTION,
  handles: HANDLES,
  indexes: [{ fields: ['due'] }],
  documentId: (event: RecordedEvent) => parseSessionStream(event.streamId),
  evolve(doc, event) {
    const data = event.data as Record<string, unknown>;
    const base: ScheduleDoc = doc ?? { _id: parseSessionStream(event.streamId)!, autosave: false, research: false, batch: false, archived: false, due: false };
    let next: ScheduleDoc;
    switch (event.type) {
      case 'SessionCreated':
        next = { ...base, research: data.sessionType === 'research' };
        break;
      case 'AutosaveConfigured':
        next = { ...base, autosave: data.enabled === true };
        break;
      case 'ResearchEnded':
        next = { ...base, research: false };
        break;
      case 'BatchPlanned':
        next = { ...base, batch: true };
        break;
      case 'BatchCompleted':
        next = { ...base, batch: false };
        break;
      case 'SessionArchived':
        next = { ...base, archived: true };
        break;
      case 'SessionResumed':
        next = { ...base, archived: false };
        break;
      default:
        return doc;
    }
    next.due = !next.archived && (next.autosave || next.research || next.batch);
    // A session with nothing scheduled needs no document at all.
    if (!doc && !next.due && !next.research && !next.autosave && !next.batch) return null;
    return next;
  },
};
