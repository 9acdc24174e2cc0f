import { AlreadyExists, BranchRefused, CheckpointNotFound, IllegalTransition, NotFound, SessionNotFound, ValidationError } from '../../errors.js';
import { answerCommand, material } from '../../testing/agent.fixtures.js';
import { branchCreated, BRANCH_ID, BRANCH_NAME, forked, forkSession, givenBranch, playOn } from '../../testing/branch.fixtures.js';
import { at, command, createCommand, event, given, OWNER, play, SESSION_ID, STRANGER } from '../../testing/session.fixtures.js';
import { branchBaseState, forkRevisionOf, listBranches } from './reads.js';
import type { SessionCommand } from '../core/commands.js';
import { analystContext } from '../context/index.js';
import { foldSession } from '../core/decider.js';
import { stateAtRevision } from '../time-travel/index.js';
import { itFollowsTheStatusTable } from '../../testing/status-table.js';
import { emptyWorkspace } from '../core/state.js';
import type { BranchCommand } from './commands.js';

const session = () =>
  play([
    createCommand(), // 0
    command('StartSession', { at: at(1) }), // 1
    command('AddContextItem', { key: 'target', value: 'olivine cathodes', at: at(2) }), // 2
    command('AddTask', { taskId: 't1', title: 'Compare ionic conductivity', at: at(3) }), // 3
    command('SaveCheckpoint', { name: 'after_setup', at: at(4) }), // 4, marks revision 3
    command('SetFocus', { focus: 'LiFePO4', at: at(5) }), // 5
  ]);

