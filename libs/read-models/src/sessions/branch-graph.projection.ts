// The branch graph for dashboards: every branch with its fork point, parent, merges and status.
// A branch's facts arrive from two streams, in either order: its ref in the parent stream
// (BranchCreated, BranchMerged, BranchDiscarded in the session's main line or the parent branch)
// and its own stream (BranchForked first, BranchDiscarded when it closes). Only those two streams
// change its document: the parent stream is the one that created the ref (or that BranchForked,
// the branch's own first event, names), so an event in any other stream that names the branch's
// id, as an import used to copy one, changes nothing here.
import type { RecordedEvent } from '@crystalyse/event-store';
import { branchStream, isBranchStream, isSessionStream, parseBranchStream, parseSessionStream } from '@crystalyse/domain';
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
  /** The stream that holds the branch's ref: the only one besides the branch's own whose events change this document. */
  parentStream: string | null;
  /** The ref came with an import: the branch's stream stayed with the original session. */
  imported: boolean;
}

export const BRANCHES_COLLECTION = 'branches';

type BranchEventData = {
  branchId?: unknown;
  at: string;
  name?: string;
  sessionId?: string;
  parentStream?: string;
  parentBranchId?: string | null;
  forkRevision?: number;
  fromCheckpoint?: string;
  createdBy?: string;
  branchRevision?: number;
  strategy?: string;
};

const empty = (branchId: string, at: string): BranchDoc => ({
  _id: branchId, branchId, sessionId: null, name: '', parentBranchId: null, forkRevision: -1, fromCheckpoint: null,
  status: 'open', createdAt: at, createdBy: null, merges: [], parentStream: null, imported: false,
});

/** The branch an event is about: its own stream for BranchForked, else the ref its parent stream names. */
function branchOf(event: RecordedEvent): string | null {
  if (event.type === 'BranchForked') return parseBranchStream(event.streamId);
  if (!isSessionStream(event.streamId) && !isBranchStream(event.streamId)) return null;
  const id = (event.data as BranchEventData | null)?.branchId;
  return typeof id === 'string' && id.length > 0 ? id : null;
}

export const branchGraphProjection: Projection<BranchDoc> = {
  name: 'branch-graph',
  collection: BRANCHES_COLLECTION,
  handles: ['BranchCreated', 'BranchForked', 'BranchMerged', 'BranchDiscarded'],
  indexes: [{ fields: ['sessionId'] }],
  documentId: branchOf,
  evolve(doc, event) {
    const branchId = branchOf(event)!;
    const data = event.data as BranchEventData;
    if (event.type === 'BranchForked') {
      // The branch's own first event says who its parent is; a ref another stream made first is not its.
      const parentStream = data.parentStream ?? null;
      const current = doc && doc.parentStream === parentStream ? doc : empty(branchId, data.at);
      return {
        ...current, name: data.name ?? current.name, sessionId: data.sessionId ?? current.sessionId, parentStream,
        parentBranchId: data.parentBranchId ?? null, forkRevision: data.forkRevision ?? current.forkRevision,
      };
    }
    // In its own stream after the fork, a branch only ever closes itself.
    if (event.streamId === branchStream(branchId)) return event.type === 'BranchDiscarded' && doc ? { ...doc, status: 'discarded' } : doc;
    if (doc && doc.parentStream !== null && doc.parentStream !== event.streamId) return doc;
    switch (event.type) {
      case 'BranchCreated': {
        const current = doc ?? empty(branchId, data.at);
        return {
          ...current,
          name: data.name ?? current.name,
          forkRevision: data.forkRevision ?? current.forkRevision,
          fromCheckpoint: data.fromCheckpoint ?? null,
          createdBy: data.createdBy ?? null,
          createdAt: data.at,
          parentStream: event.streamId,
          // Created on a session's main line: the parent stream names the session.
          sessionId: current.sessionId ?? parseSessionStream(event.streamId),
          imported: event.metadata.importedFrom !== undefined,
        };
      }
      // A merge or a discard of a branch never created changes nothing: it would claim the id for its stream.
      case 'BranchMerged':
        return doc && { ...doc, status: doc.status === 'discarded' ? 'discarded' : 'merged', merges: [...doc.merges, { branchRevision: data.branchRevision ?? -1, strategy: data.strategy ?? 'merge', at: data.at }] };
      case 'BranchDiscarded':
        return doc && { ...doc, status: 'discarded' };
      default:
        return doc;
    }
  },
};
