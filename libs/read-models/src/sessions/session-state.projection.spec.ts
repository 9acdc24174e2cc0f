// The counts of the session list and detail agree with the session's state, whatever happened to
// its workspace: merges that bring, archive or take back records, restores, and every ordinary
// event in between (defect 4 of issue 15). Sessions are made by the domain's own decider; the
// projection folds them with the domain's evolve, so the counts come from the state itself.
import fc from 'fast-check';
import { DomainError, foldSession, workspaceCounts, type SessionCommand, type SessionEvent } from '@crystalyse/domain';
import { answerCommand, invocation, material, proposal } from '../../../domain/src/testing/agent.fixtures.js';
import { forkSession, mergeCommand, playOn } from '../../../domain/src/testing/branch.fixtures.js';
import { agentSteps, resolveRefs, small, step } from '../../../domain/src/testing/session.arbitraries.js';
import { at, command, createCommand, OWNER, play, recorded, SESSION_ID } from '../../../domain/src/testing/session.fixtures.js';
import { SqliteDocumentStore } from '../sqlite/sqlite-document-store.js';
import { SessionStateProjection, SESSIONS_COLLECTION, type SessionSummaryDoc } from './session-state.projection.js';

const store = new SqliteDocumentStore({ filename: ':memory:' });
afterAll(() => store.close());

/** The session document the projection writes after the events (folded in one batch). */
async function project(events: SessionEvent[]): Promise<SessionSummaryDoc> {
  const { writes, failed } = await new SessionStateProjection().fold(recorded(events), store);
  expect(failed).toEqual([]);
  const docs = writes.flatMap((w) => (w.kind === 'put' && w.collection === SESSIONS_COLLECTION ? [w.document as SessionSummaryDoc] : []));
  return docs.at(-1)!;
}

const countsOfState = (events: SessionEvent[]) => workspaceCounts(foldSession(events).workspace);

/** The same stream as recorded before events carried counts. */
const withoutCarriedCounts = (events: SessionEvent[]): SessionEvent[] =>
  events.map((e) => {
    if (e.type !== 'BranchMerged' && e.type !== 'CheckpointRestored') return e;
    const { counts: _c, ...data } = e.data;
    return { ...e, data } as SessionEvent;
  });

// 4a: task T added, then completed and archived in a branch, merged.
function archivedInBranch(): SessionEvent[] {
  const forked = forkSession(play([createCommand(), command('AddTask', { taskId: 't', title: 'measure', at: at(1) })]));
  const branch = playOn(forked.base, [command('CompleteTask', { taskId: 't', at: at(10) }), command('ArchiveCompletedTasks', { at: at(11) })], forked.branch);
  return play([mergeCommand(forked.parent, branch, forked.base)], forked.parent);
}

// 4b: checkpoint c0 in a branch, a hypothesis, a task and a question there, merged; c0 restored, merged again.
function takenBack(): SessionEvent[] {
  const forked = forkSession(play([createCommand()]));
  const branch = playOn(forked.base, [
    command('SaveCheckpoint', { name: 'c0', at: at(10) }),
    command('AddHypothesis', { hypothesisId: 'h-b', statement: 'a spinel structure works', at: at(11) }),
    command('AddTask', { taskId: 't-b', title: 'Compare LiMn2O4', at: at(12) }),
    command('AskQuery', { queryId: 'q-b', text: 'Analyse LiFePO4', at: at(13) }),
    answerCommand('q-b', { toolInvocations: [invocation('i1'), invocation('i2'), invocation('i3')], materials: [material('LiFePO4')], discoveries: [proposal('d-b')], at: at(13) }),
  ], forked.branch);
  const merged = play([mergeCommand(forked.parent, branch, forked.base, 'merge', 20)], forked.parent);
  const restored = playOn(forked.base, [command('RestoreCheckpoint', { name: 'c0', at: at(30) })], branch);
  return play([mergeCommand(merged, restored, forked.base, 'merge', 40)], merged);
}

const NOTHING = { queries: 0, materials: 0, discoveries: 0, contextItems: 0, hypotheses: 0, tasks: 0, openTasks: 0 };

