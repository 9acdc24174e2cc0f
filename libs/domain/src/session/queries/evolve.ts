// evolve for queries. Records keep the ids of the events behind them: a turn lists its tool calls
// and materials, a tool call its query.
import type { JsonValue } from '../../json.js';
import { put, set, type Change } from '../core/changes.js';
import type { ConversationTurn, Material, SessionState } from '../core/state.js';
import type { QueryEvent } from './events.js';

export function evolveQuery(state: SessionState, event: QueryEvent): Change[] {
  const ws = state.workspace;
  const turn = (queryId: string, change: (t: ConversationTurn) => ConversationTurn): Change[] => {
    const current = ws.conversation.get(queryId);
    return current ? [put('workspace.conversation', queryId, change(current))] : [];
  };
  switch (event.type) {
    case 'QueryAsked': {
      const { queryId, text, at } = event.data;
      return [put('workspace.conversation', queryId, {
        id: queryId, question: text, answer: null, status: 'pending', askedAt: at, answeredAt: null, analysis: null,
        model: null, usage: null, latencyMs: null, offline: null, failure: null, toolInvocationIds: [], materials: [],
      })];
    }
    case 'ToolInvoked': {
      const { invocationId, tool, queryId, durationMs, error, at } = event.data;
      const record = put('workspace.toolInvocations', invocationId, { id: invocationId, tool, queryId, durationMs, failed: error !== undefined, at });
      return queryId === null ? [record] : [record, ...turn(queryId, (t) => ({ ...t, toolInvocationIds: [...t.toolInvocationIds, invocationId] }))];
    }
    case 'ToolStateChanged':
      return [set('workspace.toolStates', withToolState(ws.toolStates, event.data.tool, event.data.state))];
    case 'MaterialAnalysed': {
      const { formula, queryId } = event.data;
      // One entry per formula, kept in the order last seen: the most recent material is the last one.
      const material = put('workspace.materials', formula, seen(ws.materials.get(formula), event.data), { moveToEnd: true });
      return [material, ...turn(queryId, (t) => (t.materials.includes(formula) ? t : { ...t, materials: [...t.materials, formula] }))];
    }
    case 'QueryAnswered': {
      const { queryId, text, analysis, model, usage, latencyMs, offline, at } = event.data;
      return turn(queryId, (t) => ({ ...t, status: 'answered', answer: text, answeredAt: at, analysis, model, usage, latencyMs, offline }));
    }
    case 'QueryFailed': {
      const { queryId, reason, retryable, at } = event.data;
      return turn(queryId, (t) => ({ ...t, status: 'failed', failure: { reason, retryable, at } }));
    }
    default: {
      const _never: never = event;
      throw new Error(`Unknown query event ${JSON.stringify(_never)}`);
    }
  }
}

function withToolState(states: Record<string, JsonValue>, tool: string, value: JsonValue): Record<string, JsonValue> {
  const { [tool]: _old, ...rest } = states;
  return value === null ? rest : { ...rest, [tool]: value };
}

type Analysed = Extract<QueryEvent, { type: 'MaterialAnalysed' }>['data'];

function seen(before: Material | undefined, analysed: Analysed): Material {
  return {
    id: analysed.formula,
    formula: analysed.formula,
    name: analysed.name ?? before?.name ?? null,
    properties: { ...before?.properties, ...analysed.properties },
    source: analysed.source,
    mentions: (before?.mentions ?? 0) + 1,
    firstSeenAt: before?.firstSeenAt ?? analysed.at,
    lastSeenAt: analysed.at,
    lastQueryId: analysed.queryId,
  };
}
