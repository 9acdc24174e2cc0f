// The events of queries: the question, tool calls and tool states, materials, the answer or the
// failure. The answer and the tool outputs are facts recorded here, so replay never calls the AI
// again. Stored names: rename nothing, add new types instead.
import type { DomainEvent } from '@crystalyse/event-store';
import type { JsonObject, JsonValue } from '../../json.js';
import type { TokenUsage } from '../core/state.js';

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

export type QueryEvent =
  | QueryAsked
  | ToolInvoked
  | ToolStateChanged
  | MaterialAnalysed
  | QueryAnswered
  | QueryFailed;
