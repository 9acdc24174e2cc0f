// Merging again after the branch took records back (defect 5 of issue 15): the branch saved a
// checkpoint, did work, was merged, restored the checkpoint and was merged again. Every appended
// list follows the one three-way rule, presence included: what the branch removed since the last
// merge and the parent left as it was leaves the parent too; what the parent changed since is a
// conflict; what the parent made itself stays.
import { ConflictError } from '../../errors.js';
import { answerCommand, invocation, material, proposal } from '../../testing/agent.fixtures.js';
import { forkSession, mergeCommand, playOn } from '../../testing/branch.fixtures.js';
import { at, command, createCommand, given, play } from '../../testing/session.fixtures.js';
import type { SessionCommand } from '../core/commands.js';
import { workspaceCounts } from '../core/counts.js';
import { foldSession } from '../core/decider.js';
import type { SessionEvent } from '../core/events.js';
import type { MergeStrategy, Workspace } from '../core/state.js';

const setup = () =>
  play([
    createCommand(),
    command('StartSession', { at: at(1) }),
    command('AddTask', { taskId: 't1', title: 'Compare ionic conductivity', at: at(2) }),
    command('RecordDiscovery', { discoveryId: 'd0', category: 'structure_property', description: 'olivine is stable', materials: ['LiFePO4'], evidence: null, confidence: 0.8, at: at(3) }),
  ]);

const ask = (queryId: string, formula: string, minute: number, calls: number): SessionCommand[] => [
  command('AskQuery', { queryId, text: `Analyse ${formula}`, at: at(minute) }),
  answerCommand(queryId, {
    toolInvocations: Array.from({ length: calls }, (_, i) => invocation(`inv-${queryId}-${i}`)),
    materials: [material(formula)],
    ...(queryId.startsWith('q-b') ? { discoveries: [proposal('d-b', { materials: [formula] })] } : {}),
    at: at(minute),
  }),
];

// In the branch, after checkpoint c0: a hypothesis, a task, a question with 3 tool calls, a
// material and a discovery, a link and a session summary.
const branchWork: SessionCommand[] = [
  command('SaveCheckpoint', { name: 'c0', at: at(10) }),
  command('AddHypothesis', { hypothesisId: 'h-b', statement: 'a spinel structure works', at: at(11) }),
  command('AddTask', { taskId: 't-b', title: 'Compare LiMn2O4', at: at(12) }),
  ...ask('q-b', 'LiMn2O4', 13, 3),
  command('LinkDiscoveries', { linkId: 'l-b', discoveryIds: ['d-b', 'd0'], relationship: 'contradicts', at: at(14) }),
  command('RecordSummary', { summaryId: 's-b', keyFindings: ['spinel'], materialsOfInterest: ['LiMn2O4'], nextSteps: ['measure'], model: 'offline', at: at(15) }),
];

/** The branch merged once, then taken back to c0; `parentAfter` is what the parent does in between. */
function restoredBranch(parentAfter: SessionCommand[] = []) {
  const forked = forkSession(setup());
  const branch = playOn(forked.base, branchWork, forked.branch);
  const firstMerge = play([mergeCommand(forked.parent, branch, forked.base, 'merge', 20)], forked.parent);
  const parent = play(parentAfter, firstMerge);
  const restored = playOn(forked.base, [command('RestoreCheckpoint', { name: 'c0', at: at(40) })], branch);
  return {
    beforeFirstMerge: foldSession(forked.parent).workspace,
    firstMerge,
    parent,
    merge: (strategy: MergeStrategy = 'merge') => mergeCommand(parent, restored, forked.base, strategy, 50),
  };
}

const ids = (ws: Workspace) => ({
  conversation: ws.conversation.map((t) => t.id),
  toolInvocations: ws.toolInvocations.map((i) => i.id),
  materials: ws.materials.map((m) => m.id),
  discoveries: ws.discoveries.map((d) => [d.id, d.linkIds]),
  discoveryLinks: ws.discoveryLinks.map((l) => l.id),
  sessionSummaries: ws.sessionSummaries.map((s) => s.id),
  hypotheses: ws.hypotheses.map((h) => h.id),
  tasks: [...ws.tasks, ...ws.archivedTasks].map((t) => t.id),
});