describe('session summary counts', () => {
  it('take the counts a merge carries: a task the branch archived is not counted (4a)', async () => {
    const events = archivedInBranch();
    expect((await project(events)).workspace.counts).toEqual(NOTHING);
    expect((await project(events)).workspace.counts).toEqual(countsOfState(events));
  });

  it('take the counts a merge carries: what a second merge took back is not counted (4b)', async () => {
    const events = takenBack();
    expect((await project(events.slice(0, -1))).workspace.counts).toEqual({ queries: 1, materials: 1, discoveries: 1, contextItems: 0, hypotheses: 1, tasks: 1, openTasks: 1 });
    expect((await project(events)).workspace.counts).toEqual(NOTHING);
    expect((await project(events)).workspace.counts).toEqual(countsOfState(events));
  });

  it('keep counting right after a merge took records back: the same material, task and question again are new', async () => {
    const events = play([
      command('AskQuery', { queryId: 'q-b', text: 'Analyse LiFePO4', at: at(50) }),
      answerCommand('q-b', { materials: [material('LiFePO4')], at: at(50) }),
      command('AddTask', { taskId: 't-b', title: 'again', at: at(51) }),
      command('CompleteTask', { taskId: 't-b', at: at(52) }),
    ], takenBack());
    expect((await project(events)).workspace.counts).toEqual({ ...NOTHING, queries: 1, materials: 1, tasks: 1 });
    expect((await project(events)).workspace.counts).toEqual(countsOfState(events));
  });

  it('count merges recorded before merges carried counts', async () => {
    for (const events of [archivedInBranch(), takenBack()]) {
      expect((await project(withoutCarriedCounts(events))).workspace.counts).toEqual(countsOfState(events));
    }
  });

  it('ignore counts an event carries that are not well formed', async () => {
    const events = archivedInBranch().map((e) => (e.type === 'BranchMerged' ? ({ ...e, data: { ...e.data, counts: { ...NOTHING, tasks: -1 } } } as SessionEvent) : e));
    expect((await project(events)).workspace.counts).toEqual(NOTHING);
  });

  it('count what a restore puts back, whatever the event claims', async () => {
    const events = play([
      createCommand(),
      command('AddTask', { taskId: 't1', title: 'one', at: at(1) }),
      command('SaveCheckpoint', { name: 'cp', at: at(2) }),
      command('AddHypothesis', { hypothesisId: 'h1', statement: 'olivine helps', at: at(3) }),
      command('CompleteTask', { taskId: 't1', at: at(4) }),
      command('RestoreCheckpoint', { name: 'cp', at: at(5) }),
    ]);
    const expected = { ...NOTHING, tasks: 1, openTasks: 1 };
    expect((await project(events)).workspace.counts).toEqual(expected);
    expect((await project(withoutCarriedCounts(events))).workspace.counts).toEqual(expected);
    const forged = events.map((e) => (e.type === 'CheckpointRestored' ? ({ ...e, data: { ...e.data, counts: { ...expected, hypotheses: 7 } } } as SessionEvent) : e));
    // What an event claims changes nothing: the counts are the state's.
    expect((await project(forged)).workspace.counts).toEqual(expected);
  });

  it('agree with the state after every event of any session (property)', async () => {
    const stepArb = fc.oneof(
      ...agentSteps(),
      { weight: 3, arbitrary: step('AddContextItem', { key: small('a', 'b', 'c'), value: small<string | number>('x', 1), kind: small('custom', 'materials') }) },
      { weight: 1, arbitrary: step('RemoveContextItem', { key: small('a', 'b', 'c') }) },
      { weight: 1, arbitrary: step('ClearContext', { kind: small('custom', 'materials') }) },
      { weight: 1, arbitrary: step('CleanupOldContext', { before: fc.integer({ min: 0, max: 50 }).map((m) => at(m)) }) },
      { weight: 2, arbitrary: step('AddHypothesis', { hypothesisId: small('h1', 'h2'), statement: small('olivine helps') }) },
      { weight: 3, arbitrary: step('AddTask', { taskId: small('t1', 't2', 't3'), title: small('measure') }) },
      { weight: 2, arbitrary: step('CompleteTask', { taskId: small('t1', 't2', 't3') }) },
      { weight: 1, arbitrary: step('ArchiveCompletedTasks') },
      { weight: 2, arbitrary: step('RejectDiscovery', { discoveryId: small('@d0', '@d1') }) },
      { weight: 2, arbitrary: step('SaveCheckpoint', { name: small('cp1', 'cp2') }) },
      { weight: 2, arbitrary: step('RestoreCheckpoint', { name: small('cp1', 'cp2') }) },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 5, maxLength: 40 }), async (steps) => {
        let events = play([createCommand(), command('StartSession', { at: at(0) })]);
        for (const [i, s] of steps.entries()) {
          const state = foldSession(events);
          const { type, ...params } = resolveRefs(s, state);
          const next = { type, data: { sessionId: SESSION_ID, actorId: OWNER, at: at(i + 1), ...params } } as SessionCommand;
          try {
            events = play([next], events);
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
          }
          expect((await project(events)).workspace.counts).toEqual(countsOfState(events));
        }
      }),
      { numRuns: 100 },
    );
  });
});
