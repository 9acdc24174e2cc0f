// Time travel on branches, for the application: a branch's state (its events folded on its base),
// what a merge needs from the branch stream (the branch now, and at its last merge), and where a
// branch and its parent diverge. Here rather than in branches/ because they need the session's
// fold, which a slice the core decides with may not import.
import { foldSession } from '../core/decider.js';
import type { SessionEvent } from '../core/events.js';
import type { BranchRef, SessionState, Workspace, WorkspacePart } from '../core/state.js';
import { diffWorkspaces, stateAtRevision, type PartDiff } from './time-travel.js';

/** A branch's state: its events folded on its base. */
export const foldBranch = (events: Iterable<SessionEvent>, base: SessionState): SessionState => foldSession(events, base);

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
