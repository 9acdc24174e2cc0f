// Reads for the application around branches: the state a branch stream is folded from, where a
// fork starts, the branches a session has. A branch's state is never cached on its own: its
// governance is the session's *now*, so a member removed from the session, or a pause, reaches
// every branch at the next load. (Folding a branch, what a merge needs from the branch stream and
// where a branch and its parent diverge need the session's fold: time-travel/branches.ts.)
import { CheckpointNotFound, ValidationError } from '../../errors.js';
import { findCheckpoint } from '../checkpoints/index.js';
import { Items } from '../core/items.js';
import type { BranchRef, SessionState } from '../core/state.js';

/**
 * The state a branch stream is folded from: the session's current governance (with no
 * checkpoints and no branches: those of a branch are its own) and the parent's workspace at the
 * fork. The branch's first event, BranchForked, is folded on it like any other.
 */
export function branchBaseState(sessionNow: SessionState, parentAtFork: Pick<SessionState, 'workspace' | 'ordBase' | 'eventCount'>): SessionState {
  if (sessionNow.branch !== null) throw new Error('branchBaseState takes the state of the session itself, not of a branch');
  return {
    ...sessionNow,
    eventCount: 0,
    governance: { ...sessionNow.governance, checkpoints: Items.empty(), branches: Items.empty() },
    workspace: parentAtFork.workspace,
    branch: null,
    // The branch's records come after every record its parent could hold at the fork.
    ordBase: parentAtFork.ordBase + parentAtFork.eventCount,
  };
}

/** Where a branch starts: the parent's head, one of its revisions, or one of its checkpoints. */
export type ForkPoint = 'head' | { revision: number } | { checkpoint: string };

export function forkRevisionOf(parent: SessionState, from: ForkPoint = 'head'): { fromRevision: number; fromCheckpoint?: string } {
  if (from === 'head') return { fromRevision: parent.eventCount - 1 };
  if ('checkpoint' in from) {
    const checkpoint = findCheckpoint(parent, from.checkpoint);
    if (!checkpoint) throw new CheckpointNotFound(from.checkpoint);
    return { fromRevision: checkpoint.revision, fromCheckpoint: checkpoint.name };
  }
  if (!Number.isSafeInteger(from.revision)) throw new ValidationError('fromRevision', 'fromRevision must be an integer');
  return { fromRevision: from.revision };
}

/** Branches of this session (or of this branch), in the order created; discarded ones only on request. */
export const listBranches = (state: SessionState, options: { includeDiscarded?: boolean } = {}): readonly BranchRef[] =>
  options.includeDiscarded ? state.governance.branches.values() : state.governance.branches.filter((b) => b.status !== 'discarded');
