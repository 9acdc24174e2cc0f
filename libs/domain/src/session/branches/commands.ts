// Commands of branches. Like every command they carry their session, actor, time and generated
// ids; a merge also carries the two workspaces the application loaded from the branch stream
// (decide reads one stream's state only), so deciding it again gives the same event.
import type { Cmd } from '../core/command-base.js';
import type { MergeStrategy, Workspace } from '../core/state.js';

/**
 * Decided on the parent (the session, or a branch for a branch of a branch). The application
 * resolves head, a revision or a checkpoint to `fromRevision`; `fromCheckpoint` names the
 * checkpoint when it was one, and must mark that revision.
 */
export type CreateBranch = Cmd<'CreateBranch', { branchId: string; name: string; fromRevision: number; fromCheckpoint?: string }>;

/**
 * The first command of a branch stream, decided on `branchBaseState(...)`. Repeating it with the
 * same data appends nothing, so the application can retry the two appends of a fork.
 */
export type ForkBranch = Cmd<'ForkBranch', { branchId: string; name: string; parentBranchId: string | null; forkRevision: number }>;

/**
 * Decided on the parent. `base` is the branch's workspace at `baseRevision` (its last merge), or
 * the parent's workspace at the fork for a first merge (`baseRevision` null); `theirs` is the
 * branch's workspace at `branchRevision`. See `prepareMerge`.
 */
export type MergeBranch = Cmd<'MergeBranch', {
  branchId: string;
  strategy: MergeStrategy;
  branchRevision: number;
  baseRevision: number | null;
  base: Workspace;
  theirs: Workspace;
  /** Why (a merge that takes one side, ours or theirs, discards the other's changes). */
  reason?: string;
}>;

/** On the branch it closes the branch; on its parent it marks the branch's ref. The application sends it to both. */
export type DiscardBranch = Cmd<'DiscardBranch', { branchId: string; reason?: string }>;

export type BranchCommand = CreateBranch | ForkBranch | MergeBranch | DiscardBranch;
