// A merge carries the parent's workspace counts after it, decided from the workspace it produces
// (defect 4 of issue 15): a read model takes them as they are instead of re-deriving them from
// the delta. Defect 4b (a merge that takes records back) is in merge.removals.spec.ts.
import { answerCommand, invocation, material } from '../../testing/agent.fixtures.js';
import { forkSession, mergeCommand, playOn } from '../../testing/branch.fixtures.js';
import { at, command, createCommand, given, play } from '../../testing/session.fixtures.js';
import { workspaceCounts } from '../core/counts.js';
import type { SessionEvent } from '../core/events.js';

const countsOf = (events: SessionEvent[]) => (events.at(-1) as Extract<SessionEvent, { type: 'BranchMerged' }>).data.counts;

describe('the counts a merge carries', () => {
  it('leave out a task the branch completed and archived (defect 4a)', () => {
    const forked = forkSession(play([createCommand(), command('AddTask', { taskId: 't', title: 'measure', at: at(1) })]));
    const branch = playOn(forked.base, [command('CompleteTask', { taskId: 't', at: at(10) }), command('ArchiveCompletedTasks', { at: at(11) })], forked.branch);
    given(forked.parent).when(mergeCommand(forked.parent, branch, forked.base)).thenState((state, events) => {
      expect(state.workspace.tasks).toEqual([]);
      expect(state.workspace.archivedTasks.map((t) => t.id)).toEqual(['t']);
      expect(countsOf(events)).toEqual({ queries: 0, materials: 0, discoveries: 0, contextItems: 0, hypotheses: 0, tasks: 0, openTasks: 0 });
    });
  });

  it('count a question the branch answered in place once, and a material both sides analysed once', () => {
    const forked = forkSession(play([createCommand(), command('AskQuery', { queryId: 'q1', text: 'Analyse LiFePO4', at: at(1) })]));
    const parent = play([
      command('AskQuery', { queryId: 'q-p', text: 'Analyse LiCoO2', at: at(5) }),
      answerCommand('q-p', { toolInvocations: [invocation('inv-p')], materials: [material('LiFePO4')], at: at(5) }),
    ], forked.parent);
    const branch = playOn(forked.base, [answerCommand('q1', { toolInvocations: [invocation('inv-b')], materials: [material('LiFePO4')], at: at(10) })], forked.branch);
    given(parent).when(mergeCommand(parent, branch, forked.base)).thenState((state, events) => {
      expect(countsOf(events)).toEqual(workspaceCounts(state.workspace));
      expect(countsOf(events)).toMatchObject({ queries: 2, materials: 1 });
    });
  });
});