describe('branches', () => {
  describe('create', () => {
    it('from the head: records the fork in the session, and the branch stream starts by naming its parent and the revision', () => {
      given(session()).when(command('CreateBranch', { branchId: BRANCH_ID, name: BRANCH_NAME, fromRevision: 5 })).thenState((state, events) => {
        expect(events).toEqual([branchCreated(5)]);
        expect(listBranches(state)).toEqual([
          { branchId: BRANCH_ID, name: BRANCH_NAME, forkRevision: 5, createdAt: at(), createdBy: OWNER, status: 'open', lastMergedRevision: null, lastMergedAt: null },
        ]);
      });
      const base = branchBaseState(foldSession(session()), foldSession(session()));
      givenBranch(base)([]).when(command('ForkBranch', { branchId: BRANCH_ID, name: BRANCH_NAME, parentBranchId: null, forkRevision: 5 })).thenState((state, events) => {
        expect(events).toEqual([forked(5)]);
        expect(events[0]!.data).toMatchObject({ parentStream: 'session-sess-1', parentBranchId: null, forkRevision: 5 });
        expect(state.branch).toEqual({ branchId: BRANCH_ID, name: BRANCH_NAME, parentStream: 'session-sess-1', parentBranchId: null, forkRevision: 5, createdAt: at(), status: 'open' });
        expect(state.workspace).toEqual(foldSession(session()).workspace);
      });
    });

    it('from a revision: the branch starts from the parent\'s workspace at that revision', () => {
      const { branch, base } = forkSession(session(), { forkRevision: 2 });
      const state = foldSession(branch, base);
      expect(state.workspace).toEqual(stateAtRevision(session(), 2).workspace);
      expect(state.workspace.tasks).toEqual([]);
    });

    it('from a checkpoint: the checkpoint names the revision, and the ref keeps its name', () => {
      const parent = foldSession(session());
      expect(forkRevisionOf(parent, { checkpoint: 'after_setup' })).toEqual({ fromRevision: 3, fromCheckpoint: 'after_setup' });
      expect(forkRevisionOf(parent)).toEqual({ fromRevision: 5 });
      expect(() => forkRevisionOf(parent, { checkpoint: 'nope' })).toThrow(CheckpointNotFound);
      given(session()).when(command('CreateBranch', { branchId: BRANCH_ID, name: BRANCH_NAME, fromRevision: 3, fromCheckpoint: 'after_setup' }))
        .then([branchCreated(3, { fromCheckpoint: 'after_setup' })]);
      const { branch, base } = forkSession(session(), { forkRevision: 3 });
      expect(foldSession(branch, base).workspace).toEqual(stateAtRevision(session(), 3).workspace);
    });

    it('is allowed while the session is paused, not once it is archived', () => {
      const create = command('CreateBranch', { branchId: BRANCH_ID, name: BRANCH_NAME, fromRevision: 1 });
      given(play([command('PauseSession')], session())).when(create).then([branchCreated(1)]);
      given(play([command('PauseSession'), command('ArchiveSession')], session())).when(create).thenThrows(IllegalTransition, /session is archived/);
    });

    it('refuses a revision past the head, a checkpoint at another revision, and an unknown checkpoint', () => {
      const create = (data: { fromRevision: number; fromCheckpoint?: string }) => command('CreateBranch', { branchId: BRANCH_ID, name: BRANCH_NAME, ...data });
      given(session()).when(create({ fromRevision: 6 })).thenThrows(ValidationError, 'revision 6 is beyond the head (revision 5)');
      given(session()).when(create({ fromRevision: 4, fromCheckpoint: 'after_setup' })).thenThrows(ValidationError, 'checkpoint after_setup marks revision 3, not 4');
      given(session()).when(create({ fromRevision: 3, fromCheckpoint: 'nope' })).thenThrows(CheckpointNotFound);
    });

    it('keeps names unique among open branches; a discarded branch frees its name', () => {
      const again = command('CreateBranch', { branchId: 'br-2', name: BRANCH_NAME, fromRevision: 5 });
      given([...session(), branchCreated(5)]).when(again).thenThrows(AlreadyExists, `branch ${BRANCH_NAME} already exists`);
      given([...session(), branchCreated(5), event('BranchDiscarded', { branchId: BRANCH_ID })]).when(again).then([branchCreated(5, { branchId: 'br-2' })]);
    });

    it('appends nothing when the same fork is asked again (a retry), and refuses its id for another fork', () => {
      given([...session(), branchCreated(5)]).when(command('CreateBranch', { branchId: BRANCH_ID, name: BRANCH_NAME, fromRevision: 5 })).then([]);
      given([...session(), branchCreated(5)]).when(command('CreateBranch', { branchId: BRANCH_ID, name: 'other', fromRevision: 4 })).thenThrows(AlreadyExists, 'branch br-1 already exists');
      const { branch, base } = forkSession(session());
      givenBranch(base)(branch).when(command('ForkBranch', { branchId: BRANCH_ID, name: BRANCH_NAME, parentBranchId: null, forkRevision: 5 })).then([]);
      givenBranch(base)(branch).when(command('ForkBranch', { branchId: 'br-9', name: BRANCH_NAME, parentBranchId: null, forkRevision: 5 })).thenThrows(AlreadyExists);
    });

    it('treats a fork routed to a session\'s own stream, or work on a stream never forked, as a bug', () => {
      given(session()).when(command('ForkBranch', { branchId: BRANCH_ID, name: BRANCH_NAME, parentBranchId: null, forkRevision: 5 })).thenThrows(Error, /fork on branchBaseState/);
      const base = branchBaseState(foldSession(session()), foldSession(session()));
      givenBranch(base)([]).when(command('SetFocus', { focus: 'x' })).thenThrows(Error, /never forked/);
    });

    it('takes the session\'s governance now, without its checkpoints and branches (a branch has its own)', () => {
      const { branch, base } = forkSession([...session(), branchCreated(5, { branchId: 'br-0', name: 'older' })]);
      const state = foldSession(branch, base);
      expect(state.governance).toMatchObject({ ownerId: OWNER, status: 'active', name: 'battery_materials_project', checkpoints: [], branches: [] });
      expect(state).toMatchObject({ id: SESSION_ID, exists: true, eventCount: 1 });
    });
  });

  describe('work in a branch', () => {
    it('takes queries, context, discoveries, checkpoints and tasks; the parent does not see them', () => {
      const { branch, base } = forkSession(session());
      const events = playOn(base, [
        command('AskQuery', { queryId: 'q1', text: 'What if we use a spinel structure instead?', at: at(10) }),
        answerCommand('q1', { materials: [material('LiMn2O4', { properties: { structure: 'spinel' } })], at: at(11) }),
        command('AddContextItem', { key: 'spinel_note', value: 'Mn dissolution', at: at(12) }),
        command('RecordDiscovery', { discoveryId: 'd1', category: 'structure_property', description: 'spinel gives 3D Li paths', materials: ['LiMn2O4'], evidence: null, confidence: 0.8, at: at(13) }),
        command('ValidateDiscovery', { discoveryId: 'd1', at: at(14) }),
        command('CompleteTask', { taskId: 't1', at: at(15) }),
        command('SaveCheckpoint', { name: 'spinel_done', at: at(16) }),
        command('SetFocus', { focus: 'spinels', at: at(17) }),
        command('RestoreCheckpoint', { name: 'spinel_done', at: at(18) }),
      ], branch);
      const state = foldSession(events, base);
      const context = analystContext(state);
      expect(context.recentMaterials).toEqual(['LiMn2O4']);
      expect(context.items.map((i) => i.key)).toEqual(['target', 'spinel_note']);
      expect(context.discoveries).toEqual([expect.objectContaining({ id: 'd1', status: 'validated' })]);
      expect(context.completedTasks).toEqual([{ id: 't1', title: 'Compare ionic conductivity' }]);
      expect(context.focus).toBe('LiFePO4');
      // Checkpoints of a branch mark revisions of the branch stream.
      expect(state.governance.checkpoints).toEqual([expect.objectContaining({ name: 'spinel_done', revision: 7 })]);
      expect(foldSession(session()).workspace.conversation).toEqual([]);
    });

    it('a question in a branch of a created session does not start the session: its status is the session\'s', () => {
      const { branch, base } = forkSession(play([createCommand()]));
      givenBranch(base)(branch).when(command('AskQuery', { queryId: 'q1', text: 'Analyse LiFePO4' }))
        .then([event('QueryAsked', { queryId: 'q1', text: 'Analyse LiFePO4' })]);
    });

    it('records the answer (or the failure) to a question asked in a branch of a created session', () => {
      const { branch, base } = forkSession(play([createCommand()]));
      const history = playOn(base, [command('AskQuery', { queryId: 'q1', text: 'Analyse LiFePO4' })], branch);
      givenBranch(base)(history).when(answerCommand('q1')).thenState((state) => {
        expect(state.workspace.conversation.values()[0]).toMatchObject({ id: 'q1', status: 'answered' });
        expect(state.governance.status).toBe('created');
      });
      givenBranch(base)(history).when(command('FailQuery', { queryId: 'q1', reason: 'analyst down', retryable: true }))
        .thenState((state) => expect(state.workspace.conversation.values()[0]).toMatchObject({ status: 'failed' }));
    });

    it('a branch of a branch forks from the branch and is recorded in the branch', () => {
      const { branch, base } = forkSession(session());
      const inBranch = playOn(base, [
        command('AddHypothesis', { hypothesisId: 'h1', statement: 'spinel works', at: at(10) }),
        command('CreateBranch', { branchId: 'br-2', name: 'deeper', fromRevision: 1, at: at(11) }),
      ], branch);
      const parentNow = foldSession(inBranch, base);
      expect(listBranches(parentNow).map((b) => b.branchId)).toEqual(['br-2']);
      const subBase = branchBaseState(foldSession(session()), stateAtRevision(inBranch, 1, base));
      const sub = playOn(subBase, [
        command('ForkBranch', { branchId: 'br-2', name: 'deeper', parentBranchId: BRANCH_ID, forkRevision: 1, at: at(12) }),
        command('AddTask', { taskId: 't2', title: 'try Ni doping', at: at(13) }),
      ]);
      expect(sub[0]!.data).toMatchObject({ parentStream: 'branch-br-1', parentBranchId: BRANCH_ID });
      const state = foldSession(sub, subBase);
      expect(state.workspace.hypotheses.map((h) => h.id)).toEqual(['h1']);
      expect(state.workspace.tasks.map((t) => t.id)).toEqual(['t1', 't2']);
    });

    const sessionOnly: SessionCommand[] = [
      command('StartSession'),
      command('PauseSession'),
      command('ResumeSession'),
      command('ArchiveSession'),
      command('RenameSession', { name: 'x' }),
      command('UpdateSessionMetadata', { set: { phase: 'x' } }),
    ];
    it.each(sessionOnly.map((c) => [c.type, c] as const))('refuses %s: lifecycle and governance belong to the session', (_type, c) => {
      const { branch, base } = forkSession(session());
      const error = givenBranch(base)(branch).when(c).thenThrows(BranchRefused, /: this is a branch: .* the session('s metadata)?, not a branch/);
      expect(error).toBeInstanceOf(IllegalTransition);
      // No retry or recovery helps: the way out is the session itself.
      expect(error.recoverable).toBe(false);
    });

    it('says "rename the session, not a branch"', () => {
      const { branch, base } = forkSession(session());
      givenBranch(base)(branch).when(command('RenameSession', { name: 'x' })).thenThrows(BranchRefused, 'cannot rename: this is a branch: rename the session, not a branch');
    });

    it('follows the session as it is now: once the session is paused, its branches are too', () => {
      const { parent, branch } = forkSession(session());
      const pausedNow = foldSession(play([command('PauseSession', { at: at(20) })], parent));
      const base = branchBaseState(pausedNow, stateAtRevision(session(), 5));
      givenBranch(base)(branch).when(command('AddTask', { taskId: 't9', title: 'x' })).thenThrows(IllegalTransition, 'cannot add a task: session is paused: resume it first');
    });

    it('loses whoever loses the session: access is read from the session\'s governance now', () => {
      const { parent, branch } = forkSession(session());
      const now = foldSession(parent);
      // Members are owner-only so far: a session whose governance no longer holds OWNER stands in for a removal.
      const without = branchBaseState({ ...now, governance: { ...now.governance, ownerId: 'user_456' } }, now);
      givenBranch(without)(branch).when(command('AddTask', { taskId: 't9', title: 'x' })).thenThrows(SessionNotFound);
      givenBranch(branchBaseState(now, now))(branch).when(command('AddTask', { taskId: 't9', title: 'x', actorId: STRANGER })).thenThrows(SessionNotFound);
    });
  });

  describe('discard', () => {
    it('closes the branch, and marks the ref in the parent', () => {
      const { parent, branch, base } = forkSession(session());
      givenBranch(base)(branch).when(command('DiscardBranch', { branchId: BRANCH_ID })).thenState((state, events) => {
        expect(events).toEqual([event('BranchDiscarded', { branchId: BRANCH_ID })]);
        expect(state.branch?.status).toBe('discarded');
      });
      given(parent).when(command('DiscardBranch', { branchId: BRANCH_ID })).thenState((state) => {
        expect(listBranches(state)).toEqual([]);
        expect(listBranches(state, { includeDiscarded: true })).toEqual([expect.objectContaining({ branchId: BRANCH_ID, status: 'discarded' })]);
      });
    });

    it('refuses every command to a discarded branch, naming the way out; discarding again is a retry', () => {
      const { branch, base } = forkSession(session());
      const closed = [...branch, event('BranchDiscarded', { branchId: BRANCH_ID })];
      givenBranch(base)(closed).when(command('AddTask', { taskId: 't9', title: 'x' }))
        .thenThrows(BranchRefused, `cannot add a task: branch ${BRANCH_NAME} is discarded: create a new branch`);
      givenBranch(base)(closed).when(command('AskQuery', { queryId: 'q1', text: 'x' })).thenThrows(IllegalTransition, /is discarded: create a new branch/);
      givenBranch(base)(closed).when(command('DiscardBranch', { branchId: BRANCH_ID })).then([]);
    });

    it('refuses an unknown branch, and appends nothing for a ref already discarded', () => {
      given(session()).when(command('DiscardBranch', { branchId: 'nope' })).thenThrows(NotFound, 'branch nope not found');
      given([...session(), branchCreated(5), event('BranchDiscarded', { branchId: BRANCH_ID })]).when(command('DiscardBranch', { branchId: BRANCH_ID })).then([]);
    });
  });

  // Every status × every command of this slice. The matrix is written out here, not read from the code.
  // ForkBranch starts a branch stream, and is specified with the branch's creation above.
  describe('what each status allows', () => {
    const samples: Record<Exclude<BranchCommand['type'], 'ForkBranch'>, SessionCommand> = {
      CreateBranch: command('CreateBranch', { branchId: 'b1', name: 'explore_spinel', fromRevision: 0 }),
      MergeBranch: command('MergeBranch', {
        branchId: 'b0', strategy: 'merge', branchRevision: 3, baseRevision: null, base: emptyWorkspace(), theirs: { ...emptyWorkspace(), focus: 'spinels' },
      }),
      DiscardBranch: command('DiscardBranch', { branchId: 'b0' }),
    };
    itFollowsTheStatusTable(samples, {
      CreateBranch: ['created', 'active', 'paused'],
      MergeBranch: ['created', 'active'],
      DiscardBranch: ['created', 'active', 'paused'],
    });
  });
});
