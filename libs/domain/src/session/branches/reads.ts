// Reads for the application around branches: the state a branch stream is folded from, where a
// fork starts, what a merge needs from the branch stream, and where a branch and its parent
// diverge. A branch's state is never cached on its own: its governance is the session's *now*,
// so a member removed from the session, or a pause, reaches every branch at the next load.
import { CheckpointNotFound, ValidationError } from '../../errors.js';
import { findCheckpoint } from '../checkpoints/decide.js';
export { findBranch } from './decide.js';
import { foldSession } from '../core/decider.js';
import type { SessionEvent } from '../core/events.js';
import type { BranchRef, SessionState, Workspace, WorkspacePart } from '../core/state.js';
import { diffWorkspaces, stateAtRevision, type PartDiff } from '../time-travel/time-travel.js';

/**
 * The state a branch stream is folded from: the session's current governance (with no
 * checkpoints and no branches: those of a branch are its own) and the parent's workspace at the
 * fork. The branch's first event, BranchForked, is folded on it like any other.
 */
export function branchBaseState(sessionNow: SessionState, parentWorkspaceAtFork: Workspace): SessionState {
  if (sessionNow.branch !== null) throw new Error('branchBaseState takes the state of the session itself, not of a branch');
  return {
    ...sessionNow,
    eventCount: 0,
    governance: { ...sessionNow.governance, checkpoints: [], branches: [] },
    workspace: parentWorkspaceAtFork,
    branch: null,
    checkpointWorkspaces: [],
  };
}

/** A branch's state: its events folded on its base. */
export const foldBranch = (events: Iterable<SessionEvent>, base: SessionState): SessionState => foldSession(events, base);

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
  options.includeDiscarded ? state.governance.branches : state.governance.branches.filter((b) => b.status !== 'discarded');

export interface MergeInputs {
  branchRevision: number;
  baseRevision: number | null;
  base: Workspace;
  theirs: Workspace;
}

/**
 * What MergeBranch needs from the branch stream, given the parent's ref to it: theirs is the
 * branch now; base is the branch at its last merge, or (first merge) the parent's workspace at
 * the fork, which is the workspace the branch was folded from.
 */
export function prepareMerge(ref: BranchRef, branchEvents: readonly SessionEvent[], branchBase: SessionState, branchNow?: SessionState): MergeInputs {
  const baseRevision = ref.lastMergedRevision;
  return {
    branchRevision: branchEvents.length - 1,
    baseRevision,
    base: baseRevision === null ? branchBase.workspace : stateAtRevision(branchEvents, baseRevision, branchBase).workspace,
    // The caller usually has the branch folded already (it loaded it): no need to fold it again.
    theirs: (branchNow ?? foldBranch(branchEvents, branchBase)).workspace,
  };
}

export interface Divergence {
  /** What the parent changed since the fork. */
  parent: Record<WorkspacePart, PartDiff>;
  /** What the branch changed since the fork. */
  branch: Record<WorkspacePart, PartDiff>;
}

/** Where a branch and its parent diverge: each side's changes since the fork, part by part. */
export function branchDivergence(atFork: Workspace, parent: Workspace, branch: Workspace): Divergence {
  return { parent: diffWorkspaces(atFork, parent), branch: diffWorkspaces(atFork, branch) };
}
