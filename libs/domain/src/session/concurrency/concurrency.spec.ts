import { ConflictError, IllegalTransition, QueryNotPending, SessionNotFound } from '../../errors.js';
import { answerCommand, answered, asked, invocation, material, recordedDiscovery } from '../../testing/agent.fixtures.js';
import { at, command, created, event, OWNER, prepared, started, STRANGER } from '../../testing/session.fixtures.js';
import type { SessionCommand } from '../core/commands.js';
import { decideConcurrent, fieldsTouched, findConflicts, isCommutative, readField } from './concurrency.js';
import { foldSession } from '../core/decider.js';
import type { SessionEvent } from '../core/events.js';

/** The caller saw `base`; meanwhile someone else appended `theirs`. */
function race(base: SessionEvent[], theirs: SessionEvent[], mine: SessionCommand) {
  const based = foldSession(base);
  const current = foldSession(theirs, based);
  // A restore as the application prepares it, on the head it reads.
  const command = prepared(mine, [...base, ...theirs]);
  return { run: () => decideConcurrent(command, based, current), based, current };
}

const base = () => [
  created(),
  started(),
  event('ContextItemAdded', { key: 'finding', value: 'stable', kind: 'custom' }),
  event('TaskAdded', { taskId: 't1', title: 'measure' }),
  event('CheckpointSaved', { name: 'cp', revision: 3, savedBy: OWNER }),
];

