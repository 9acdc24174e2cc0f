// What a query answers: the recorded turn (question, answer, analysis), what the tools did, the
// materials and discoveries it produced, and the command bookkeeping (revision, position, events).
import type { SessionState } from '@crystalyse/domain';
import type { CommandResponse } from '../sessions/command-response.js';

export interface QueryOutcome extends CommandResponse {
  queryId: string;
  status: 'pending' | 'answered' | 'failed';
  question: string;
  answer: string | null;
  analysis: unknown;
  model: string | null;
  offline: boolean | null;
  usage: unknown;
  latencyMs: number | null;
  toolInvocations: Array<{ id: string; tool: string; durationMs: number; failed: boolean }>;
  materials: string[];
  discoveries: Array<{ id: string; category: string; description: string; confidence: number }>;
  failure: unknown;
}

export function queryOutcome(state: SessionState, queryId: string, last: CommandResponse): QueryOutcome {
  const ws = state.workspace;
  const turn = ws.conversation.find((t) => t.id === queryId);
  const invocations = ws.toolInvocations.filter((i) => i.queryId === queryId);
  const discoveries = ws.discoveries.filter((d) => d.evidence?.queryId === queryId);
  return {
    ...last,
    queryId,
    status: turn?.status ?? 'pending',
    question: turn?.question ?? '',
    answer: turn?.answer ?? null,
    analysis: turn?.analysis ?? null,
    model: turn?.model ?? null,
    offline: turn?.offline ?? null,
    usage: turn?.usage ?? null,
    latencyMs: turn?.latencyMs ?? null,
    toolInvocations: invocations.map((i) => ({ id: i.id, tool: i.tool, durationMs: i.durationMs, failed: i.failed })),
    materials: turn?.materials ?? [],
    discoveries: discoveries.map((d) => ({ id: d.id, category: d.category, description: d.description, confidence: d.confidence })),
    failure: turn?.failure ?? null,
  };
}
