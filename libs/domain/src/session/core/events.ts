// The events of a session: each slice's, in one union. Names are stored forever: rename nothing,
// add new types instead. Each event says what changed and no more (no whole entities); every one
// carries `at`, the domain time of the change, so evolve never needs the envelope and an imported
// event keeps the time it first happened.
import type { BranchEvent } from '../branches/index.js';
import type { CheckpointEvent } from '../checkpoints/index.js';
import type { DiscoveryEvent } from '../discoveries/index.js';
import type { HygieneEvent } from '../hygiene/index.js';
import type { LifecycleEvent } from '../lifecycle/index.js';
import type { QueryEvent } from '../queries/index.js';
import type { SummaryEvent } from '../summaries/index.js';
import type { WorkspaceEvent } from '../workspace/index.js';

/** What the analyst's work records: queries and their answers, discoveries, summaries. */
export type AgentEvent = QueryEvent | DiscoveryEvent | SummaryEvent;

export type SessionEvent =
  | LifecycleEvent
  | WorkspaceEvent
  | HygieneEvent
  | CheckpointEvent
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
