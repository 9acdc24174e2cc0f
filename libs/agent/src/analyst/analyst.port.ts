/*
 * The analyst port: what a session gives an analyst and what it gets back.
 *
 * The session records the question first, calls `analyse`, then appends the result as facts
 * (answer, tool invocations, tool states, materials, discoveries). Replay never calls an analyst
 * again, so everything the session needs later must be in the result, as plain JSON.
 */

export const DISCOVERY_CATEGORIES = ['structure_property', 'novel_synthesis', 'stability_insight', 'phase_relationship'] as const;
export type DiscoveryCategory = (typeof DISCOVERY_CATEGORIES)[number];

/** What the session knows when a question arrives (the seed's `session.get_context()`). */
export interface AnalystContext {
  /** Formulas of recently analysed materials, most recent first. */
  recentMaterials: string[];
  activeTools: string[];
  /** Last state each tool returned in this session, by tool name. */
  toolStates: Record<string, unknown>;
  discoveries: Array<{ id: string; category: string; description: string; materials: string[]; confidence: number }>;
  /** Last turns, oldest first; `answer` is null for a question left unanswered. */
  conversation: Array<{ question: string; answer: string | null }>;
  summary: string | null;
  items: Array<{ key: string; value: unknown; kind: string }>;
  /** What the researcher set as the current focus; may be free text. */
  focus: string | null;
  relevantFindings: Array<{ sessionId: string; description: string; score: number }>;
}

export interface AnalystRequest {
  question: string;
  context: AnalystContext;
  /** Token budget for the whole query (all model calls); lowers the adapter's own cap. Offline ignores it. */
  maxTokens?: number;
  signal?: AbortSignal;
}

export type AnalystProgress =
  | { kind: 'tool_call'; tool: string; input: unknown }
  | { kind: 'tool_result'; tool: string; output: unknown; durationMs: number; error?: string }
  | { kind: 'text'; delta: string }
  | { kind: 'status'; message: string };

export interface ToolInvocation {
  tool: string;
  input: unknown;
  /** The tool's result; null when it failed. */
  output: unknown;
  durationMs: number;
  error?: string;
}

export interface AnalysedMaterial {
  formula: string;
  name?: string;
  /** Computed values (plain numbers/strings) and table values (`{ value, unit, conditions?, source }`). */
  properties: Record<string, unknown>;
  /** 'computed', or the citation of the curated-table entry the material was found in. */
  source: string;
  /** The first tool invocation of this query that produced it, when one did. */
  toolInvocationIndex?: number;
}

export interface DetectedDiscovery {
  category: DiscoveryCategory;
  description: string;
  materials: string[];
  /** 0..1; the session keeps those at or above its configured minimum. */
  confidence: number;
  evidence: { text?: string; toolInvocationIndexes: number[] };
}

export interface AnalystUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export interface AnalystResult {
  text: string;
  /**
   * Structured facts behind the text. Both adapters fill at least `intent`, `subjects` (formulas the
   * answer is about, the main one first), `facts` (computed and tabulated values per subject) and
   * `sources` (citations used).
   */
  analysis: Record<string, unknown>;
  model: string;
  offline: boolean;
  usage: AnalystUsage;
  latencyMs: number;
  toolInvocations: ToolInvocation[];
  /** New state of each tool used in this query (tools not used are absent: keep their old state). */
  toolStates: Record<string, unknown>;
  /**
   * Every material analysed or named, in the order a session should record them: the subject of
   * the question comes last, so that it becomes the session's most recent material and the next
   * "What about its …?" refers to it.
   */
  materials: AnalysedMaterial[];
  discoveries: DetectedDiscovery[];
}

export interface SummaryResult {
  text: string;
  model: string;
  offline: boolean;
}

export interface Analyst {
  readonly name: string;
  analyse(request: AnalystRequest, onProgress?: (progress: AnalystProgress) => void): Promise<AnalystResult>;
  summarise(turns: Array<{ question: string; answer: string | null }>, maxWords?: number): Promise<SummaryResult>;
}

export type AnalystErrorReason = 'timeout' | 'rate_limited' | 'connection' | 'server_error' | 'auth' | 'bad_request' | 'aborted' | 'invalid_response' | 'unknown';

const RETRYABLE: Record<AnalystErrorReason, boolean> = {
  timeout: true,
  rate_limited: true,
  connection: true,
  server_error: true,
  auth: false,
  bad_request: false,
  aborted: false,
  invalid_response: false,
  unknown: false,
};

/**
 * An analysis that could not be completed. `retryable` tells the session whether asking again
 * later may succeed (it records `QueryFailed` either way). Messages never carry credentials.
 */
export class AnalystError extends Error {
  readonly retryable: boolean;

  constructor(
    readonly reason: AnalystErrorReason,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'AnalystError';
    this.retryable = RETRYABLE[reason];
  }
}

/** An empty context, for a session's first question and for tests. */
export function emptyContext(overrides: Partial<AnalystContext> = {}): AnalystContext {
  return {
    recentMaterials: [],
    activeTools: [],
    toolStates: {},
    discoveries: [],
    conversation: [],
    summary: null,
    items: [],
    focus: null,
    relevantFindings: [],
    ...overrides,
  };
}