describe('session concurrency', () => {
  describe('commands that commute are rebased', () => {
    it('adds a hypothesis on top of someone else\'s hypothesis', () => {
      const { run } = race(base(), [event('HypothesisAdded', { hypothesisId: 'h-theirs', statement: 'theirs' })],
        command('AddHypothesis', { hypothesisId: 'h-mine', statement: 'mine' }));
      expect(run()).toEqual([event('HypothesisAdded', { hypothesisId: 'h-mine', statement: 'mine' })]);
    });

    it('adds a task while the session was renamed and refocused', () => {
      const { run } = race(base(), [event('SessionRenamed', { name: 'x' }), event('FocusSet', { focus: 'y' })], command('AddTask', { taskId: 't2', title: 'mine' }));
      expect(run()).toEqual([event('TaskAdded', { taskId: 't2', title: 'mine' })]);
    });

    it('adds a context item under a new key while others added other keys', () => {
      const { run } = race(base(), [event('ContextItemAdded', { key: 'other', value: 1, kind: 'custom' })], command('AddContextItem', { key: 'mine', value: 2 }));
      expect(run()).toEqual([event('ContextItemAdded', { key: 'mine', value: 2, kind: 'custom' })]);
    });

    it('saves a checkpoint with a new name, marking the revision of now', () => {
      const { run } = race(base(), [event('FocusSet', { focus: 'y' })], command('SaveCheckpoint', { name: 'mine' }));
      expect(run()).toEqual([event('CheckpointSaved', { name: 'mine', revision: 5, savedBy: OWNER })]);
    });

    it('knows which commands never clash', () => {
      expect(isCommutative(command('AddTask', { taskId: 't', title: 't' }))).toBe(true);
      expect(isCommutative(command('RenameSession', { name: 'n' }))).toBe(false);
    });
  });

  describe('other commands are rebased when the fields they write did not change', () => {
    it('renames while metadata changed', () => {
      const { run } = race(base(), [event('SessionMetadataUpdated', { set: { phase: 'x' }, removed: [] })], command('RenameSession', { name: 'mine' }));
      expect(run()).toEqual([event('SessionRenamed', { name: 'mine' })]);
    });

    it('updates one metadata key while another key changed', () => {
      const { run } = race(base(), [event('SessionMetadataUpdated', { set: { project: 'p2' }, removed: [] })],
        command('UpdateSessionMetadata', { set: { phase: 'synthesis' } }));
      expect(run()).toEqual([event('SessionMetadataUpdated', { set: { phase: 'synthesis' }, removed: [] })]);
    });

    it('decides straight away when nothing happened in between', () => {
      const { run } = race(base(), [], command('SetFocus', { focus: 'f' }));
      expect(run()).toEqual([event('FocusSet', { focus: 'f' })]);
    });
  });

  describe('a clash is a ConflictError listing each field with its local, remote and base value', () => {
    it('two renames', () => {
      const { run } = race(base(), [event('SessionRenamed', { name: 'theirs' })], command('RenameSession', { name: 'mine' }));
      expect(run).toThrow(ConflictError);
      expect(() => run()).toThrow(expect.objectContaining({
        code: 'conflict',
        recoverable: true,
        conflicts: [{ field: 'governance.name', local: 'mine', remote: 'theirs', base: 'battery_materials_project' }],
      }));
    });

    it('the same metadata key, named by its path', () => {
      const { run } = race(base(), [event('SessionMetadataUpdated', { set: { phase: 'theirs' }, removed: [] })],
        command('UpdateSessionMetadata', { set: { phase: 'mine', lab: 'B2' } }));
      expect(() => run()).toThrow(expect.objectContaining({
        conflicts: [{ field: 'governance.metadata.phase', local: 'mine', remote: 'theirs', base: 'structure_optimization' }],
      }));
    });

    it('the same context key', () => {
      const { run } = race(base(), [event('ContextItemAdded', { key: 'finding', value: 'unstable', kind: 'custom', at: at(3) })],
        command('AddContextItem', { key: 'finding', value: 'very stable', at: at(4) }));
      const error = catchConflict(run);
      expect(error.conflicts).toHaveLength(1);
      expect(error.conflicts[0]).toMatchObject({
        field: 'workspace.contextItems.finding',
        local: { value: 'very stable' },
        remote: { value: 'unstable' },
        base: { value: 'stable' },
      });
    });

    it('a restore over work someone added since, part by part', () => {
      const { run } = race(base(), [event('TaskAdded', { taskId: 't2', title: 'theirs' }), event('FocusSet', { focus: 'theirs' })],
        command('RestoreCheckpoint', { name: 'cp' }));
      const error = catchConflict(run);
      expect(error.conflicts.map((c) => c.field)).toEqual(['workspace.focus', 'workspace.tasks']);
      expect(error.conflicts[0]).toEqual({ field: 'workspace.focus', local: null, remote: 'theirs', base: null });
    });
  });

  describe('convergent changes are not conflicts', () => {
    it('both completed the same task: nothing left to do', () => {
      const { run } = race(base(), [event('TaskCompleted', { taskId: 't1', at: at(2) })], command('CompleteTask', { taskId: 't1', at: at(3) }));
      expect(run()).toEqual([]);
    });

    it('both paused: the status now decides, with its way out', () => {
      const { run } = race(base(), [event('SessionPaused', {})], command('PauseSession'));
      expect(run).toThrow(IllegalTransition);
      expect(run).toThrow(/already paused/);
    });
  });

  describe('the agent\'s commands', () => {
    const withDiscovery = () => [...base(), asked('q1'), recordedDiscovery('d1')];

    it('asks a question while someone else asked theirs', () => {
      const { run } = race(base(), [asked('q-theirs')], command('AskQuery', { queryId: 'q-mine', text: 'Analyse LiCoO2' }));
      expect(run()).toEqual([asked('q-mine', 'Analyse LiCoO2', 0)]);
    });

    it('never loses an answer to a conflict: tool states and materials are last-writer-wins', () => {
      const theirs = [event('ToolStateChanged', { tool: 'composition', state: 'theirs' }), asked('q2'), event('MaterialAnalysed', { formula: 'LiFePO4', properties: {}, source: 'x', queryId: 'q2' })];
      const mine = answerCommand('q1', { toolStates: { composition: 'mine' }, materials: [material('LiFePO4')] });
      expect(isCommutative(mine)).toBe(true);
      const { run } = race([...base(), asked('q1')], theirs, mine);
      expect(run().map((e) => e.type)).toEqual(['ToolStateChanged', 'MaterialAnalysed', 'QueryAnswered']);
    });

    it('rebases a failure, and decide on now refuses it when the query was answered meanwhile', () => {
      const { run } = race([...base(), asked('q1')], [answered('q1')], command('FailQuery', { queryId: 'q1', reason: 'timeout', retryable: true }));
      expect(run).toThrow(QueryNotPending);
    });

    it('two reviewers who disagree about one discovery clash on its review', () => {
      const { run } = race(withDiscovery(), [event('DiscoveryRejected', { discoveryId: 'd1', reason: 'artefact' })], command('ValidateDiscovery', { discoveryId: 'd1' }));
      const error = catchConflict(run);
      expect(error.conflicts).toEqual([{
        field: 'workspace.discoveryReviews.d1',
        local: { status: 'validated', review: { note: null, at: at() } },
        remote: { status: 'rejected', review: { note: 'artefact', at: at() } },
        base: { status: 'recorded', review: null },
      }]);
    });

    it('a review and tags do not clash, nor do two taggers', () => {
      const tagged = [event('DiscoveryTagged', { discoveryId: 'd1', tags: ['theirs'] })];
      expect(race(withDiscovery(), tagged, command('ValidateDiscovery', { discoveryId: 'd1' })).run()).toEqual([event('DiscoveryValidated', { discoveryId: 'd1' })]);
      expect(race(withDiscovery(), tagged, command('TagDiscovery', { discoveryId: 'd1', tags: ['mine'] })).run()).toEqual([event('DiscoveryTagged', { discoveryId: 'd1', tags: ['mine'] })]);
    });

    it('two changes to the same discovery setting clash', () => {
      const { run } = race(base(), [event('DiscoveriesConfigured', { minConfidence: 0.9 })], command('ConfigureDiscoveries', { minConfidence: 0.6, autoDetect: false }));
      expect(catchConflict(run).conflicts).toEqual([{ field: 'workspace.discoveryConfig.minConfidence', local: 0.6, remote: 0.9, base: 0.75 }]);
    });

    it('names what each writes', () => {
      const answer = answerCommand('q1', { toolInvocations: [invocation('inv-1')], toolStates: { composition: 1 }, materials: [material('LiFePO4')], discoveries: [{ discoveryId: 'd1' } as never] });
      expect(fieldsTouched(answer)).toEqual([
        'workspace.conversation.q1', 'workspace.toolInvocations.inv-1', 'workspace.toolStates.composition', 'workspace.materials.LiFePO4', 'workspace.discoveries.d1',
      ]);
      expect(fieldsTouched(command('TagDiscovery', { discoveryId: 'd1', tags: ['x'] }))).toEqual(['workspace.discoveryTags.d1']);
      expect(fieldsTouched(command('RecordToolInvocation', { ...invocation('inv-2'), toolState: 1 }))).toEqual(['workspace.toolInvocations.inv-2', 'workspace.toolStates.composition']);
      const state = foldSession(withDiscovery());
      expect(readField(state, 'workspace.discoveryTags.d1')).toEqual([]);
      expect(readField(state, 'workspace.conversation.q1')).toMatchObject({ status: 'pending' });
      expect(readField(state, 'workspace.discoveryConfig.autoDetect')).toBe(true);
    });
  });

  it('checks access on the current state before showing any conflicting value', () => {
    const { run } = race(base(), [event('SessionRenamed', { name: 'secret' })], command('RenameSession', { name: 'x', actorId: STRANGER }));
    expect(run).toThrow(SessionNotFound);
  });

  it('lists no conflict for a command refused on the base (decide on now then speaks)', () => {
    const { based, current } = race(base(), [event('SessionRenamed', { name: 'n' })], command('RestoreCheckpoint', { name: 'nope' }));
    expect(findConflicts(command('RestoreCheckpoint', { name: 'nope' }), based, current)).toEqual([]);
  });

  describe('branches and hygiene', () => {
    it('rebases a merge and hygiene: they are decided on the state now', () => {
      expect(isCommutative(command('CleanupOldContext', { before: at(5) }))).toBe(true);
      expect(isCommutative(command('ArchiveCompletedTasks'))).toBe(true);
      const { run } = race([...base(), event('TaskCompleted', { taskId: 't1' })], [event('TaskAdded', { taskId: 't2', title: 'x' }), event('TaskCompleted', { taskId: 't2' })],
        command('ArchiveCompletedTasks'));
      expect(run()).toEqual([event('TasksArchived', { taskIds: ['t1', 't2'] })]);
    });

    it('clashes on a branch ref: discarding a branch someone merged meanwhile', () => {
      const created = [...base(), event('BranchCreated', { branchId: 'b1', name: 'x', forkRevision: 1, createdBy: OWNER })];
      const merged = event('BranchMerged', { branchId: 'b1', branchRevision: 3, strategy: 'merge', changes: { focus: 'y' }, resolutions: [] });
      const { run } = race(created, [merged], command('DiscardBranch', { branchId: 'b1' }));
      expect(catchConflict(run).conflicts).toEqual([expect.objectContaining({ field: 'governance.branches.b1', local: expect.objectContaining({ status: 'discarded' }), remote: expect.objectContaining({ status: 'merged' }) })]);
    });

    it('names what each writes', () => {
      expect(fieldsTouched(command('CreateBranch', { branchId: 'b1', name: 'x', fromRevision: 1 }))).toEqual(['governance.branches.b1']);
      expect(fieldsTouched(command('ForkBranch', { branchId: 'b1', name: 'x', parentBranchId: null, forkRevision: 1 }))).toEqual([]);
      expect(fieldsTouched(command('CleanupOldContext', { before: at(1) }))).toEqual(['workspace.contextItems']);
      expect(fieldsTouched(command('ArchiveCompletedTasks'))).toEqual(['workspace.tasks', 'workspace.archivedTasks']);
      const state = foldSession([...base(), event('TaskCompleted', { taskId: 't1' }), event('TasksArchived', { taskIds: ['t1'] })]);
      expect(readField(state, 'workspace.tasks.t1')).toMatchObject({ id: 't1', archivedAt: at() });
      expect(readField(state, 'governance.branches.b1')).toBeNull();
    });
  });

  describe('field paths', () => {
    it('names what each command writes', () => {
      expect(fieldsTouched(command('PauseSession'))).toEqual(['governance.status']);
      expect(fieldsTouched(command('UpdateSessionMetadata', { set: { 'a.b': 1 }, remove: ['c'] }))).toEqual(['governance.metadata.a.b', 'governance.metadata.c']);
      expect(fieldsTouched(command('ClearContext', { kind: 'tool_outputs' }))).toEqual(['workspace.contextKinds.tool_outputs']);
      expect(fieldsTouched(command('ConfigureContext', { maxHistory: 3 }))).toEqual(['workspace.contextConfig.maxHistory']);
      expect(fieldsTouched(command('RecoverFromCheckpoint'))).toContain('workspace.contextItems');
    });

    it('reads keys that hold dots, and gives null for what is absent', () => {
      const state = foldSession([created({ metadata: { 'a.b': 1 } })]);
      expect(readField(state, 'governance.metadata.a.b')).toBe(1);
      expect(readField(state, 'governance.metadata.constructor')).toBeNull();
      expect(readField(state, 'workspace.tasks.nope')).toBeNull();
      expect(() => readField(state, 'governance.secret')).toThrow(/Unknown field path/);
    });
  });
});

function catchConflict(run: () => unknown): ConflictError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConflictError) return error;
    throw error;
  }
  throw new Error('expected a ConflictError');
}
