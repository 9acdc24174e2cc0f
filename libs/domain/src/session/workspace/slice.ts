// The workspace slice as the core routes it. Adding a hypothesis or a task only writes under an
// id the caller generated, so it is always rebased; the others conflict on the item they write.
import { ownValue } from '../../json.js';
import { one } from '../core/import-step.js';
import { contextKey, id, instant, json, nullable, object, oneOf, optional, settings, text, type Check } from '../core/shapes.js';
import type { Slice } from '../core/slice.js';
import { CONTEXT_KINDS } from '../core/state.js';
import { WORKING } from '../core/statuses.js';
import { LIMITS } from '../core/validation.js';
import type { WorkspaceCommand } from './commands.js';
import { CONTEXT_CONFIG_CHECKS, decideWorkspace } from './decide.js';
import type { WorkspaceEvent } from './events.js';
import { evolveWorkspace } from './evolve.js';

// The records as the state holds them, for a merge that carries them (branches/changes.shape.ts).
const CONTEXT_ITEM = object({ key: contextKey, value: json(LIMITS.contextValueChars), kind: oneOf(CONTEXT_KINDS), addedAt: instant });
const HYPOTHESIS = object({ id, statement: text(LIMITS.statement), addedAt: instant });
// A task as the merge carries it: working, or archived (with archivedAt).
const TASK = object({
  id, title: text(LIMITS.title), status: oneOf(['pending', 'completed']), addedAt: instant, completedAt: nullable(instant), archivedAt: optional(instant),
});

type Records = { readonly records: Readonly<Record<'contextItems' | 'hypotheses' | 'tasks', Check>> };

export const workspaceSlice: Slice<WorkspaceCommand, WorkspaceEvent> & Records = {
  records: { contextItems: CONTEXT_ITEM, hypotheses: HYPOTHESIS, tasks: TASK },
  decide: decideWorkspace,
  evolve: evolveWorkspace,
  commands: {
    ConfigureContext: {
      statuses: WORKING,
      action: 'configure context',
      fields: (c) => {
        const { sessionId: _s, actorId: _a, at: _t, ...settings } = c.data;
        return Object.keys(settings).map((k) => `workspace.contextConfig.${k}`);
      },
    },
    AddContextItem: { statuses: WORKING, action: 'add a context item', fields: (c) => [`workspace.contextItems.${c.data.key}`] },
    RemoveContextItem: { statuses: WORKING, action: 'remove a context item', fields: (c) => [`workspace.contextItems.${c.data.key}`] },
    ClearContext: {
      statuses: WORKING,
      action: 'clear context',
      fields: (c) => (c.data.key !== undefined ? [`workspace.contextItems.${c.data.key}`] : [`workspace.contextKinds.${c.data.kind}`]),
    },
    SetFocus: { statuses: WORKING, action: 'set the focus', fields: () => ['workspace.focus'] },
    AddHypothesis: { statuses: WORKING, action: 'add a hypothesis', fields: (c) => [`workspace.hypotheses.${c.data.hypothesisId}`], commutative: true },
    AddTask: { statuses: WORKING, action: 'add a task', fields: (c) => [`workspace.tasks.${c.data.taskId}`], commutative: true },
    CompleteTask: { statuses: WORKING, action: 'complete a task', fields: (c) => [`workspace.tasks.${c.data.taskId}`] },
  },
  events: {
    // A settings event carries only the settings that changed.
    ContextConfigured: {
      shape: settings(CONTEXT_CONFIG_CHECKS),
      step: (e, base) => {
        const { at: _at, ...settings } = e.data;
        return one({ type: 'ConfigureContext', data: settings }, base);
      },
    },
    ContextItemAdded: {
      shape: { key: contextKey, value: json(LIMITS.contextValueChars), kind: oneOf(CONTEXT_KINDS) },
      step: (e, base) => one({ type: 'AddContextItem', data: { key: e.data.key, value: e.data.value, kind: e.data.kind } }, base),
    },
    ContextItemRemoved: { shape: { key: contextKey }, step: (e, base) => one({ type: 'RemoveContextItem', data: { key: e.data.key } }, base) },
    ContextCleared: { shape: { kind: oneOf(CONTEXT_KINDS) }, step: (e, base) => one({ type: 'ClearContext', data: { kind: e.data.kind } }, base) },
    FocusSet: { shape: { focus: nullable(text(LIMITS.focus)) }, step: (e, base) => one({ type: 'SetFocus', data: { focus: e.data.focus } }, base) },
    HypothesisAdded: {
      shape: { hypothesisId: id, statement: text(LIMITS.statement) },
      step: (e, base) => one({ type: 'AddHypothesis', data: { hypothesisId: e.data.hypothesisId, statement: e.data.statement } }, base),
    },
    TaskAdded: {
      shape: { taskId: id, title: text(LIMITS.title) },
      step: (e, base) => one({ type: 'AddTask', data: { taskId: e.data.taskId, title: e.data.title } }, base),
    },
    TaskCompleted: { shape: { taskId: id }, step: (e, base) => one({ type: 'CompleteTask', data: { taskId: e.data.taskId } }, base) },
  },
  fields: {
    'workspace.contextConfig.': (s, k) => ownValue(s.workspace.contextConfig as unknown as Record<string, unknown>, k),
    'workspace.contextItems.': (s, k) => s.workspace.contextItems.find((i) => i.key === k),
    // Every context item of one kind: what clearing that kind writes.
    'workspace.contextKinds.': (s, k) => s.workspace.contextItems.filter((i) => i.kind === k),
    'workspace.hypotheses.': (s, k) => s.workspace.hypotheses.find((h) => h.id === k),
    // A task is one field wherever it is, working or archived: a merge names it so.
    'workspace.tasks.': (s, k) => s.workspace.tasks.find((t) => t.id === k) ?? s.workspace.archivedTasks.find((t) => t.id === k),
  },
};
