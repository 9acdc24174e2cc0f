// Workspace commands that need no agent: context items and settings, focus, hypotheses, tasks.
// A command that would change nothing appends nothing, so retries are harmless.
import { AlreadyExists, NotFound, ValidationError } from '../../errors.js';
import { deepEqual } from '../../json.js';
import { CONTEXT_KINDS, type ContextConfig, type SessionState } from '../core/state.js';
import {
  LIMITS,
  requireBoolean,
  requireContextKey,
  requireId,
  requireInteger,
  requireJsonValue,
  requireNumber,
  requireOneOf,
  requireText,
} from '../core/validation.js';
import type { ConfigureContext, WorkspaceCommand } from './commands.js';
import type { WorkspaceEvent } from './events.js';

export function decideWorkspace(command: WorkspaceCommand, state: SessionState): WorkspaceEvent[] {
  const { at } = command.data;
  const ws = state.workspace;
  switch (command.type) {
    case 'ConfigureContext':
      return decideContextConfig(command, state);
    case 'AddContextItem': {
      const key = requireContextKey('key', command.data.key);
      const value = requireJsonValue('value', command.data.value, LIMITS.contextValueChars);
      const kind = requireOneOf('kind', command.data.kind ?? 'custom', CONTEXT_KINDS);
      const existing = ws.contextItems.get(key);
      if (existing && existing.kind === kind && deepEqual(existing.value, value)) return [];
      return [{ type: 'ContextItemAdded', data: { key, value, kind, at } }];
    }
    case 'RemoveContextItem': {
      const key = requireContextKey('key', command.data.key);
      if (!ws.contextItems.has(key)) throw new NotFound('context item', key);
      return [{ type: 'ContextItemRemoved', data: { key, at } }];
    }
    case 'ClearContext': {
      const { kind, key } = command.data;
      if ((kind === undefined) === (key === undefined)) throw new ValidationError('kind', 'give either a kind or a key to clear');
      if (key !== undefined) {
        const valid = requireContextKey('key', key);
        return ws.contextItems.has(valid) ? [{ type: 'ContextItemRemoved', data: { key: valid, at } }] : [];
      }
      const valid = requireOneOf('kind', kind, CONTEXT_KINDS);
      return ws.contextItems.some((i) => i.kind === valid) ? [{ type: 'ContextCleared', data: { kind: valid, at } }] : [];
    }
    case 'SetFocus': {
      const focus = command.data.focus === null ? null : requireText('focus', command.data.focus, LIMITS.focus);
      return focus === ws.focus ? [] : [{ type: 'FocusSet', data: { focus, at } }];
    }
    case 'AddHypothesis': {
      const hypothesisId = requireId('hypothesisId', command.data.hypothesisId);
      const statement = requireText('statement', command.data.statement, LIMITS.statement);
      if (ws.hypotheses.has(hypothesisId)) throw new AlreadyExists('hypothesis', hypothesisId, 'hypothesisId');
      return [{ type: 'HypothesisAdded', data: { hypothesisId, statement, at } }];
    }
    case 'AddTask': {
      const taskId = requireId('taskId', command.data.taskId);
      const title = requireText('title', command.data.title, LIMITS.title);
      if (ws.tasks.has(taskId) || ws.archivedTasks.has(taskId)) throw new AlreadyExists('task', taskId, 'taskId');
      return [{ type: 'TaskAdded', data: { taskId, title, at } }];
    }
    case 'CompleteTask': {
      const taskId = requireId('taskId', command.data.taskId);
      // An archived task was completed before it was archived: completing it again is a retry.
      const task = ws.tasks.get(taskId) ?? ws.archivedTasks.get(taskId);
      if (!task) throw new NotFound('task', taskId);
      // Completing a completed task is a retry, not a mistake.
      return task.status === 'completed' ? [] : [{ type: 'TaskCompleted', data: { taskId, at } }];
    }
    default: {
      const _never: never = command;
      throw new Error(`Unknown workspace command ${JSON.stringify(_never)}`);
    }
  }
}

export const CONTEXT_CONFIG_CHECKS: { [K in keyof ContextConfig]: (field: string, value: unknown) => ContextConfig[K] } = {
  maxHistory: (f, v) => requireInteger(f, v, 1, 10_000),
  materialMemory: (f, v) => requireInteger(f, v, 0, 1_000),
  autoSummarise: requireBoolean,
  relevanceThreshold: (f, v) => requireNumber(f, v, 0, 1),
};

function decideContextConfig(command: ConfigureContext, state: SessionState): WorkspaceEvent[] {
  const { sessionId: _s, actorId: _a, at, ...given } = command.data;
  const unknown = Object.keys(given).find((k) => !Object.hasOwn(CONTEXT_CONFIG_CHECKS, k));
  if (unknown !== undefined) throw new ValidationError(unknown, `${unknown} is not a context setting`);
  if (Object.keys(given).length === 0) throw new ValidationError('maxHistory', 'give at least one context setting');
  const changes: Partial<ContextConfig> = {};
  for (const key of Object.keys(CONTEXT_CONFIG_CHECKS) as Array<keyof ContextConfig>) {
    const value = given[key];
    if (value === undefined) continue;
    const checked = CONTEXT_CONFIG_CHECKS[key](key, value);
    if (checked !== state.workspace.contextConfig[key]) Object.assign(changes, { [key]: checked });
  }
  return Object.keys(changes).length === 0 ? [] : [{ type: 'ContextConfigured', data: { ...changes, at } }];
}
