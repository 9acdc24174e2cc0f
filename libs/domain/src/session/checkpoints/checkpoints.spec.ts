import { AlreadyExists, CheckpointNotFound, ConflictError, IllegalTransition, NoCheckpointSaved, ValidationError } from '../../errors.js';
import { ORDS_PER_EVENT } from '../core/changes.js';
import { at, command, created, event, given, OWNER, paused, play, started } from '../../testing/session.fixtures.js';
import { workspaceCounts } from '../core/counts.js';
import { latestCheckpoint, listCheckpoints } from './decide.js';
import type { SessionEvent } from '../core/events.js';
import { foldSession } from '../core/decider.js';
import { diffSessions, isGovernanceUnchanged, isWorkspaceUnchanged, stateAtRevision } from '../time-travel/index.js';
import { itFollowsTheStatusTable } from '../../testing/status-table.js';
import type { SessionCommand } from '../core/commands.js';
import type { CheckpointCommand } from './commands.js';

const analysed = () => [
  created(),
  started(),
  event('ContextItemAdded', { key: 'lifepo4', value: 'olivine cathode', kind: 'materials' }),
  event('TaskAdded', { taskId: 't1', title: 'ionic conductivity' }),
];
const saved = (name: string, revision: number, minute = 10) => event('CheckpointSaved', { name, revision, savedBy: OWNER, at: at(minute) });
// What analysed() leaves in the workspace: one context item, one task still open.
const ANALYSED_COUNTS = { queries: 0, materials: 0, discoveries: 0, contextItems: 1, hypotheses: 0, tasks: 1, openTasks: 1 };

