// Branches: fork (recorded in the parent, then the branch stream starts), merge (a three-way
// merge decided in the parent with the branch's workspaces as inputs) and discard (closes the
// branch, then marks the parent's ref).
import { Injectable } from '@nestjs/common';
import { findBranch, forkRevisionOf, prepareMerge, type ForkPoint, type MergeStrategy } from '@crystalyse/domain';
import type { RequestContext } from '../http/request-context.js';
import { SessionCommandBus } from '../sessions/session-command.bus.js';
import type { CommandResponse } from '../sessions/command-response.js';
import { SessionEvents, toDomainEvents } from '../sessions/session-events.service.js';
import { BranchLoader, BranchNotFound } from './branch-loader.js';
import type { WorkspaceTarget } from './workspace-target.js';

/** The request's follow-up command gets a key of its own, derived from the caller's. */
const followUp = (ctx: RequestContext, suffix: string): RequestContext => ({ ...ctx, basedOnRevision: undefined, commandId: ctx.commandId ? `${ctx.commandId}:${suffix}` : undefined });

@Injectable()
export class BranchService {
  constructor(
    private readonly commands: SessionCommandBus,
    private readonly sessions: SessionEvents,
    private readonly branches: BranchLoader,
  ) {}

  async create(ctx: RequestContext, parent: WorkspaceTarget, name: string, from: ForkPoint): Promise<CommandResponse & { branchId: string; forkRevision: number }> {
    const { state } = await this.sessions.readableState(parent, ctx.user.userId);
    const { fromRevision, fromCheckpoint } = forkRevisionOf(state, from);
    const branchId = this.commands.newId(ctx, `branch:${parent.branchId ?? parent.sessionId}`);
    await this.commands.send(ctx, parent, 'CreateBranch', { branchId, name, fromRevision, ...(fromCheckpoint ? { fromCheckpoint } : {}) });
    // A crash between the two appends leaves a ref without a stream; repeating the request
    // (same Idempotency-Key) replays the first and completes the second.
    const forked = await this.commands.send(followUp(ctx, 'fork'), { sessionId: parent.sessionId, branchId }, 'ForkBranch', {
      branchId,
      name,
      parentBranchId: parent.branchId ?? null,
      forkRevision: fromRevision,
    });
    return { ...forked, branchId, forkRevision: fromRevision };
  }

  async merge(ctx: RequestContext, sessionId: string, branchId: string, strategy: MergeStrategy, reason?: string): Promise<CommandResponse> {
    const session = await this.sessions.readableState(sessionId, ctx.user.userId);
    const branch = await this.branches.load(session.state, sessionId, branchId);
    const parent: WorkspaceTarget = branch.forked.parentBranchId ? { sessionId, branchId: branch.forked.parentBranchId } : { sessionId };
    const parentState = parent.branchId ? (await this.sessions.readableState(parent, ctx.user.userId)).state : session.state;
    const ref = findBranch(parentState, branchId);
    if (!ref) throw new BranchNotFound(branchId);
    const inputs = prepareMerge(ref, toDomainEvents(branch.events), branch.base, branch.state);
    return this.commands.send(ctx, parent, 'MergeBranch', { branchId, strategy, ...inputs, ...(reason !== undefined ? { reason } : {}) });
  }

  async discard(ctx: RequestContext, sessionId: string, branchId: string, reason?: string): Promise<CommandResponse> {
    const session = await this.sessions.readableState(sessionId, ctx.user.userId);
    const branch = await this.branches.load(session.state, sessionId, branchId);
    const why = reason !== undefined ? { reason } : {};
    const closed = await this.commands.send(ctx, { sessionId, branchId }, 'DiscardBranch', { branchId, ...why });
    const parent: WorkspaceTarget = branch.forked.parentBranchId ? { sessionId, branchId: branch.forked.parentBranchId } : { sessionId };
    const marked = await this.commands.send(followUp(ctx, 'parent'), parent, 'DiscardBranch', { branchId, ...why });
    // The parent's mark is the later write: its position is the one reads must wait for.
    return { ...closed, position: marked.position, events: [...closed.events, ...marked.events] };
  }
}
