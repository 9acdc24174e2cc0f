// The shapes of the agent's endpoints (queries, discoveries, tools, analytics) as the SDK hands
// them out: the server's JSON, camelCase already. Declared here, not imported from the server.
import type { CommandResult, JsonValue, SessionContext } from './types.js';

export type DiscoveryCategory = 'structure_property' | 'novel_synthesis' | 'stability_insight' | 'phase_relationship';
export type DiscoveryRelationship = 'supports' | 'contradicts' | 'extends' | 'duplicates' | 'derived_from';
export type DiscoveryStatus = 'detected' | 'recorded' | 'validated' | 'rejected';

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

/** The structured facts behind an answer: at least intent, subjects (main first), facts and sources. */
export interface QueryAnalysis {
  intent?: string;
  subjects?: string[];
  facts?: Record<string, Record<string, unknown>>;
  sources?: string[];
  [key: string]: unknown;
}

/** A run of a tool registered with `session.registerTool()`, made before the question was sent. */
export interface ClientToolRun {
  tool: string;
  /** The recorded invocation, or null when it could not be recorded (see `recordError`). */
  invocationId: string | null;
  durationMs: number;
  /** What the tool returned (its `result` when it returned `{ result, state }`). */
  output: unknown;
  /** The message of what the tool threw. */
  error?: string;
  /** Why recording the run failed (the question was asked anyway). */
  recordError?: string;
}

/** `session.query()`: the recorded turn, what the server's tools did, its materials and discoveries. */
export interface QueryResponse extends CommandResult {
  queryId: string;
  /** 'pending' only when a retried request (same Idempotency-Key) found the question still being answered. */
  status: 'pending' | 'answered' | 'failed';
  question: string;
  answer: string | null;
  analysis: QueryAnalysis | null;
  model: string | null;
  offline: boolean | null;
  usage: TokenUsage | null;
  latencyMs: number | null;
  toolInvocations: Array<{ id: string; tool: string; durationMs: number; failed: boolean }>;
  /** Formulas analysed for this answer. */
  materials: string[];
  /** Discoveries detected in this answer (those passing the session's discovery settings). */
  discoveries: Array<{ id: string; category: DiscoveryCategory; description: string; confidence: number }>;
  failure: { reason: string; retryable: boolean; at: string } | null;
  /** The registered client-side tools that ran before the question (none when none are registered). */
  clientTools: ClientToolRun[];
}

/** What `onProgress` receives while a query streams, in the order the server sends it. */
export type QueryProgress =
  | { type: 'client_tool'; run: ClientToolRun }
  | { type: 'accepted'; sessionId: string; /** The question is recorded: its id, revision and position. */ queryId?: string; revision?: number; position?: string }
  | { type: 'tool_call'; tool: string; input: unknown }
  | { type: 'tool_result'; tool: string; output: unknown; durationMs: number; error?: string }
  | { type: 'text'; delta: string }
  | { type: 'status'; message: string }
  /** An event type this SDK does not know yet, passed on as sent. */
  | { type: 'other'; event: string; data: unknown };

export interface QueryOptions {
  /** Stream the answer (server-sent events) and call this for each step as it happens. */
  onProgress?: (progress: QueryProgress) => void | Promise<void>;
}

/**
 * The seed's SessionAwareTool. Registered with `session.registerTool()`, it runs in this process
 * before each `session.query(text)`, on the session's context; the run is recorded in the session.
 * Return `{ result, state }` to keep `state` as the tool's state apart from its output; anything
 * else is both the output and the state. Return values must be JSON.
 */
export interface SessionTool {
  /** 1 to 100 letters, digits, '_', '.' or '-': the key of `getToolStates()`. */
  readonly name: string;
  execute(query: string, sessionContext: SessionContext): unknown;
}

export interface ToolInvocationInput {
  tool: string;
  input: JsonValue;
  output: JsonValue;
  durationMs: number;
  error?: string;
  /** The tool's state after this run; left out, the state is kept; null forgets it. */
  toolState?: JsonValue;
}

export interface DiscoveryConfig {
  autoDetect: boolean;
  minConfidence: number;
  categories: DiscoveryCategory[];
}

export interface RecordDiscoveryInput {
  /** The seed's `type`: the category. */
  type: DiscoveryCategory;
  description: string;
  materials: string[];
  /** Any JSON, e.g. a response's `analysis`. */
  evidence?: unknown;
  confidence: number;
  /** The query whose answer is the evidence. */
  queryId?: string;
}

export interface LinkDiscoveriesInput {
  discoveryIds: string[];
  relationship: DiscoveryRelationship;
  notes?: string;
}

export interface Discovery {
  id: string;
  category: DiscoveryCategory;
  description: string;
  materials: string[];
  confidence: number;
  origin: 'detected' | 'recorded';
  status: DiscoveryStatus;
  tags: string[];
  evidence: { queryId: string | null; invocationIds: string[]; detail: JsonValue };
  linkIds: string[];
  review: { note: string | null; at: string } | null;
  /** Present only while pinned. */
  pinned?: true;
  at: string;
}

export interface DiscoveryLink {
  id: string;
  discoveryIds: string[];
  relationship: DiscoveryRelationship;
  notes: string | null;
  at: string;
}

export interface DiscoveryList {
  revision: number;
  items: Discovery[];
  links: DiscoveryLink[];
  config: DiscoveryConfig;
}

/** The seed's `session.get_statistics()`. */
export interface SessionStatistics {
  revision: number;
  durationMinutes: number;
  queryCount: number;
  answeredCount: number;
  failedCount: number;
  pendingCount: number;
  materialCount: number;
  /** Discoveries not rejected. */
  discoveryCount: number;
  /** Tool name → runs, in queries and client-side. */
  toolUsage: Record<string, number>;
  checkpointCount: number;
  tokens: TokenUsage;
}

/** The seed's `session.generate_summary()`; it is also recorded in the session. */
export interface SessionSummary extends CommandResult {
  summaryId: string;
  keyFindings: string[];
  materialsOfInterest: string[];
  nextSteps: string[];
}

/** In the context: a discovery that was not rejected. */
export interface ContextDiscovery {
  id: string;
  category: DiscoveryCategory;
  description: string;
  materials: string[];
  confidence: number;
  status: DiscoveryStatus;
  tags: string[];
}

/** In the context: a settled turn (answered or failed) since the latest history summary. */
export interface ContextTurn {
  queryId: string;
  question: string;
  /** Null for a failed turn. */
  answer: string | null;
  status: 'answered' | 'failed';
  materials: string[];
  askedAt: string;
}
