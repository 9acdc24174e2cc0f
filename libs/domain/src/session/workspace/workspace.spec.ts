import { AlreadyExists, NotFound, ValidationError } from '../../errors.js';
import { at, command, created, event, given, started } from '../../testing/session.fixtures.js';
import { itFollowsTheStatusTable } from '../../testing/status-table.js';
import type { SessionCommand } from '../core/commands.js';
import type { WorkspaceCommand } from './commands.js';

const item = (key: string, kind: 'conversation' | 'materials' | 'tool_outputs' | 'custom' = 'custom', value: unknown = `${key} value`) =>
  event('ContextItemAdded', { key, value: value as string, kind });

describe('session workspace', () => {
  describe('context items', () => {
    it('adds a custom item by default, as the seed\'s addContext(key, value)', () => {
      given([created(), started()])
        .when(command('AddContextItem', { key: 'important_finding', value: 'This crystal structure shows enhanced stability' }))
        .thenState((state, events) => {
          expect(events).toEqual([event('ContextItemAdded', { key: 'important_finding', value: 'This crystal structure shows enhanced stability', kind: 'custom' })]);
          expect(state.workspace.contextItems).toEqual([
            { key: 'important_finding', value: 'This crystal structure shows enhanced stability', kind: 'custom', addedAt: at() },
          ]);
        });
    });

    it('keeps the kind given and any JSON value', () => {
      given([created()])
        .when(command('AddContextItem', { key: 'xrd', value: { peaks: [20.1, 35.6] }, kind: 'tool_outputs' }))
        .then([event('ContextItemAdded', { key: 'xrd', value: { peaks: [20.1, 35.6] }, kind: 'tool_outputs' })]);
    });

    it('replaces the item with the same key where it stands', () => {
      given([created(), item('a'), item('b')]).when(command('AddContextItem', { key: 'a', value: 'new', at: at(5) })).thenState((state) => {
        expect(state.workspace.contextItems.map((i) => [i.key, i.value, i.addedAt])).toEqual([['a', 'new', at(5)], ['b', 'b value', at()]]);
      });
    });

    it('appends nothing when the same item is added again', () => {
      given([created(), item('a')]).when(command('AddContextItem', { key: 'a', value: 'a value' })).then([]);
    });

    it.each([
      [{ key: 'has space', value: 1 }, 'key'],
      [{ key: 'k', value: undefined as never }, 'value'],
      [{ key: 'k', value: 'x'.repeat(20_001) }, 'value'],
      [{ key: 'k', value: 1, kind: 'memory' as never }, 'kind'],
    ])('refuses %p (field %s)', (data, field) => {
      given([created()]).when(command('AddContextItem', data)).thenThrows(ValidationError, (e) => expect(e.field).toBe(field));
    });

    it('removes an item by key', () => {
      given([created(), item('a'), item('b')]).when(command('RemoveContextItem', { key: 'a' })).thenState((state, events) => {
        expect(events).toEqual([event('ContextItemRemoved', { key: 'a' })]);
        expect(state.workspace.contextItems.map((i) => i.key)).toEqual(['b']);
      });
    });

    it('refuses to remove an item that is not there', () => {
      given([created()]).when(command('RemoveContextItem', { key: 'a' })).thenThrows(NotFound, 'context item a not found');
    });

    it('clears every item of a kind, as clearContext("tool_outputs")', () => {
      given([created(), item('a', 'tool_outputs'), item('b', 'custom'), item('c', 'tool_outputs')])
        .when(command('ClearContext', { kind: 'tool_outputs' }))
        .thenState((state, events) => {
          expect(events).toEqual([event('ContextCleared', { kind: 'tool_outputs' })]);
          expect(state.workspace.contextItems.map((i) => i.key)).toEqual(['b']);
        });
    });

    it('clears one item by key', () => {
      given([created(), item('a')]).when(command('ClearContext', { key: 'a' })).then([event('ContextItemRemoved', { key: 'a' })]);
    });

    it('appends nothing when there is nothing to clear', () => {
      given([created(), item('a', 'custom')]).when(command('ClearContext', { kind: 'materials' })).then([]);
      given([created()]).when(command('ClearContext', { key: 'gone' })).then([]);
    });

    it('needs exactly one of kind and key', () => {
      given([created()]).when(command('ClearContext', {})).thenThrows(ValidationError, /either a kind or a key/);
      given([created()]).when(command('ClearContext', { kind: 'custom', key: 'a' })).thenThrows(ValidationError, /either a kind or a key/);
      given([created()]).when(command('ClearContext', { kind: 'everything' as never })).thenThrows(ValidationError, (e) => expect(e.field).toBe('kind'));
    });
  });

  describe('context settings', () => {
    it('records the settings that change', () => {
      given([created()])
        .when(command('ConfigureContext', { maxHistory: 50, materialMemory: 5, autoSummarise: true, relevanceThreshold: 0.7 }))
        .thenState((state, events) => {
          expect(events).toEqual([event('ContextConfigured', { materialMemory: 5, autoSummarise: true })]);
          expect(state.workspace.contextConfig).toEqual({ maxHistory: 50, materialMemory: 5, autoSummarise: true, relevanceThreshold: 0.7 });
        });
    });

    it.each([
      [{ maxHistory: 0 }, 'maxHistory'],
      [{ maxHistory: 2.5 }, 'maxHistory'],
      [{ materialMemory: -1 }, 'materialMemory'],
      [{ autoSummarise: 'yes' as never }, 'autoSummarise'],
      [{ relevanceThreshold: 1.5 }, 'relevanceThreshold'],
      [{ colour: 'blue' } as never, 'colour'],
    ])('refuses %p', (data, field) => {
      given([created()]).when(command('ConfigureContext', data)).thenThrows(ValidationError, (e) => expect(e.field).toBe(field));
    });

    it('appends nothing when every setting is already so', () => {
      given([created()]).when(command('ConfigureContext', { maxHistory: 50 })).then([]);
    });
  });

  describe('focus', () => {
    it('sets, changes and clears the focus', () => {
      given([created()]).when(command('SetFocus', { focus: ' LiFePO4 ionic conductivity ' })).then([event('FocusSet', { focus: 'LiFePO4 ionic conductivity' })]);
      given([created(), event('FocusSet', { focus: 'LiFePO4' })]).when(command('SetFocus', { focus: null })).thenState((state) => {
        expect(state.workspace.focus).toBeNull();
      });
    });

    it('appends nothing when the focus is unchanged', () => {
      given([created(), event('FocusSet', { focus: 'LiFePO4' })]).when(command('SetFocus', { focus: 'LiFePO4' })).then([]);
    });

    it('refuses an empty or overlong focus', () => {
      given([created()]).when(command('SetFocus', { focus: '' })).thenThrows(ValidationError, (e) => expect(e.field).toBe('focus'));
      given([created()]).when(command('SetFocus', { focus: 'f'.repeat(1001) })).thenThrows(ValidationError, /1 to 1000/);
    });
  });

  describe('hypotheses', () => {
    it('adds a hypothesis under the id the caller generated', () => {
      given([created()]).when(command('AddHypothesis', { hypothesisId: 'hyp-1', statement: 'Olivine raises Li+ mobility' })).thenState((state, events) => {
        expect(events).toEqual([event('HypothesisAdded', { hypothesisId: 'hyp-1', statement: 'Olivine raises Li+ mobility' })]);
        expect(state.workspace.hypotheses).toEqual([{ id: 'hyp-1', statement: 'Olivine raises Li+ mobility', addedAt: at() }]);
      });
    });

    it('refuses a duplicate id, an invalid id and an empty statement', () => {
      const h = event('HypothesisAdded', { hypothesisId: 'hyp-1', statement: 's' });
      given([created(), h]).when(command('AddHypothesis', { hypothesisId: 'hyp-1', statement: 'again' })).thenThrows(AlreadyExists, (e) => expect(e.field).toBe('hypothesisId'));
      given([created()]).when(command('AddHypothesis', { hypothesisId: 'h 1', statement: 's' })).thenThrows(ValidationError, (e) => expect(e.field).toBe('hypothesisId'));
      given([created()]).when(command('AddHypothesis', { hypothesisId: 'h1', statement: ' ' })).thenThrows(ValidationError, (e) => expect(e.field).toBe('statement'));
    });
  });

  describe('tasks', () => {
    const task = event('TaskAdded', { taskId: 'task-1', title: 'Compare LiMnPO4' });

    it('adds a pending task', () => {
      given([created()]).when(command('AddTask', { taskId: 'task-1', title: 'Compare LiMnPO4' })).thenState((state, events) => {
        expect(events).toEqual([task]);
        expect(state.workspace.tasks).toEqual([{ id: 'task-1', title: 'Compare LiMnPO4', status: 'pending', addedAt: at(), completedAt: null }]);
      });
    });

    it('completes a task, keeping when', () => {
      given([created(), task]).when(command('CompleteTask', { taskId: 'task-1', at: at(9) })).thenState((state, events) => {
        expect(events).toEqual([event('TaskCompleted', { taskId: 'task-1', at: at(9) })]);
        expect(state.workspace.tasks.values()[0]).toMatchObject({ status: 'completed', completedAt: at(9) });
      });
    });

    it('treats completing a completed task as a harmless retry', () => {
      given([created(), task, event('TaskCompleted', { taskId: 'task-1' })]).when(command('CompleteTask', { taskId: 'task-1' })).then([]);
    });

    it('refuses a duplicate task, an unknown task and an empty title', () => {
      given([created(), task]).when(command('AddTask', { taskId: 'task-1', title: 'again' })).thenThrows(AlreadyExists, 'task task-1 already exists');
      given([created()]).when(command('CompleteTask', { taskId: 'task-9' })).thenThrows(NotFound, 'task task-9 not found');
      given([created()]).when(command('AddTask', { taskId: 't', title: '' })).thenThrows(ValidationError, (e) => expect(e.field).toBe('title'));
    });
  });

  // Every status × every command of this slice. The matrix is written out here, not read from the code.
  describe('what each status allows', () => {
    const working = ['created', 'active'];
    const samples: Record<WorkspaceCommand['type'], SessionCommand> = {
      ConfigureContext: command('ConfigureContext', { maxHistory: 20 }),
      AddContextItem: command('AddContextItem', { key: 'important_finding', value: 'stable' }),
      RemoveContextItem: command('RemoveContextItem', { key: 'k' }),
      ClearContext: command('ClearContext', { kind: 'custom' }),
      SetFocus: command('SetFocus', { focus: 'LiFePO4' }),
      AddHypothesis: command('AddHypothesis', { hypothesisId: 'h1', statement: 'olivine helps' }),
      AddTask: command('AddTask', { taskId: 't2', title: 'compare' }),
      CompleteTask: command('CompleteTask', { taskId: 't1' }),
    };
    itFollowsTheStatusTable(samples, {
      ConfigureContext: working,
      AddContextItem: working,
      RemoveContextItem: working,
      ClearContext: working,
      SetFocus: working,
      AddHypothesis: working,
      AddTask: working,
      CompleteTask: working,
    });
  });
});
