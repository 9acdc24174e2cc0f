// The events of a session. Names are stored forever: rename nothing, add new types instead.
// Each event says what changed and no more (no whole entities); every one carries `at`, the
// domain time of the change, so evolve never needs the envelope and an imported event keeps the
// time it first happened.
import type { DomainEvent } from '@crystalyse/event-store';
import type { JsonObject, JsonValue } from '../../json.js';
import type { AgentEvent } from '../queries/events.js';
import type { BranchEvent } from '../branches/events.js';
import type { WorkspaceCounts } from './counts.js';
import type { ContextConfig, ContextKind, SessionType } from './state.js';

export type * from '../queries/events.js';
export type * from '../branches/events.js';
export { MERGED_LISTS } from '../branches/events.js';

interface At {
  at: string;
}

export type SessionCreated = DomainEvent<'SessionCreated', At & {
  sessionId: string;
  ownerId: string;
  sessionType: SessionType;
  name: string;
  metadata: JsonObject;
  config: JsonObject;
}>;
export type SessionStarted = DomainEvent<'SessionStarted', At>;
export type SessionPaused = DomainEvent<'SessionPaused', At & { reason?: string }>;
export type SessionResumed = DomainEvent<'SessionResumed', At & { from: 'paused' | 'archived' }>;
export type SessionArchived = DomainEvent<'SessionArchived', At & { reason?: string }>;
export type SessionRenamed = DomainEvent<'SessionRenamed', At & { name: string }>;
/** Only the keys that changed: `set` writes values, `removed` deletes keys. */
export type SessionMetadataUpdated = DomainEvent<'SessionMetadataUpdated', At & { set: JsonObject; removed: string[] }>;

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
/** Hygiene: the context items added before `before` leave the working context (the log keeps them). */
export type ContextItemsExpired = DomainEvent<'ContextItemsExpired', At & { keys: string[]; before: string }>;
/** Hygiene: completed tasks leave the working list for the archived tasks. */
export type TasksArchived = DomainEvent<'TasksArchived', At & { taskIds: string[] }>;

/** `revision` is the last event before the checkpoint: the position it marks. */
export type CheckpointSaved = DomainEvent<'CheckpointSaved', At & { name: string; revision: number; savedBy: string }>;
/** Workspace back to the checkpoint; governance untouched. `trigger` tells a recover from a restore. */
export type CheckpointRestored = DomainEvent<'CheckpointRestored', At & {
  name: string;
  revision: number;
  trigger: 'restore' | 'recover';
  /** The workspace counts after the restore; absent from restores recorded before they were carried. */
  counts?: WorkspaceCounts;
}>;

/** Closes an import: the events before it were copied from another session (see their metadata). */
export type SessionImported = DomainEvent<'SessionImported', At & { sourceSessionId: string; sourceRevision: number }>;

/**
 * Follows SessionCreated in a session made from a template: which version, with which parameters.
 * The seeded context, focus, hypotheses and tasks follow as ordinary events.
 */
export type SessionSeededFromTemplate = DomainEvent<'SessionSeededFromTemplate', At & {
  template: string;
  version: number;
  parameters: Record<string, string>;
}>;

export type SessionEvent =
  | SessionCreated
  | SessionStarted
  | SessionPaused
  | SessionResumed
  | SessionArchived
  | SessionRenamed
  | SessionMetadataUpdated
  | ContextConfigured
  | ContextItemAdded
  | ContextItemRemoved
  | ContextCleared
  | FocusSet
  | HypothesisAdded
  | TaskAdded
  | TaskCompleted
  | ContextItemsExpired
  | TasksArchived
  | CheckpointSaved
  | CheckpointRestored
  | SessionImported
  | SessionSeededFromTemplate
  | AgentEvent
  | BranchEvent;

export type SessionEventType = SessionEvent['type'];

// A record, not an array, so adding an event type without listing it here fails to compile.
const EVENT_TYPES: Record<SessionEventType, true> = {
  SessionCreated: true,
  SessionStarted: true,
  SessionPaused: true,
  SessionResumed: true,
  SessionArchived: true,
  SessionRenamed: true,
  SessionMetadataUpdated: true,
  ContextConfigured: true,
  ContextItemAdded: true,
  ContextItemRemoved: true,
  ContextCleared: true,
  FocusSet: true,
  HypothesisAdded: true,
  TaskAdded: true,
  TaskCompleted: true,
  ContextItemsExpired: true,
  TasksArchived: true,
  CheckpointSaved: true,
  CheckpointRestored: true,
  SessionImported: true,
  SessionSeededFromTemplate: true,
  QueryAsked: true,
  ToolInvoked: true,
  ToolStateChanged: true,
  MaterialAnalysed: true,
  QueryAnswered: true,
  QueryFailed: true,
  DiscoveryDetected: true,
  DiscoveriesConfigured: true,
  DiscoveryRecorded: true,
  DiscoveriesLinked: true,
  DiscoveryValidated: true,
  DiscoveryRejected: true,
  DiscoveryTagged: true,
  HistorySummarised: true,
  SessionSummaryGenerated: true,
  BranchCreated: true,
  BranchForked: true,
  BranchMerged: true,
  BranchDiscarded: true,
};

export const SESSION_EVENT_TYPES = Object.keys(EVENT_TYPES) as SessionEventType[];

export const isSessionEventType = (type: string): type is SessionEventType => Object.hasOwn(EVENT_TYPES, type);
