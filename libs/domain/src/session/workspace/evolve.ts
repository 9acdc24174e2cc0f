// evolve for the workspace's own parts: context items and settings, focus, hypotheses, tasks.
import type { ContextItem, SessionState } from '../core/state.js';
import { updateWorkspace as workspace } from '../core/updates.js';
import type { WorkspaceEvent } from './events.js';

export function evolveWorkspace(state: SessionState, event: WorkspaceEvent): SessionState {
  switch (event.type) {
    case 'ContextConfigured': {
      const { at: _at, ...changes } = event.data;
      return workspace(state, { contextConfig: { ...state.workspace.contextConfig, ...changes } });
    }
    case 'ContextItemAdded': {
      const { key, value, kind, at } = event.data;
      const item: ContextItem = { key, value, kind, addedAt: at };
      const items = state.workspace.contextItems;
      const index = items.findIndex((i) => i.key === key);
      // A key names one item: adding it again replaces the value where it stands.
      const contextItems = index < 0 ? [...items, item] : items.map((i, n) => (n === index ? item : i));
      return workspace(state, { contextItems });
    }
    case 'ContextItemRemoved':
      return workspace(state, { contextItems: state.workspace.contextItems.filter((i) => i.key !== event.data.key) });
    case 'ContextCleared':
      return workspace(state, { contextItems: state.workspace.contextItems.filter((i) => i.kind !== event.data.kind) });
    case 'FocusSet':
      return workspace(state, { focus: event.data.focus });
    case 'HypothesisAdded': {
      const { hypothesisId, statement, at } = event.data;
      return workspace(state, { hypotheses: [...state.workspace.hypotheses, { id: hypothesisId, statement, addedAt: at }] });
    }
    case 'TaskAdded': {
      const { taskId, title, at } = event.data;
      const task = { id: taskId, title, status: 'pending' as const, addedAt: at, completedAt: null };
      return workspace(state, { tasks: [...state.workspace.tasks, task] });
    }
    case 'TaskCompleted': {
      const { taskId, at } = event.data;
      const tasks = state.workspace.tasks.map((t) => (t.id === taskId ? { ...t, status: 'completed' as const, completedAt: at } : t));
      return workspace(state, { tasks });
    }
    default: {
      const _never: never = event;
      throw new Error(`Unknown workspace event ${JSON.stringify(_never)}`);
    }
  }
}