describe('merging a branch that restored a checkpoint since its last merge', () => {
  it('first brings every record of the branch\'s work into the parent', () => {
    const { firstMerge } = restoredBranch();
    expect(ids(foldSession(firstMerge).workspace)).toEqual({
      conversation: ['q-b'],
      toolInvocations: ['inv-q-b-0', 'inv-q-b-1', 'inv-q-b-2'],
      materials: ['LiMn2O4'],
      discoveries: [['d0', ['l-b']], ['d-b', ['l-b']]],
      discoveryLinks: ['l-b'],
      sessionSummaries: ['s-b'],
      hypotheses: ['h-b'],
      tasks: ['t1', 't-b'],
    });
  });

  it('then removes them all from the parent, the turn with its tool calls and material alike', () => {
    const { parent, merge, beforeFirstMerge } = restoredBranch();
    given(parent).when(merge()).thenState((state, events) => {
      expect(events).toEqual([expect.objectContaining({ type: 'BranchMerged', data: expect.objectContaining({ resolutions: [] }) })]);
      expect(ids(state.workspace)).toEqual(ids(beforeFirstMerge));
      expect(state.workspace.discoveries.find((d) => d.id === 'd0')?.linkIds).toEqual([]);
    });
  });

  it('carries the parent\'s workspace counts after each merge (defect 4b): one of each, then none', () => {
    const { firstMerge, parent, merge } = restoredBranch();
    const countsOf = (events: SessionEvent[]) => (events.at(-1) as Extract<SessionEvent, { type: 'BranchMerged' }>).data.counts;
    expect(countsOf(firstMerge)).toEqual({ queries: 1, materials: 1, discoveries: 2, contextItems: 0, hypotheses: 1, tasks: 2, openTasks: 2 });
    given(parent).when(merge()).thenState((state, events) => {
      expect(countsOf(events)).toEqual({ queries: 0, materials: 0, discoveries: 1, contextItems: 0, hypotheses: 0, tasks: 1, openTasks: 1 });
      expect(countsOf(events)).toEqual(workspaceCounts(state.workspace));
    });
  });

  it('takes nothing of the parent\'s own with a removed turn: its own question, tool call and material stay', () => {
    const { parent, merge } = restoredBranch(ask('q-p', 'LiCoO2', 30, 1));
    given(parent).when(merge()).thenState((state) => {
      expect(ids(state.workspace)).toMatchObject({ conversation: ['q-p'], toolInvocations: ['inv-q-p-0'], materials: ['LiCoO2'] });
    });
  });

  it('keeps a material the parent analysed again since the merge: the parent changed it', () => {
    const { parent, merge } = restoredBranch(ask('q-p', 'LiMn2O4', 30, 1));
    given(parent).when(merge()).thenState((state, events) => {
      expect(ids(state.workspace)).toMatchObject({ conversation: ['q-p'], toolInvocations: ['inv-q-p-0'], materials: ['LiMn2O4'] });
      expect((events[0] as Extract<SessionEvent, { type: 'BranchMerged' }>).data.resolutions).toEqual([]);
    });
  });

  it('calls a record the parent changed since the merge and the branch removed a conflict, and resolves it either way', () => {
    const { parent, merge } = restoredBranch([command('CompleteTask', { taskId: 't-b', at: at(30) })]);
    const error = given(parent).when(merge('merge')).thenThrows(ConflictError);
    expect(error.conflicts).toEqual([
      { field: 'workspace.tasks.t-b', local: expect.objectContaining({ status: 'completed' }), remote: null, base: expect.objectContaining({ status: 'pending' }) },
    ]);
    given(parent).when(merge('ours')).thenState((state) => expect(state.workspace.tasks.map((t) => t.id)).toEqual(['t1', 't-b']));
    given(parent).when(merge('theirs')).thenState((state) => {
      expect(state.workspace.tasks.map((t) => t.id)).toEqual(['t1']);
      expect(state.workspace.conversation).toEqual([]);
    });
  });
});
