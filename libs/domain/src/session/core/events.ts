// The events of a session: each slice's, in one union. Names are stored forever: rename nothing,
// add new types instead. Each event says what changed and no more (no whole entities); every one
// carries `at`, the domain time of the change, so evolve never needs the envelope and an imported
// event keeps the time it first happened.
import type { BatchEvent } from '../batches/index.js';
import type { BranchEvent } from '../branches/index.js';
import type { CheckpointEvent } from '../checkpoints/index.js';
import type { DiscoveryEvent } from '../discoveries/index.js';
import type { HygieneEvent } from '../hygiene/index.js';
import type { LifecycleEvent } from '../lifecycle/index.js';
import type { MembersEvent } from '../members/index.js';
import type { QueryEvent } from '../queries/index.js';
import type { SignatureEvent } from '../signatures/index.js';
import type { ScheduleEvent } from '../schedules/index.js';
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
  | BranchEvent
  | SignatureEvent
  | MembersEvent
  | BatchEvent
  | ScheduleEvent;

export type SessionEventType = SessionEvent['type'];
