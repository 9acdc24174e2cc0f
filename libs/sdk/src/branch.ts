// A branch of a session: the seed's `branch = session.create_branch("explore_different_structure")`.
// It is a workspace of its own on the server (its own event stream, forked from its parent's
// state at a revision), so it takes every workspace call a Session takes, through the same class
// (workspace.ts) with the prefix `/sessions/:id/branches/:branchId`: queries, context, focus,
// hypotheses, tasks, discoveries, tools, statistics, checkpoints, history, time travel, export,
// hygiene, and branches of its own. Nothing done in a branch reaches its parent until merge().
//
// What a branch cannot do is the session's: its lifecycle and governance (pause, rename,
// metadata...) stay on Session, and a branch follows the session's current ones (a paused session
// refuses work in its branches too). After discard() the server refuses every command to the
// branch (a SessionError `illegal_transition`, 409); reading it still works.
import { mergeChange, type Change } from './changes.js';
import type { HttpClient } from './http-client.js';
import type { CommandResult } from './types.js';
import { Workspace } from './workspace.js';
import { workspacePath, type WorkspaceOptions } from './workspace-core.js';
import type { BranchDetail, BranchInfo, MergeStrategy } from './workspace-types.js';

export class Branch extends Workspace {
  private known: BranchInfo;
  private lastDetail: BranchDetail | undefined;

  /** Made by session.createBranch(), session.getBranch() or branch.createBranch(), not by hand. */
  constructor(http: HttpClient, info: BranchInfo, options: WorkspaceOptions = {}, detail?: BranchDetail) {
    super(http, workspacePath(info.sessionId, info.branchId), info.revision, options);
    this.known = pick(info);
    this.lastDetail = detail;
  }

  /** The branch id: what session.mergeBranch(branch.id) takes. */
  get id(): string { return this.known.branchId; }
  get branchId(): string { return this.known.branchId; }
  get sessionId(): string { return this.known.sessionId; }
  get name(): string { return this.known.name; }
  /** The branch this one was forked from; null when forked from the session's main line. */
  get parentBranchId(): string | null { return this.known.parentBranchId; }
  /** The parent's revision this branch starts from. */
  get forkRevision(): number { return this.known.forkRevision; }
  /** 'open' (merged or not: a merged branch still takes work, and merges again) or 'discarded'. */
  get status(): 'open' | 'discarded' { return this.known.status; }
  /** Where the branch and its parent diverge, as of the last refresh() (or getBranch()); undefined before. */
  get detail(): BranchDetail | undefined { return this.lastDetail; }
  /**
   * What this object knows of the branch, as plain data (to store, or to log). `revision` is the
   * branch's own (its stream's: 0 is the fork), never its parent's: a merge moves the parent only.
   */
  get info(): BranchInfo { return { ...this.known }; }

  /** Reloads the branch: revision, status, and where it and its parent diverge (`detail`). */
  async refresh(_options: { latest?: boolean } = {}): Promise<this> {
    // A branch is read from its stream, never from a projection: there is nothing to wait for.
    const detail = await this.http.get<BranchDetail>(this.path());
    this.known = pick(detail);
    this.lastDetail = detail;
    this.sawRevision(detail.revision);
    return this;
  }

  /**
   * Merges this branch into its parent (the session, or the branch it was forked from): the same
   * as `parent.mergeBranch(branch.id, { strategy })`. A ConflictError is kept on this object:
   * `branch.resolveConflicts()` settles it, as `session.resolveConflicts()` does after mergeBranch().
   */
  merge({ strategy = 'merge' }: { strategy?: MergeStrategy } = {}): Promise<CommandResult> {
    // The merge is decided in the parent: its answer is the parent's, never this branch's.
    return this.run(mergeChange(this.path('/merge'), strategy, () => false));
  }

  /**
   * The seed's `branch.discard()`: closes the branch. Its work stays in its log (readable), but it
   * takes no more commands and cannot be merged; the parent's graph marks it discarded.
   */
  async discard(): Promise<CommandResult> {
    const result = await this.run({ method: 'POST', path: this.path('/discard') });
    this.known = { ...this.known, status: 'discarded' };
    return result;
  }

  protected openBranch(info: BranchInfo): Branch {
    return new Branch(this.http, info, this.settings);
  }

  protected override accepted(_change: Change | null, _result: CommandResult): void {
    this.known = { ...this.known, revision: this.revision };
  }
}

/** The fields of BranchInfo only, whatever object they came in. */
const pick = ({ branchId, sessionId, name, parentBranchId, forkRevision, revision, status }: BranchInfo): BranchInfo => ({
  branchId,
  sessionId,
  name,
  parentBranchId: parentBranchId ?? null,
  forkRevision,
  revision,
  status,
});
