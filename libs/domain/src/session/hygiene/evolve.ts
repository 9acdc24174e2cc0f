// evolve for hygiene: what leaves the working context or the working list (the log keeps it).
import type { SessionState } from '../core/state.js';
import { updateWorkspace as workspace } from '../core/updates.js';
import type { HygieneEvent } from './events.js';

export function evolveHygiene(state: SessionState, event: HygieneEvent): SessionState {
  switch (event.type) {
    case 'ContextItemsExpired': {
      const keys = new Set(event.data.keys);
      return workspace(state, { contextItems: state.workspace.contextItems.filter((i) => !keys.has(i.key)) });
    }
    case 'TasksArchived': {
      const ids = new Set(event.data.taskIds);
      const { tasks, archivedTasks } = state.workspace;
      const moved = tasks.filter((t) => ids.has(t.id)).map((t) => ({ ...t, archivedAt: event.data.at }));
      return workspace(state, { tasks: tasks.filter((t) => !ids.has(t.id)), archivedTasks: [...archivedTasks, ...moved] });
    }
    default: {
      const _never: never = event;
      throw new Error(`Unknown hygiene event ${JSON.stringify(_never)}`);
    }
  }
}
