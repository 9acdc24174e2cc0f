// Branches. Creating one is recorded in the parent (BranchCreated) and starts the branch's own
// stream (BranchForked); both are idempotent, so the application can retry the two appends. A
// merge is decided in the parent from the two workspaces the application read from the branch;
// a discard closes the branch and marks its ref. A branch takes every workspace command, but the
// session's lifecycle and governance belong to the session, and a discarded branch takes nothing.
import { AlreadyExists, BranchRefused, CheckpointNotFound, NotFound, ValidationError } from '../../errors.js';
import { isPlainObject } from '../../json.js';
import { findCheckpoint } from '../checkpoints/index.js';
import { workspaceCounts } from '../core/counts.js';
import type { CommandRule, SliceCommand } from '../core/slice.js';
import { MERGE_STRATEGIES, WORKSPACE_PARTS, type BranchRef, type SessionState, type Workspace } from '../core/state.js';
import { branchStream, sessionStream } from '../core/stream.js';
import { LIMITS, optionalText, requireCheckpointName, requireId, requireInteger, requireOneOf, requireText } from '../core/validation.js';
import type { BranchCommand, CreateBranch, DiscardBranch, MergeBranch } from './commands.js';
import type { BranchEvent } from './events.js';
import { applyWorkspaceChanges } from './evolve.js';
import { isEmptyChanges, mergeWorkspaces, newPendingTurns } from './merge.js';

/**
 * The guard a branch adds before the status check, for every command; `rule` is what the
 * command's slice says of it (its action, and whether it belongs to the session only).
 */
export function assertBranchAllows(command: SliceCommand, state: SessionState, rule: Pick<CommandRule<SliceCommand>, 'action' | 'sessionOnly'>): void {
  const branch = state.branch;
  // Both are bugs in the caller (a command routed to the wrong stream), not user errors.
  if (command.type === 'ForkBranch') {
    if (branch === null && state.eventCount > 0) throw new Error('ForkBranch decided on a stream that has events: fork on branchBaseState(...)');
    return;
  }
  if (branch === null) {
    if (state.eventCount === 0) throw new Error(`${command.type} decided on a branch stream that was never forked: it starts with ForkBranch`);
    return;
  }
  const closingItself = command.type === 'DiscardBranch' && (command as DiscardBranch).data.branchId === branch.branchId;
  if (branch.status === 'discarded' && !closingItself) {
    throw new BranchRefused('discarded', rule.action, `branch ${branch.name} is discarded`, 'create a new branch');
  }
  if (rule.sessionOnly) throw new BranchRefused('branch', rule.action, 'this is a branch', rule.sessionOnly);
}

export function decideBranch(command: BranchCommand, state: SessionState): BranchEvent[] {
  const { at, sessionId } = command.data;
  switch (command.type) {
    case 'CreateBranch':
      return decideCreateBranch(command, state);
    case 'ForkBranch': {
      const branchId = requireId('branchId', command.data.branchId);
      const name = requireText('name', command.data.name, LIMITS.name);
      const parentBranchId = command.data.parentBranchId === null ? null : requireId('parentBranchId', command.data.parentBranchId);
      if (parentBranchId === branchId) throw new ValidationError('parentBranchId', 'a branch cannot be its own parent');
      const forkRevision = requireInteger('forkRevision', command.data.forkRevision, 0, Number.MAX_SAFE_INTEGER);
      const forked = { branchId, name, parentBranchId, forkRevision };
      if (state.branch) {
        const { branchId: b, name: n, parentBranchId: p, forkRevision: r } = state.branch;
        if (b === branchId && n === name && p === parentBranchId && r === forkRevision) return [];
        throw new AlreadyExists('branch', branchId, 'branchId');
      }
      const parentStream = parentBranchId === null ? sessionStream(sessionId) : branchStream(parentBranchId);
      return [{ type: 'BranchForked', data: { ...forked, sessionId, parentStream, at } }];
    }
    case 'MergeBranch':
      return decideMerge(command, state);
    case 'DiscardBranch': {
      const branchId = requireId('branchId', command.data.branchId);
      const reason = optionalText('reason', command.data.reason, LIMITS.reason);
      const discarded: BranchEvent[] = [{ type: 'BranchDiscarded', data: { branchId, ...(reason ? { reason } : {}), at } }];
      if (state.branch?.branchId === branchId) return state.branch.status === 'discarded' ? [] : discarded;
      const ref = findBranch(state, branchId);
      if (!ref || ref.imported) throw new NotFound('branch', branchId);
      return ref.status === 'discarded' ? [] : discarded;
    }
    default: {
      const _never: never = command;
      throw new Error(`Unknown branch command ${JSON.stringify(_never)}`);
    }
  }
}

