// The events of the workspace's own parts: context items and settings, focus, hypotheses, tasks.
// Stored names: rename nothing, add new types instead.
import type { DomainEvent } from '@crystalyse/event-store';
import type { JsonValue } from '../../json.js';
import type { ContextConfig, ContextKind } from '../core/state.js';

interface At {
  at: string;
}

export type ContextConfigured = DomainEvent<'ContextConfigured', At & Partial<ContextConfig>>;
/** Adds the item, or replaces the item with the same key. */
export type ContextItemAdded = DomainEvent<'ContextItemAdded', At & { key: string; value: JsonValue; kind: ContextKind }>;
export type ContextItemRemoved = DomainEvent<'ContextItemRemoved', At & { key: string }>;
/** Removes every context item of the kind (the log keeps them). */
export type ContextCleared = DomainEvent<'ContextCleared', At & { kind: ContextKind }>;
export type FocusSet = DomainEvent<'FocusSet', At & { focus: string | null }>;
export type HypothesisAdded = DomainEvent<'HypothesisAdded', At & { hypothesisId: string; statement: string }>;
export type TaskAdded = DomainEvent<'TaskAdded', At & { taskId: string; title: string }>;
export type TaskCompleted = DomainEvent<'TaskCompleted', At & { taskId: string }>;

export type WorkspaceEvent =
  | ContextConfigured
  | ContextItemAdded
  | ContextItemRemoved
  | ContextCleared
  | FocusSet
  | HypothesisAdded
  | TaskAdded
  | TaskCompleted;
