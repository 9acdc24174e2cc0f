// Workspace commands that need no agent: context items and settings, focus, hypotheses, tasks.
import type { JsonValue } from '../../json.js';
import type { Cmd } from '../core/command-base.js';
import type { ContextConfig, ContextKind } from '../core/state.js';

export type ConfigureContext = Cmd<'ConfigureContext', Partial<ContextConfig>>;
/** The seed's `addContext(key, value)` is kind `custom`, the default. */
export type AddContextItem = Cmd<'AddContextItem', { key: string; value: JsonValue; kind?: ContextKind }>;
export type RemoveContextItem = Cmd<'RemoveContextItem', { key: string }>;
/** Exactly one of `kind` (every item of that kind) or `key` (one item); clearing nothing is a no-op. */
export type ClearContext = Cmd<'ClearContext', { kind?: ContextKind; key?: string }>;
export type SetFocus = Cmd<'SetFocus', { focus: string | null }>;
export type AddHypothesis = Cmd<'AddHypothesis', { hypothesisId: string; statement: string }>;
export type AddTask = Cmd<'AddTask', { taskId: string; title: string }>;
export type CompleteTask = Cmd<'CompleteTask', { taskId: string }>;

export type WorkspaceCommand =
  | ConfigureContext
  | AddContextItem
  | RemoveContextItem
  | ClearContext
  | SetFocus
  | AddHypothesis
  | AddTask
  | CompleteTask;
