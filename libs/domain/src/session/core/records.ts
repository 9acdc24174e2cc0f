// The agent's parts of the workspace: what the analyst was asked and answered, which tools ran,
// the materials it analysed, the discoveries and their links. Compact on purpose: a tool's full
// input and output stay in its ToolInvoked event (the log has them); the state keeps what the
// context, the statistics and the audit trail's ids need. Every record keeps the ids of the
// events behind it, so a discovery can always be traced to its query and tool calls.
import type { JsonObject, JsonValue } from '../../json.js';

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export interface QueryFailure {
  reason: string;
  retryable: boolean;
  at: string;
}

/** Where a record merged in from a branch was made; the session's own records have none. */
export interface RecordOrigin {
  branchId: string;
}

export const TURN_STATUSES = ['pending', 'answered', 'failed'] as const;
export type TurnStatus = (typeof TURN_STATUSES)[number];

/** One question and what became of it; `id` is the queryId. */
export interface ConversationTurn {
  id: string;
  question: string;
  answer: string | null;
  status: TurnStatus;
  askedAt: string;
  answeredAt: string | null;
  analysis: JsonObject | null;
  model: string | null;
  usage: TokenUsage | null;
  latencyMs: number | null;
  /** Answered by the offline analyst (no model was called). */
  offline: boolean | null;
  failure: QueryFailure | null;
  toolInvocationIds: string[];
  /** Formulas of the materials analysed for this answer, in the order given. */
  materials: string[];
  origin?: RecordOrigin;
}

export const SUMMARY_METHODS = ['extractive', 'model'] as const;
export type SummaryMethod = (typeof SUMMARY_METHODS)[number];

/** Covers every turn up to and including `throughTurnId`; the latest summary covers all before it. */
export interface HistorySummary {
  id: string;
  throughTurnId: string;
  text: string;
  method: SummaryMethod;
  at: string;
}

/** One entry per formula (`id` is the formula): seeing a material again updates it. */
export interface Material {
  id: string;
  formula: string;
  name: string | null;
  /** Merged over every analysis: a later value of a key replaces the earlier one. */
  properties: JsonObject;
  /** Where the latest properties came from (a tool, a table, the model). */
  source: string;
  mentions: number;
  firstSeenAt: string;
  lastSeenAt: string;
  lastQueryId: string;
  /** The branch it came from, when it first reached this workspace through a merge. */
  origin?: RecordOrigin;
}

/** What a tool call leaves in the state; its input and output are in the ToolInvoked event. */
export interface ToolInvocationRecord {
  id: string;
  tool: string;
  /** The query it served, or null for a client-side tool run outside a query. */
  queryId: string | null;
  durationMs: number;
  failed: boolean;
  at: string;
}

export const DISCOVERY_CATEGORIES = ['structure_property', 'novel_synthesis', 'stability_insight', 'phase_relationship'] as const;
export type DiscoveryCategory = (typeof DISCOVERY_CATEGORIES)[number];

export const DISCOVERY_STATUSES = ['detected', 'recorded', 'validated', 'rejected'] as const;
export type DiscoveryStatus = (typeof DISCOVERY_STATUSES)[number];

export interface DiscoveryEvidence {
  /** The query behind it: the one answered for a detected discovery, optional for a recorded one. */
  queryId: string | null;
  invocationIds: string[];
  /** The analyst's words for a detected discovery; what the researcher gave for a recorded one. */
  detail: JsonValue;
}

export interface DiscoveryReview {
  note: string | null;
  at: string;
}

export interface Discovery {
  id: string;
  category: DiscoveryCategory;
  description: string;
  materials: string[];
  confidence: number;
  /** How it arrived; `status` moves on when it is reviewed. */
  origin: 'detected' | 'recorded';
  status: DiscoveryStatus;
  tags: string[];
  evidence: DiscoveryEvidence;
  linkIds: string[];
  /** The latest validation or rejection. */
  review: DiscoveryReview | null;
  /** Present only while pinned: records made before pins existed, and unpinned ones, hold none. */
  pinned?: true;
  at: string;
}

export const DISCOVERY_RELATIONSHIPS = ['supports', 'contradicts', 'extends', 'duplicates', 'derived_from'] as const;
export type DiscoveryRelationship = (typeof DISCOVERY_RELATIONSHIPS)[number];

export interface DiscoveryLink {
  id: string;
  discoveryIds: string[];
  relationship: DiscoveryRelationship;
  notes: string | null;
  at: string;
}

export interface DiscoveryConfig {
  autoDetect: boolean;
  minConfidence: number;
  /** Always in the order of DISCOVERY_CATEGORIES, so equal settings compare equal. */
  categories: DiscoveryCategory[];
}

export const DEFAULT_DISCOVERY_CONFIG: Readonly<DiscoveryConfig> = Object.freeze({
  autoDetect: true,
  minConfidence: 0.75,
  categories: [...DISCOVERY_CATEGORIES],
});

/** The seed's generate_summary, as recorded when a model (or the offline path) wrote it. */
export interface GeneratedSummary {
  id: string;
  keyFindings: string[];
  materialsOfInterest: string[];
  nextSteps: string[];
  model: string;
  at: string;
}
