// The hygiene slice as the core routes it. Hygiene acts on what is old or completed when it is
// decided, whatever the caller saw, so its commands are always rebased.
import { one } from '../core/import-step.js';
import { contextKey, id, instant, list, MANY } from '../core/shapes.js';
import type { Slice } from '../core/slice.js';
import { WORKING } from '../core/statuses.js';
import type { HygieneCommand } from './commands.js';
import { decideHygiene } from './decide.js';
import type { HygieneEvent } from './events.js';
import { evolveHygiene } from './evolve.js';

export const hygieneSlice: Slice<HygieneCommand, HygieneEvent> = {
  decide: decideHygiene,
  evolve: evolveHygiene,
  commands: {
    CleanupOldContext: { statuses: WORKING, action: 'clean up old context', fields: () => ['workspace.contextItems'], commutative: true },
    ArchiveCompletedTasks: {
      statuses: WORKING,
      action: 'archive completed tasks',
      fields: () => ['workspace.tasks', 'workspace.archivedTasks'],
      commutative: true,
    },
  },
  events: {
    // Lists the command filled from the state (every old item, every completed task): only the body limit bounds them.
    ContextItemsExpired: {
      shape: { keys: list(contextKey, MANY, 1), before: instant },
      step: (e, base) => one({ type: 'CleanupOldContext', data: { before: e.data.before } }, base),
    },
    TasksArchived: { shape: { taskIds: list(id, MANY, 1) }, step: (_e, base) => one({ type: 'ArchiveCompletedTasks', data: {} }, base) },
  },
};
