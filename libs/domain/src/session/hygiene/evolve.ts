// evolve for hygiene: what leaves the working context or the working list (the log keeps it).
import { put, remove, type Change } from '../core/changes.js';
import type { SessionState } from '../core/state.js';
import type { HygieneEvent } from './events.js';

export function evolveHygiene(state: SessionState, event: HygieneEvent): Change[] {
  switch (event.type) {
    case 'ContextItemsExpired':
      return event.data.keys.map((key) => remove('workspace.contextItems', key));
    case 'TasksArchived':
      return event.data.taskIds.flatMap((id) => {
        const task = state.workspace.tasks.get(id);
        return task ? [remove('workspace.tasks', id), put('workspace.archivedTasks', id, { ...task, archivedAt: event.data.at })] : [];
      });
    default: {
      const _never: never = event;
      throw new Error(`Unknown hygiene event ${JSON.stringify(_never)}`);
    }
  }
}
