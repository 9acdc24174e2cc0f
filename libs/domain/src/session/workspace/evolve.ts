// evolve for the workspace's own parts: context items and settings, focus, hypotheses, tasks.
import { put, remove, set, type Change } from '../core/changes.js';
import type { SessionState } from '../core/state.js';
import type { WorkspaceEvent } from './events.js';

export function evolveWorkspace(state: SessionState, event: WorkspaceEvent): Change[] {
  const ws = state.workspace;
  switch (event.type) {
    case 'ContextConfigured': {
      const { at: _at, ...changes } = event.data;
      return [set('workspace.contextConfig', { ...ws.contextConfig, ...changes })];
    }
    case 'ContextItemAdded': {
      const { key, value, kind, at } = event.data;
      // A key names one item: adding it again replaces the value where it stands.
      return [put('workspace.contextItems', key, { key, value, kind, addedAt: at })];
    }
    case 'ContextItemRemoved':
      return [remove('workspace.contextItems', event.data.key)];
    case 'ContextCleared':
      return ws.contextItems.filter((i) => i.kind === event.data.kind).map((i) => remove('workspace.contextItems', i.key));
    case 'FocusSet':
      return [set('workspace.focus', event.data.focus)];
    case 'HypothesisAdded': {
      const { hypothesisId, statement, at } = event.data;
      return [put('workspace.hypotheses', hypothesisId, { id: hypothesisId, statement, addedAt: at })];
    }
    case 'TaskAdded': {
      const { taskId, title, at } = event.data;
      return [put('workspace.tasks', taskId, { id: taskId, title, status: 'pending', addedAt: at, completedAt: null })];
    }
    case 'TaskCompleted': {
      const { taskId, at } = event.data;
      const task = ws.tasks.get(taskId);
      return task ? [put('workspace.tasks', taskId, { ...task, status: 'completed', completedAt: at })] : [];
    }
    default: {
      const _never: never = event;
      throw new Error(`Unknown workspace event ${JSON.stringify(_never)}`);
    }
  }
}
