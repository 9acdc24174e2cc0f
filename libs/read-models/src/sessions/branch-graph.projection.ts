// The branch graph for dashboards: every branch with its fork point, parent, merges and status.
// A branch's facts arrive from two streams (BranchCreated in the parent, BranchForked as the
// branch's first event), in either order, so each event fills in only what it knows.
import type { RecordedEvent } from '@crystalyse/event-store';
import { parseSessionStream } from '@crystalyse/domain';
import type { Document } from '../document-store.port.js';
import type { Projection } from '../projections/projection.js';

export interface BranchDoc extends Document {
  branchId: string;
  sessionId: string | null;
  name: string;
  parentBranchId: string | null;
  forkRevision: number;
  fromCheckpoint: string | null;
  status: 'open' | 'merged' | 'discarded';
  createdAt: string;
  createdBy: string | null;
  merges: Array<{ branchRevision: number; strategy: string; at: string }>;
}

export const BRANCHES_COLLECTION = 'branches';

type BranchEventData = {
  branchId: string;
  at: string;
  name?: string;
  sessionId?: string;
  parentBranchId?: string | null;
  forkRevision?: number;
  fromCheckpoint?: string;
  createdBy?: string;
  branchRevision?: number;
  strategy?: string;
};

const empty = (branchId: string, at: string): BranchDoc => ({
  _id: branchId, branchId, sessionId: null, name: '', parentBranchId: null, forkRevision: -1, fromCheckpoint: null,
  status: 'open', createdAt: at, createdBy: null, merges: [],
});

export const branchGraphProjection: Projection<BranchDoc> = {
  name: 'branch-graph',
  collection: BRANCHES_COLLECTION,
  handles: ['BranchCreated', 'BranchForked', 'BranchMerged', 'BranchDiscarded'],
  indexes: [{ fields: ['sessionId'] }],
  documentId: (event: RecordedEvent) => (event.data as BranchEventData).branchId ?? null,
  evolve(doc, event) {
    const data = event.data as BranchEventData;
    const current = doc ?? empty(data.branchId, data.at);
    switch (event.type) {
      case 'BranchCreated':
        return {
          ...current,
          name: data.name ?? current.name,
          forkRevision: data.forkRevision ?? current.forkRevision,
          fromCheckpoint: data.fromCheckpoint ?? null,
          createdBy: data.createdBy ?? null,
          createdAt: data.at,
          // Created on a session's main line: the parent stream names the session.
          sessionId: current.sessionId ?? parseSessionStream(event.streamId),
        };
      case 'BranchForked':
        return { ...current, name: data.name ?? current.name, sessionId: data.sessionId ?? current.sessionId, parentBranchId: data.parentBranchId ?? null, forkRevision: data.forkRevision ?? current.forkRevision };
      case 'BranchMerged':
        return { ...current, status: current.status === 'discarded' ? 'discarded' : 'merged', merges: [...current.merges, { branchRevision: data.branchRevision ?? -1, strategy: data.strategy ?? 'merge', at: data.at }] };
      case 'BranchDiscarded':
        return { ...current, status: 'discarded' };
      default:
        return doc;
    }
  },
};
