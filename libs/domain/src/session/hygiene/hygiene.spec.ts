import { AlreadyExists, NotFound, ValidationError } from '../../errors.js';
import { asked, oneTurn } from '../../testing/agent.fixtures.js';
import { forkSession, givenBranch } from '../../testing/branch.fixtures.js';
import { at, command, created, event, given, play, started } from '../../testing/session.fixtures.js';
import { analystContext, extractiveSummary } from '../context/index.js';
import { foldSession } from '../core/decider.js';
import { compressionRange, cutoffBefore } from './decide.js';
import type { SessionEvent } from '../core/events.js';
import { itFollowsTheStatusTable } from '../../testing/status-table.js';
import type { SessionCommand } from '../core/commands.js';
import type { HygieneCommand } from './commands.js';

const item = (key: string, minute: number) => event('ContextItemAdded', { key, value: `${key} value`, kind: 'custom', at: at(minute) });
const turns = (n: number): SessionEvent[] => Array.from({ length: n }, (_, i) => oneTurn(`q${i + 1}`, 'LiFePO4', i + 1)).flat();

describe('session hygiene', () => {
  describe('cleanup old context', () => {
    const history = () => [created(), started(), item('old_a', 1), item('recent', 30), item('old_b', 2)];

    it('removes the context items added before the cutoff, in one event; the log keeps them', () => {
      given(history()).when(command('CleanupOldContext', { before: at(10), at: at(40) })).thenState((state, events) => {
        expect(events).toEqual([event('ContextItemsExpired', { keys: ['old_a', 'old_b'], before: at(10), at: at(40) })]);
        expect(analystContext(state).items.map((i) => i.key)).toEqual(['recent']);
      });
    });

    it('counts from when an item was last set: a replaced item is recent again', () => {
      given([...history(), item('old_a', 35)]).when(command('CleanupOldContext', { before: at(10) })).then([
        event('ContextItemsExpired', { keys: ['old_b'], before: at(10) }),
      ]);
    });

    it('appends nothing when nothing is older than the cutoff', () => {
      given(history()).when(command('CleanupOldContext', { before: at(1) })).then([]);
    });

    it('takes the cutoff as an instant: the application computes it from its clock', () => {
      expect(cutoffBefore('2026-01-22T09:00:00Z', 7)).toBe('2026-01-15T09:00:00.000Z');
      expect(() => cutoffBefore('2026-01-22T09:00:00Z', -1)).toThrow(ValidationError);
      given(history()).when(command('CleanupOldContext', { before: 'last week' })).thenThrows(ValidationError, (e) => expect(e.field).toBe('before'));
    });
  });

  describe('compress history', () => {
    it('covers every settled turn but the newest few, after the latest summary', () => {
      const state = foldSession([created(), started(), ...turns(8)]);
      const range = compressionRange(state, 5)!;
      expect(range.throughQueryId).toBe('q3');
      expect(range.turns.map((t) => t.id)).toEqual(['q1', 'q2', 'q3']);
      expect(range.previousSummary).toBeNull();
      expect(compressionRange(state, 8)).toBeNull();
      expect(compressionRange(state)?.throughQueryId).toBe('q3');
    });

    it('stops before a pending question, and has nothing to do on a short history', () => {
      expect(compressionRange(foldSession([created(), started(), ...turns(2), asked('q3', 'x', 3), ...oneTurn('q4', 'LiCoO2', 4)]), 1)?.throughQueryId).toBe('q2');
      expect(compressionRange(foldSession([created(), started(), ...turns(3)]))).toBeNull();
      expect(() => compressionRange(foldSession([created()]), -1)).toThrow(ValidationError);
    });

    it('is a history summary: the context shows the summary and the turns kept', () => {
      const history = [created(), started(), ...turns(8)];
      const range = compressionRange(foldSession(history), 5)!;
      const text = extractiveSummary(range.turns, range.previousSummary);
      const events = play([command('SummariseHistory', { summaryId: 's1', throughQueryId: range.throughQueryId, text, method: 'extractive', at: at(50) })], history);
      const context = analystContext(foldSession(events));
      expect(context.summary).toBe(text);
      expect(context.conversation.map((t) => t.queryId)).toEqual(['q4', 'q5', 'q6', 'q7', 'q8']);
      expect(compressionRange(foldSession(events), 5)).toBeNull();
    });
  });

  describe('archive completed tasks', () => {
    const history = () => [
      created(), started(),
      event('TaskAdded', { taskId: 't1', title: 'Screen perovskite candidates' }),
      event('TaskAdded', { taskId: 't2', title: 'Check charge balance and stability' }),
      event('TaskCompleted', { taskId: 't1', at: at(5) }),
    ];

    it('moves completed tasks out of the working list into the archived tasks', () => {
      given(history()).when(command('ArchiveCompletedTasks', { at: at(9) })).thenState((state, events) => {
        expect(events).toEqual([event('TasksArchived', { taskIds: ['t1'], at: at(9) })]);
        expect(state.workspace.tasks.map((t) => t.id)).toEqual(['t2']);
        expect(state.workspace.archivedTasks).toEqual([{ id: 't1', title: 'Screen perovskite candidates', status: 'completed', addedAt: at(), completedAt: at(5), archivedAt: at(9) }]);
        expect(analystContext(state)).toMatchObject({ openTasks: [{ id: 't2', title: 'Check charge balance and stability' }], completedTasks: [] });
      });
      expect(analystContext(foldSession(history())).completedTasks).toEqual([{ id: 't1', title: 'Screen perovskite candidates' }]);
    });

    it('appends nothing when no task is completed', () => {
      given([created(), started(), event('TaskAdded', { taskId: 't1', title: 'x' })]).when(command('ArchiveCompletedTasks')).then([]);
    });

    it('keeps archived ids taken, and completing an archived task again is a retry', () => {
      const archived = [...history(), event('TasksArchived', { taskIds: ['t1'] })];
      given(archived).when(command('CompleteTask', { taskId: 't1' })).then([]);
      given(archived).when(command('AddTask', { taskId: 't1', title: 'again' })).thenThrows(AlreadyExists, 'task t1 already exists');
      given(archived).when(command('CompleteTask', { taskId: 't9' })).thenThrows(NotFound);
    });
  });

  it('works in a branch like in the session', () => {
    const { branch, base } = forkSession([created(), started(), item('old_a', 1), event('TaskAdded', { taskId: 't1', title: 'x' }), event('TaskCompleted', { taskId: 't1' })]);
    givenBranch(base)(branch).when(command('CleanupOldContext', { before: at(10) })).then([event('ContextItemsExpired', { keys: ['old_a'], before: at(10) })]);
    givenBranch(base)(branch).when(command('ArchiveCompletedTasks')).then([event('TasksArchived', { taskIds: ['t1'] })]);
  });

  // Every status × every command of this slice. The matrix is written out here, not read from the code.
  describe('what each status allows', () => {
    const working = ['created', 'active'];
    const samples: Record<HygieneCommand['type'], SessionCommand> = {
      CleanupOldContext: command('CleanupOldContext', { before: at(60) }),
      ArchiveCompletedTasks: command('ArchiveCompletedTasks'),
    };
    itFollowsTheStatusTable(samples, { CleanupOldContext: working, ArchiveCompletedTasks: working });
  });
});
