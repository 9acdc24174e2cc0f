// The agent's events: queries, tool calls, materials, answers, discoveries and summaries. The
// answer and the tool outputs are facts recorded here, so replay never calls the AI again.
// Stored names: rename nothing, add new types instead.
import type { DomainEvent } from '@crystalyse/event-store';
import type { JsonObject, JsonValue } from '../../json.js';
import type {
  DiscoveryCategory,
  DiscoveryConfig,
  DiscoveryRelationship,
  SummaryMethod,
  TokenUsage,
} from '../core/records.js';

interface At {
  at: string;
}

export type QueryAsked = DomainEvent<'QueryAsked', At & { queryId: string; text: string }>;
/** The full input and output live here only; `queryId` is null for a client-side tool outside a query. */
export type ToolInvoked = DomainEvent<'ToolInvoked', At & {
  invocationId: string;
  tool: string;
  queryId: string | null;
  input: JsonValue;
  output: JsonValue;
  durationMs: number;
  error?: string;
}>;
/** The state the tool keeps in this session now; null forgets it. */
export type ToolStateChanged = DomainEvent<'ToolStateChanged', At & { tool: string; state: JsonValue }>;
export type MaterialAnalysed = DomainEvent<'MaterialAnalysed', At & {
  formula: string;
  name?: string;
  properties: JsonObject;
  source: string;
  queryId: string;
  invocationId?: string;
}>;
export type QueryAnswered = DomainEvent<'QueryAnswered', At & {
  queryId: string;
  text: string;
  analysis: JsonObject;
  model: string;
  usage: TokenUsage;
  latencyMs: number;
  offline: boolean;
}>;
export type QueryFailed = DomainEvent<'QueryFailed', At & { queryId: string; reason: string; retryable: boolean }>;

export interface DetectedEvidence {
  queryId: string;
  invocationIds: string[];
  text?: string;
}

/** A discovery the analyst proposed that passed the session's discovery settings. */
export type DiscoveryDetected = DomainEvent<'DiscoveryDetected', At & {
  discoveryId: string;
  category: DiscoveryCategory;
  description: string;
  materials: string[];
  confidence: number;
  evidence: DetectedEvidence;
}>;
/** Only the settings that changed. */
export type DiscoveriesConfigured = DomainEvent<'DiscoveriesConfigured', At & Partial<DiscoveryConfig>>;
export type DiscoveryRecorded = DomainEvent<'DiscoveryRecorded', At & {
  discoveryId: string;
  category: DiscoveryCategory;
  description: string;
  materials: string[];
  confidence: number;
  evidence: JsonValue;
  queryId?: string;
}>;
export type DiscoveriesLinked = DomainEvent<'DiscoveriesLinked', At & {
  linkId: string;
  discoveryIds: string[];
  relationship: DiscoveryRelationship;
  notes?: string;
}>;
export type DiscoveryValidated = DomainEvent<'DiscoveryValidated', At & { discoveryId: string; note?: string }>;
export type DiscoveryRejected = DomainEvent<'DiscoveryRejected', At & { discoveryId: string; reason?: string }>;
/** Only the tags the discovery did not have yet. */
export type DiscoveryTagged = DomainEvent<'DiscoveryTagged', At & { discoveryId: string; tags: string[] }>;

/** The working context shows this summary and the turns after it; nothing leaves the log. */
export type HistorySummarised = DomainEvent<'HistorySummarised', At & {
  summaryId: string;
  throughQueryId: string;
  text: string;
  method: SummaryMethod;
}>;
export type SessionSummaryGenerated = DomainEvent<'SessionSummaryGenerated', At & {
  summaryId: string;
  keyFindings: string[];
  materialsOfInterest: string[];
  nextSteps: string[];
  model: string;
}>;

export type AgentEvent =
  | QueryAsked
  | ToolInvoked
  | ToolStateChanged
  | MaterialAnalysed
  | QueryAnswered
  | QueryFailed
  | DiscoveryDetected
  | DiscoveriesConfigured
  | DiscoveryRecorded
  | DiscoveriesLinked
  | DiscoveryValidated
  | DiscoveryRejected
  | DiscoveryTagged
  | HistorySummarised
  | SessionSummaryGenerated;
