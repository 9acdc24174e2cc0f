// Builders for branch specs: a session, a branch forked from it (the two streams as the store
// would hold them), and the given/when/then of a branch, which folds from the branch's base state.
import { branchBaseState } from '../session/branches/index.js';
import { foldSession, sessionDecider, type MergeStrategy, type SessionCommand, type SessionEvent, type SessionState } from '../session/core/index.js';
import { prepareMerge, stateAtRevision } from '../session/time-travel/index.js';
import { specFor } from './decider-spec.js';
import { at, command, event, OWNER, play, prepared, SESSION_ID } from './session.fixtures.js';

export const BRANCH_ID = 'br-1';
export const BRANCH_NAME = 'explore_different_structure';

export const branchCreated = (forkRevision: number, data?: { branchId?: string; name?: string; fromCheckpoint?: string; at?: string }) =>
  event('BranchCreated', { branchId: BRANCH_ID, name: BRANCH_NAME, forkRevision, createdBy: OWNER, ...data });

export const forked = (forkRevision: number, data?: { branchId?: string; name?: string; parentBranchId?: string | null; at?: string }) => {
  const parentBranchId = data?.parentBranchId ?? null;
  return event('BranchForked', {
    branchId: BRANCH_ID, sessionId: SESSION_ID, name: BRANCH_NAME, forkRevision, ...data, parentBranchId,
    parentStream: parentBranchId === null ? `session-${SESSION_ID}` : `branch-${parentBranchId}`,
  });
};

/** The spec of a branch: the given events are the branch stream's, folded on `base`. */
export const givenBranch = (base: SessionState) => {
  const spec = specFor({ ...sessionDecider, initialState: () => base });
  return (events: SessionEvent[] = []) => ({ when: (c: SessionCommand) => spec(events).when(prepared(c, events, base)) });
};

/** Runs commands one after another on a stream folded from `base`, as handle() would. */
export function playOn(base: SessionState, commands: SessionCommand[], from: SessionEvent[] = []): SessionEvent[] {
  const events = [...from];
  let state = foldSession(events, base);
  for (const raw of commands) {
    const c = prepared(raw, events, base);
    const produced = sessionDecider.decide(c, state);
    state = foldSession(produced, state);
    events.push(...produced);
  }
  return events;
}

export interface Forked {
  /** The parent's stream, BranchCreated last. */
  parent: SessionEvent[];
  /** The branch's stream: BranchForked. */
  branch: SessionEvent[];
  base: SessionState;
}

/** Forks a branch of the session whose stream is `session`, at `forkRevision` (the head by default). */
export function forkSession(session: SessionEvent[], options: { forkRevision?: number; branchId?: string; minute?: number } = {}): Forked {
  const { forkRevision = session.length - 1, branchId = BRANCH_ID, minute = 0 } = options;
  const name = branchId === BRANCH_ID ? BRANCH_NAME : `${BRANCH_NAME}_${branchId}`;
  const parent = play([command('CreateBranch', { branchId, name, fromRevision: forkRevision, at: at(minute) })], session);
  const base = branchBaseState(foldSession(parent), stateAtRevision(session, forkRevision));
  const branch = playOn(base, [command('ForkBranch', { branchId, name, parentBranchId: null, forkRevision, at: at(minute) })]);
  return { parent, branch, base };
}

/** The MergeBranch the application would send, read from the branch stream. */
export function mergeCommand(parent: SessionEvent[], branch: SessionEvent[], base: SessionState, strategy: MergeStrategy = 'merge', minute = 90, branchId = BRANCH_ID) {
  const ref = foldSession(parent).governance.branches.get(branchId)!;
  return command('MergeBranch', { branchId, strategy, ...prepareMerge(ref, branch, base), at: at(minute) });
}