describe('session checkpoints', () => {
  describe('save', () => {
    it('records the name, who saved it and the revision it marks (the head)', () => {
      given(analysed())
        .when(command('SaveCheckpoint', { name: 'after_lifepo4_analysis', at: at(10) }))
        .thenState((state, events) => {
          expect(events).toEqual([saved('after_lifepo4_analysis', 3)]);
          expect(listCheckpoints(state)).toEqual([{ name: 'after_lifepo4_analysis', revision: 3, savedAt: at(10), savedBy: OWNER }]);
        });
    });

    it('is allowed while paused (autosave on pause)', () => {
      given([...analysed(), paused()]).when(command('SaveCheckpoint', { name: 'on_pause', at: at(10) })).then([saved('on_pause', 4)]);
    });

    it('refuses a name already used in the session', () => {
      given([...analysed(), saved('cp', 3)]).when(command('SaveCheckpoint', { name: 'cp' })).thenThrows(AlreadyExists, 'checkpoint cp already exists');
    });

    it.each([[''], ['with space'], ['a/b'], ['x'.repeat(101)]])('refuses the name %p', (name) => {
      given(analysed()).when(command('SaveCheckpoint', { name })).thenThrows(ValidationError, (e) => expect(e.field).toBe('name'));
    });

    it('accepts letters, digits, dots, dashes and underscores', () => {
      given(analysed()).when(command('SaveCheckpoint', { name: 'v1.2-after_xrd' })).thenState((s) => expect(latestCheckpoint(s)?.name).toBe('v1.2-after_xrd'));
    });
  });

  describe('restore', () => {
    const afterMore = () => [
      ...analysed(),
      saved('cp', 3),
      event('ContextItemAdded', { key: 'limnpo4', value: 'similar', kind: 'materials' }),
      event('TaskCompleted', { taskId: 't1' }),
      event('FocusSet', { focus: 'spinels' }),
      event('SessionRenamed', { name: 'renamed_later' }),
      event('SessionMetadataUpdated', { set: { phase: 'synthesis' }, removed: [] }),
    ];

    it('records the restore as an event naming the checkpoint and its revision, with what it puts back and the workspace counts after it', () => {
      given(afterMore()).when(command('RestoreCheckpoint', { name: 'cp', at: at(30) })).then([
        event('CheckpointRestored', {
          name: 'cp', revision: 3, trigger: 'restore', at: at(30),
          // Only what changed since the checkpoint, each record at its old place (the task added by event 3).
          changes: [
            { part: 'workspace.contextItems', key: 'limnpo4', ord: 0, value: null, deleted: true },
            { part: 'workspace.tasks', key: 't1', ord: 3 * ORDS_PER_EVENT, value: { id: 't1', title: 'ionic conductivity', status: 'pending', addedAt: at(), completedAt: null } },
            { part: 'workspace.focus', key: '', ord: 0, value: null },
          ],
          counts: ANALYSED_COUNTS,
        }),
      ]);
    });

    it('refuses changes worked out against another head: the caller works them out again', () => {
      given(afterMore()).when(command('RestoreCheckpoint', { name: 'cp', from: 5, changes: [] })).thenThrows(ConflictError, /moved on/);
    });

    it('carries the counts of the workspace it puts back, whatever happened since', () => {
      const history = play([
        command('AddHypothesis', { hypothesisId: 'h1', statement: 'olivine helps', at: at(20) }),
        command('AddTask', { taskId: 't2', title: 'later', at: at(21) }),
        command('CompleteTask', { taskId: 't1', at: at(22) }),
        command('ArchiveCompletedTasks', { at: at(23) }),
      ], [...analysed(), saved('cp', 3)]);
      given(history).when(command('RestoreCheckpoint', { name: 'cp', at: at(30) })).thenState((state, events) => {
        const counts = (events[0] as Extract<SessionEvent, { type: 'CheckpointRestored' }>).data.counts;
        expect(counts).toEqual(ANALYSED_COUNTS);
        expect(counts).toEqual(workspaceCounts(state.workspace));
      });
    });

    it('puts the workspace back to the checkpoint\'s revision', () => {
      const history = afterMore();
      given(history).when(command('RestoreCheckpoint', { name: 'cp' })).thenState((state) => {
        const diff = diffSessions(stateAtRevision(history, 3), state);
        expect(isWorkspaceUnchanged(diff)).toBe(true);
        expect(state.workspace.tasks).toEqual([expect.objectContaining({ id: 't1', status: 'pending' })]);
        expect(state.workspace.focus).toBeNull();
      });
    });

    it('leaves governance as it is now: name, metadata, status and later checkpoints stay', () => {
      const history = [...afterMore(), saved('later', 9, 20)];
      const before = foldSession(history);
      given(history).when(command('RestoreCheckpoint', { name: 'cp' })).thenState((state) => {
        const diff = diffSessions(before, state);
        expect(isGovernanceUnchanged(diff)).toBe(true);
        expect(state.governance).toMatchObject({ name: 'renamed_later', status: 'active', metadata: { phase: 'synthesis' } });
        expect(listCheckpoints(state).map((c) => c.name)).toEqual(['cp', 'later']);
      });
    });

    it('never deletes events: the state after the checkpoint is still reachable', () => {
      const history = play([command('RestoreCheckpoint', { name: 'cp' })], afterMore());
      expect(history).toHaveLength(afterMore().length + 1);
      expect(stateAtRevision(history, history.length - 2).workspace.focus).toBe('spinels');
      expect(foldSession(history).workspace.focus).toBeNull();
    });

    it('can restore a checkpoint, then a later one', () => {
      const history = [...afterMore(), saved('later', 9, 20)];
      const events = play([command('RestoreCheckpoint', { name: 'cp' }), command('RestoreCheckpoint', { name: 'later' })], history);
      expect(foldSession(events).workspace).toEqual(foldSession(history).workspace);
    });

    it('refuses an unknown checkpoint', () => {
      given(analysed()).when(command('RestoreCheckpoint', { name: 'nope' })).thenThrows(CheckpointNotFound, 'checkpoint nope not found');
    });

    it('refuses on a paused session: resume it first', () => {
      given([...afterMore(), paused()]).when(command('RestoreCheckpoint', { name: 'cp' })).thenThrows(IllegalTransition, /session is paused: resume it first/);
    });
  });

  describe('recover', () => {
    it('restores the latest checkpoint', () => {
      given([...analysed(), saved('first', 3), event('FocusSet', { focus: 'x' }), saved('second', 5, 12), event('FocusSet', { focus: 'y' })])
        .when(command('RecoverFromCheckpoint', { at: at(40) }))
        .thenState((state, events) => {
          expect(events).toEqual([event('CheckpointRestored', {
            name: 'second', revision: 5, trigger: 'recover', changes: [{ part: 'workspace.focus', key: '', ord: 0, value: 'x' }], counts: ANALYSED_COUNTS, at: at(40),
          })]);
          expect(state.workspace.focus).toBe('x');
        });
    });

    it('says there is nothing to recover to when no checkpoint was saved, and that this is not recoverable', () => {
      const error = given(analysed()).when(command('RecoverFromCheckpoint')).thenThrows(NoCheckpointSaved, 'no checkpoint saved yet: save one first');
      expect(error).toBeInstanceOf(CheckpointNotFound);
      expect(error.recoverable).toBe(false);
    });
  });

  // Every status × every command of this slice. The matrix is written out here, not read from the code.
  describe('what each status allows', () => {
    const samples: Record<CheckpointCommand['type'], SessionCommand> = {
      SaveCheckpoint: command('SaveCheckpoint', { name: 'cp2' }),
      RestoreCheckpoint: command('RestoreCheckpoint', { name: 'cp' }),
      RecoverFromCheckpoint: command('RecoverFromCheckpoint'),
    };
    itFollowsTheStatusTable(samples, {
      SaveCheckpoint: ['created', 'active', 'paused'],
      RestoreCheckpoint: ['created', 'active'],
      RecoverFromCheckpoint: ['created', 'active'],
    });
  });
});
