import { BranchRefused, ConflictError, NotFound, ValidationError } from '../../errors.js';
import { answerCommand, invocation, material } from '../../testing/agent.fixtures.js';
import { BRANCH_ID, forkSession, givenBranch, mergeCommand, playOn } from '../../testing/branch.fixtures.js';
import { at, command, createCommand, event, given, play } from '../../testing/session.fixtures.js';
import type { SessionCommand } from '../core/commands.js';
import { findBranch } from './decide.js';
import { branchBaseState } from './reads.js';
import { foldSession } from '../core/decider.js';
import type { SessionEvent } from '../core/events.js';
import type { MergeStrategy } from '../core/state.js';
import { prepareMerge, stateAtRevision } from '../time-travel/index.js';

const setup = () =>
  play([
    createCommand(),
    command('StartSession', { at: at(1) }),
    command('AddContextItem', { key: 'target', value: 'olivine cathodes', at: at(2) }),
    command('AddTask', { taskId: 't1', title: 'Compare ionic conductivity', at: at(3) }),
    command('RecordDiscovery', { discoveryId: 'd0', category: 'structure_property', description: 'olivine is stable', materials: ['LiFePO4'], evidence: null, confidence: 0.8, at: at(4) }),
    command('RecordToolInvocation', { ...invocation('inv-0'), tool: 'visualization', toolState: { loaded: '1ABC' }, at: at(5) }),
    command('SetFocus', { focus: 'LiFePO4', at: at(6) }),
  ]);

function scenario(parentCommands: SessionCommand[], branchCommands: SessionCommand[]) {
  const forked = forkSession(setup());
  const parent = play(parentCommands, forked.parent);
  const branch = playOn(forked.base, branchCommands, forked.branch);
  return { parent, branch, base: forked.base, merge: (strategy: MergeStrategy = 'merge', p: SessionEvent[] = parent, b: SessionEvent[] = branch) => mergeCommand(p, b, forked.base, strategy) };
}

const ask = (queryId: string, formula: string, minute: number): SessionCommand[] => [
  command('AskQuery', { queryId, text: `Analyse ${formula}`, at: at(minute) }),
  answerCommand(queryId, { toolInvocations: [invocation(`inv-${queryId}`)], materials: [material(formula)], at: at(minute) }),
];

// Both sides changed the focus, one context item, a discovery's review, a tool state and a setting.
const clashing = () =>
  scenario(
    [
      command('SetFocus', { focus: 'olivines', at: at(10) }),
      command('AddContextItem', { key: 'target', value: 'parent view', at: at(11) }),
      command('ValidateDiscovery', { discoveryId: 'd0', at: at(12) }),
      command('RecordToolInvocation', { ...invocation('inv-p'), tool: 'visualization', toolState: { loaded: '2XYZ' }, at: at(13) }),
      command('ConfigureContext', { maxHistory: 20, at: at(14) }),
    ],
    [
      command('SetFocus', { focus: 'spinels', at: at(20) }),
      command('AddContextItem', { key: 'target', value: 'branch view', at: at(21) }),
      command('RejectDiscovery', { discoveryId: 'd0', reason: 'artefact', at: at(22) }),
      command('TagDiscovery', { discoveryId: 'd0', tags: ['spinel'], at: at(23) }),
      command('RecordToolInvocation', { ...invocation('inv-b'), tool: 'visualization', toolState: { loaded: '3DEF' }, at: at(24) }),
      command('ConfigureContext', { maxHistory: 30, at: at(25) }),
    ],
  );