function decideCreateBranch(command: CreateBranch, state: SessionState): BranchEvent[] {
  const { at, actorId } = command.data;
  const branchId = requireId('branchId', command.data.branchId);
  const name = requireText('name', command.data.name, LIMITS.name);
  const head = state.eventCount - 1;
  const fromRevision = requireInteger('fromRevision', command.data.fromRevision, 0, Number.MAX_SAFE_INTEGER);
  if (fromRevision > head) throw new ValidationError('fromRevision', `revision ${fromRevision} is beyond the head (revision ${head})`);
  const fromCheckpoint = command.data.fromCheckpoint === undefined ? undefined : requireCheckpointName('fromCheckpoint', command.data.fromCheckpoint);
  if (fromCheckpoint !== undefined) {
    const checkpoint = findCheckpoint(state, fromCheckpoint);
    if (!checkpoint) throw new CheckpointNotFound(fromCheckpoint);
    if (checkpoint.revision !== fromRevision) {
      throw new ValidationError('fromRevision', `checkpoint ${fromCheckpoint} marks revision ${checkpoint.revision}, not ${fromRevision}`);
    }
  }
  const existing = findBranch(state, branchId);
  if (existing) {
    // The same fork again is a retry of the two appends that make a branch.
    if (existing.name === name && existing.forkRevision === fromRevision && existing.fromCheckpoint === fromCheckpoint) return [];
    throw new AlreadyExists('branch', branchId, 'branchId');
  }
  // An imported ref is history: its stream stayed with the original, so its name is free.
  if (state.governance.branches.some((b) => b.status === 'open' && !b.imported && b.name === name)) throw new AlreadyExists('branch', name, 'name');
  return [{
    type: 'BranchCreated',
    data: { branchId, name, forkRevision: fromRevision, ...(fromCheckpoint !== undefined ? { fromCheckpoint } : {}), createdBy: actorId, at },
  }];
}

export const findBranch = (state: SessionState, branchId: string): BranchRef | undefined =>
  state.governance.branches.get(branchId);

function requireWorkspace(field: string, value: unknown): Workspace {
  if (!isPlainObject(value) || !WORKSPACE_PARTS.every((part) => Object.hasOwn(value, part))) {
    throw new ValidationError(field, `${field} must be a workspace read from the branch stream (see prepareMerge)`);
  }
  return value as unknown as Workspace;
}

function decideMerge(command: MergeBranch, state: SessionState): BranchEvent[] {
  const { at } = command.data;
  const branchId = requireId('branchId', command.data.branchId);
  const ref = findBranch(state, branchId);
  if (!ref || ref.imported) throw new NotFound('branch', branchId);
  if (ref.status === 'discarded') throw new BranchRefused('discarded', 'merge a branch', `branch ${ref.name} is discarded`, 'create a new branch');
  const strategy = requireOneOf('strategy', command.data.strategy, MERGE_STRATEGIES);
  const reason = optionalText('reason', command.data.reason, LIMITS.reason);
  const branchRevision = requireInteger('branchRevision', command.data.branchRevision, 0, Number.MAX_SAFE_INTEGER);
  const baseRevision = command.data.baseRevision === null ? null : requireInteger('baseRevision', command.data.baseRevision, 0, Number.MAX_SAFE_INTEGER);
  // A base read before another merge landed would bring back what that merge already brought.
  if (baseRevision !== ref.lastMergedRevision) {
    const expected = ref.lastMergedRevision === null ? 'null (the fork)' : String(ref.lastMergedRevision);
    throw new ValidationError('baseRevision', `the base must be the branch at its last merge, revision ${expected}: read the branch again and merge`);
  }
  if (ref.lastMergedRevision !== null && branchRevision <= ref.lastMergedRevision) return [];
  const base = requireWorkspace('base', command.data.base);
  const theirs = requireWorkspace('theirs', command.data.theirs);
  const running = newPendingTurns(base, theirs);
  if (running.length > 0) {
    throw new BranchRefused('branch', 'merge a branch', `query ${running.join(', ')} is still pending in branch ${ref.name}`, 'merge once it is answered or failed');
  }
  const { changes, resolutions } = mergeWorkspaces(base, state.workspace, theirs, strategy, { branchId });
  if (isEmptyChanges(changes) && resolutions.length === 0) return [];
  // The counts after the merge travel with it: the read models cannot re-derive them from the delta.
  const counts = workspaceCounts(applyWorkspaceChanges(state.workspace, changes));
  return [{ type: 'BranchMerged', data: { branchId, branchRevision, strategy, changes, resolutions, counts, ...(reason ? { reason } : {}), at } }];
}
