// Turns what the analyst returned into the facts RecordAnswer records. The analyst refers to its
// tool calls by index; the session needs ids, which are made here (an input to decide).
import type { AnalystResult } from '@crystalyse/agent';
import type { JsonObject, JsonValue, RecordAnswer } from '@crystalyse/domain';

type AnswerData = Omit<RecordAnswer['data'], 'sessionId' | 'actorId' | 'at'>;

/** Tool outputs are arbitrary JS values; events hold JSON only (no undefined, no class instances). */
export const toJson = <T extends JsonValue>(value: unknown): T => (value === undefined ? null : JSON.parse(JSON.stringify(value))) as T;

export function answerFacts(queryId: string, result: AnalystResult, newId: () => string): AnswerData {
  const invocationIds = result.toolInvocations.map(() => newId());
  const idOf = (index: number | undefined) => (index === undefined ? undefined : invocationIds[index]);
  return {
    queryId,
    toolInvocations: result.toolInvocations.map((call, i) => ({
      invocationId: invocationIds[i]!,
      tool: call.tool,
      input: toJson(call.input),
      output: toJson(call.output),
      durationMs: Math.round(call.durationMs),
      ...(call.error ? { error: call.error.slice(0, 2000) } : {}),
    })),
    toolStates: toJson<Record<string, JsonValue>>(result.toolStates),
    materials: result.materials.map((m) => ({
      formula: m.formula,
      ...(m.name ? { name: m.name } : {}),
      properties: toJson<JsonObject>(m.properties),
      source: m.source,
      ...(idOf(m.toolInvocationIndex) ? { invocationId: idOf(m.toolInvocationIndex)! } : {}),
    })),
    answer: {
      text: result.text,
      analysis: toJson<JsonObject>(result.analysis),
      model: result.model,
      usage: result.usage,
      latencyMs: Math.round(result.latencyMs),
      offline: result.offline,
    },
    discoveries: result.discoveries.map((d) => ({
      discoveryId: newId(),
      category: d.category,
      description: d.description,
      materials: d.materials,
      confidence: d.confidence,
      evidence: {
        invocationIds: d.evidence.toolInvocationIndexes.map((i) => invocationIds[i]).filter((id): id is string => id !== undefined),
        ...(d.evidence.text ? { text: d.evidence.text } : {}),
      },
    })),
  };
}