describe('merging a branch', () => {
  it('appends the branch\'s turns and materials with their origin, unites the rest, and takes what only the branch changed', () => {
    const { parent, merge } = scenario(
      [...ask('q-p1', 'LiFePO4', 10), command('AddTask', { taskId: 't-p', title: 'parent task', at: at(12) })],
      [
        ...ask('q-b1', 'LiMn2O4', 20),
        command('RecordDiscovery', { discoveryId: 'd-b', category: 'stability_insight', description: 'spinel loses Mn', materials: ['LiMn2O4'], evidence: null, confidence: 0.7, at: at(21) }),
        command('LinkDiscoveries', { linkId: 'l-b', discoveryIds: ['d-b', 'd0'], relationship: 'contradicts', at: at(22) }),
        command('AddHypothesis', { hypothesisId: 'h-b', statement: 'a spinel structure works', at: at(23) }),
        command('AddContextItem', { key: 'spinel_note', value: 'Mn dissolution', at: at(24) }),
        command('CompleteTask', { taskId: 't1', at: at(25) }),
        command('SetFocus', { focus: 'spinels', at: at(26) }),
      ],
    );
    given(parent).when(merge()).thenState((state, events) => {
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ type: 'BranchMerged', data: { branchId: BRANCH_ID, branchRevision: 10, strategy: 'merge', resolutions: [] } });
      const ws = state.workspace;
      expect(ws.conversation.map((t) => [t.id, t.origin])).toEqual([['q-p1', undefined], ['q-b1', { branchId: BRANCH_ID }]]);
      expect(ws.materials.map((m) => [m.formula, m.origin])).toEqual([['LiFePO4', undefined], ['LiMn2O4', { branchId: BRANCH_ID }]]);
      expect(ws.toolInvocations.map((i) => i.id)).toEqual(['inv-0', 'inv-q-p1', 'inv-q-b1']);
      expect(ws.discoveries.map((d) => [d.id, d.linkIds])).toEqual([['d0', ['l-b']], ['d-b', ['l-b']]]);
      expect(ws.discoveryLinks.map((l) => l.id)).toEqual(['l-b']);
      expect(ws.hypotheses.map((h) => h.id)).toEqual(['h-b']);
      expect(ws.contextItems.map((i) => i.key)).toEqual(['target', 'spinel_note']);
      expect(ws.tasks.map((t) => [t.id, t.status])).toEqual([['t1', 'completed'], ['t-p', 'pending']]);
      expect(ws.focus).toBe('spinels');
      expect(state.governance.branches.values()[0]).toMatchObject({ status: 'merged', lastMergedRevision: 10, lastMergedAt: at(90) });
    });
  });

  it('keeps what only the parent changed, and appends nothing when the branch changed nothing', () => {
    const { parent, merge } = scenario([command('SetFocus', { focus: 'olivines', at: at(10) })], [command('SaveCheckpoint', { name: 'cp', at: at(20) })]);
    given(parent).when(merge()).then([]);
  });

  it('with strategy merge, refuses conflicts, listing each field with its local (parent), remote (branch) and base value', () => {
    const { parent, merge } = clashing();
    const error = given(parent).when(merge('merge')).thenThrows(ConflictError, /both changed .*: merge with strategy "ours" or "theirs" to choose/);
    expect(error.conflicts.map((c) => c.field)).toEqual([
      'workspace.discoveries.d0', 'workspace.contextItems.target', 'workspace.toolStates.visualization', 'workspace.contextConfig.maxHistory', 'workspace.focus',
    ]);
    expect(error.conflicts).toContainEqual({ field: 'workspace.focus', local: 'olivines', remote: 'spinels', base: 'LiFePO4' });
    expect(error.conflicts).toContainEqual({ field: 'workspace.contextConfig.maxHistory', local: 20, remote: 30, base: 50 });
    expect(error.conflicts).toContainEqual(expect.objectContaining({
      field: 'workspace.contextItems.target',
      local: expect.objectContaining({ value: 'parent view' }), remote: expect.objectContaining({ value: 'branch view' }), base: expect.objectContaining({ value: 'olivine cathodes' }),
    }));
    expect(error.recoverable).toBe(true);
  });

  it('with strategy ours, keeps the parent\'s side of each conflict and records it; tags are still united', () => {
    const { parent, merge } = clashing();
    given(parent).when(merge('ours')).thenState((state, events) => {
      const data = (events[0] as Extract<SessionEvent, { type: 'BranchMerged' }>).data;
      expect(data.resolutions.map((r) => [r.field, r.chosen])).toEqual([
        ['workspace.discoveries.d0', 'ours'], ['workspace.contextItems.target', 'ours'], ['workspace.toolStates.visualization', 'ours'],
        ['workspace.contextConfig.maxHistory', 'ours'], ['workspace.focus', 'ours'],
      ]);
      expect(data.resolutions[4]).toEqual({ field: 'workspace.focus', chosen: 'ours', local: 'olivines', remote: 'spinels', base: 'LiFePO4' });
      const ws = state.workspace;
      expect(ws.focus).toBe('olivines');
      expect(ws.discoveries.values()[0]).toMatchObject({ id: 'd0', status: 'validated', tags: ['spinel'] });
      expect(ws.toolStates).toEqual({ visualization: { loaded: '2XYZ' } });
      expect(ws.contextConfig.maxHistory).toBe(20);
    });
  });

  it('with strategy theirs, takes the branch\'s side of each conflict and records it', () => {
    const { parent, merge } = clashing();
    given(parent).when(merge('theirs')).thenState((state, events) => {
      const data = (events[0] as Extract<SessionEvent, { type: 'BranchMerged' }>).data;
      expect(data.resolutions.every((r) => r.chosen === 'theirs')).toBe(true);
      const ws = state.workspace;
      expect(ws.focus).toBe('spinels');
      expect(ws.contextItems.find((i) => i.key === 'target')?.value).toBe('branch view');
      expect(ws.discoveries.values()[0]).toMatchObject({ id: 'd0', status: 'rejected', tags: ['spinel'] });
      expect(ws.toolStates).toEqual({ visualization: { loaded: '3DEF' } });
      expect(ws.contextConfig.maxHistory).toBe(30);
    });
  });

  describe('a change undone', () => {
    // Defect 6 of issue 15: the branch set a=2 then a=1 again, so its net content is the base's.
    const detour = (parentValue: string) =>
      scenario(
        [command('AddContextItem', { key: 'target', value: parentValue, at: at(30) })],
        [command('AddContextItem', { key: 'target', value: 'spinel', at: at(20) }), command('AddContextItem', { key: 'target', value: 'olivine cathodes', at: at(21) })],
      );

    it('is no change: the parent\'s later value stands, with no conflict', () => {
      const { parent, merge } = detour('layered oxides');
      given(parent).when(merge('merge')).thenState((state, events) => {
        expect(events).toEqual([]);
        expect(state.workspace.contextItems.find((i) => i.key === 'target')?.value).toBe('layered oxides');
      });
    });

    it('is no change on either side: the mirror case takes the branch\'s value, with no conflict', () => {
      const forked = forkSession(setup());
      const parent = play([
        command('AddContextItem', { key: 'target', value: 'spinel', at: at(20) }),
        command('AddContextItem', { key: 'target', value: 'olivine cathodes', at: at(21) }),
      ], forked.parent);
      const branch = playOn(forked.base, [command('AddContextItem', { key: 'target', value: 'layered oxides', at: at(30) })], forked.branch);
      given(parent).when(mergeCommand(parent, branch, forked.base)).thenState((state, events) => {
        expect(events).toEqual([expect.objectContaining({ type: 'BranchMerged', data: expect.objectContaining({ resolutions: [] }) })]);
        expect(state.workspace.contextItems.find((i) => i.key === 'target')?.value).toBe('layered oxides');
      });
    });
  });

  describe('again', () => {
    it('merges only what is new since the last merge, and nothing when nothing is new', () => {
      const first = clashing();
      const merged = play([first.merge('ours')], first.parent);
      const more = playOn(first.base, [command('AddHypothesis', { hypothesisId: 'h-b2', statement: 'Ni doping helps', at: at(40) })], first.branch);
      given(merged).when(first.merge('merge', merged, more)).thenState((state, events) => {
        // The conflicts settled by the first merge do not come back: its base is the branch as then merged.
        expect(events).toEqual([expect.objectContaining({ type: 'BranchMerged', data: expect.objectContaining({ branchRevision: 8, resolutions: [] }) })]);
        expect((events[0] as Extract<SessionEvent, { type: 'BranchMerged' }>).data.changes).toEqual({ hypotheses: [expect.objectContaining({ id: 'h-b2' })] });
        expect(state.workspace.focus).toBe('olivines');
        expect(state.governance.branches.values()[0]!.lastMergedRevision).toBe(8);
      });
      given(merged).when(first.merge('merge', merged, first.branch)).then([]);
    });

    it('refuses a base read before another merge landed', () => {
      const first = clashing();
      const stale = first.merge('ours');
      given(play([first.merge('theirs')], first.parent)).when(stale).thenThrows(ValidationError, /the base must be the branch at its last merge, revision 7: read the branch again and merge/);
    });
  });

  it('waits for questions still running in the branch', () => {
    const { parent, merge } = scenario([], [command('AskQuery', { queryId: 'q-b', text: 'Analyse LiMn2O4', at: at(20) })]);
    given(parent).when(merge()).thenThrows(BranchRefused, /query q-b is still pending in branch .*: merge once it is answered or failed/);
  });

  it('refuses an unknown or discarded branch', () => {
    const { parent, merge } = scenario([], [command('SetFocus', { focus: 'spinels', at: at(20) })]);
    const discarded = [...parent, event('BranchDiscarded', { branchId: BRANCH_ID })];
    given(discarded).when(merge('merge', parent)).thenThrows(BranchRefused, /is discarded: create a new branch/);
    given(setup()).when({ ...merge(), data: { ...merge().data, branchId: 'nope' } }).thenThrows(NotFound, 'branch nope not found');
  });

  it('merges a branch of a branch into that branch', () => {
    const { branch, base } = forkSession(setup());
    const inBranch = playOn(base, [command('CreateBranch', { branchId: 'br-2', name: 'deeper', fromRevision: 0, at: at(10) })], branch);
    const subBase = branchBaseState(foldSession(setup()), stateAtRevision(inBranch, 0, base));
    const sub = playOn(subBase, [
      command('ForkBranch', { branchId: 'br-2', name: 'deeper', parentBranchId: BRANCH_ID, forkRevision: 0, at: at(11) }),
      command('AddHypothesis', { hypothesisId: 'h-deep', statement: 'Ni doping helps', at: at(12) }),
    ]);
    const ref = findBranch(foldSession(inBranch, base), 'br-2')!;
    givenBranch(base)(inBranch).when(command('MergeBranch', { branchId: 'br-2', strategy: 'merge', ...prepareMerge(ref, sub, subBase), at: at(13) })).thenState((state) => {
      expect(state.workspace.hypotheses.map((h) => h.id)).toEqual(['h-deep']);
      expect(findBranch(state, 'br-2')).toMatchObject({ status: 'merged', lastMergedRevision: 1 });
      expect(foldSession(setup()).workspace.hypotheses).toEqual([]);
    });
  });
});
