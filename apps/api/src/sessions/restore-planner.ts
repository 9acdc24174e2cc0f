// A checkpoint is a position, so restoring one starts here: what putting the workspace back to it
// changes, worked out on the head just read (RestoreCheckpoint carries it). On a session's main
// line the timeline answers (the items changed since the checkpoint); a branch is folded.
import { Injectable } from '@nestjs/common';
import { changesSince, findCheckpoint, foldSession, latestCheckpoint, stateAtRevision, type AppliedChange } from '@crystalyse/domain';
import { BranchLoader } from '../branches/branch-loader.js';
import type { WorkspaceTarget } from '../branches/workspace-target.js';
import { toDomainEvents } from './domain-events.js';
import { SessionEvents } from './session-events.service.js';
import { SessionTimeline } from './session-timeline.service.js';

export interface RestorePlan {
  from: number;
  changes: AppliedChange[];
}

@Injectable()
export class RestorePlanner {
  constructor(
    private readonly sessions: SessionEvents,
    private readonly timeline: SessionTimeline,
    private readonly branches: BranchLoader,
  ) {}

  /** For the named checkpoint, or the latest one; a checkpoint that is not there plans nothing (decide refuses it). */
  async plan(target: WorkspaceTarget, userId: string, name?: string): Promise<RestorePlan> {
    const session = await this.sessions.assertReadable(target, userId);
    if (!target.branchId) {
      const { state, revision } = await this.sessions.sessionNow(target.sessionId);
      const head = Number(revision);
      const checkpoint = name === undefined ? latestCheckpoint(state) : findCheckpoint(state, name);
      return { from: head, changes: checkpoint ? await this.timeline.restoreChanges(target.sessionId, checkpoint.revision, head) : [] };
    }
    const branch = await this.branches.load(session, target.sessionId, target.branchId);
    const head = Number(branch.revision);
    const checkpoint = name === undefined ? latestCheckpoint(branch.state) : findCheckpoint(branch.state, name);
    if (!checkpoint) return { from: head, changes: [] };
    const events = toDomainEvents(branch.events);
    let state = stateAtRevision(events, checkpoint.revision, branch.base);
    const atCheckpoint = state.workspace;
    const after = events.slice(checkpoint.revision + 1).map((event) => (state = foldSession([event], state)));
    return { from: head, changes: changesSince(atCheckpoint, after) };
  }
}
