// evolve for queries. Records keep the ids of the events behind them: a turn lists its tool calls
// and materials, a tool call its query.
import type { JsonValue } from '../../json.js';
import type { ConversationTurn, Material, SessionState, Workspace } from '../core/state.js';
import { updateLast, updateWorkspace as workspace } from '../core/updates.js';
import type { QueryEvent } from './events.js';

export function evolveQuery(state: SessionState, event: QueryEvent): SessionState {
  const ws = state.workspace;
  switch (event.type) {
    case 'QueryAsked': {
      const { queryId, text, at } = event.data;
      const turn: ConversationTurn = {
        id: queryId, question: text, answer: null, status: 'pending', askedAt: at, answeredAt: null, analysis: null,
        model: null, usage: null, latencyMs: null, offline: null, failure: null, toolInvocationIds: [], materials: [],
      };
      return workspace(state, { conversation: [...ws.conversation, turn] });
    }
    case 'ToolInvoked': {
      const { invocationId, tool, queryId, durationMs, error, at } = event.data;
      const toolInvocations = [...ws.toolInvocations, { id: invocationId, tool, queryId, durationMs, failed: error !== undefined, at }];
      const conversation = queryId === null ? ws.conversation : updateTurn(ws, queryId, (t) => ({ ...t, toolInvocationIds: [...t.toolInvocationIds, invocationId] }));
      return workspace(state, { toolInvocations, conversation });
    }
    case 'ToolStateChanged':
      return workspace(state, { toolStates: withToolState(ws.toolStates, event.data.tool, event.data.state) });
    case 'MaterialAnalysed': {
      const { formula, queryId } = event.data;
      const conversation = updateTurn(ws, queryId, (t) => (t.materials.includes(formula) ? t : { ...t, materials: [...t.materials, formula] }));
      return workspace(state, { materials: withMaterial(ws.materials, event.data), conversation });
    }
    case 'QueryAnswered': {
      const { queryId, text, analysis, model, usage, latencyMs, offline, at } = event.data;
      const conversation = updateTurn(ws, queryId, (t) => ({ ...t, status: 'answered', answer: text, answeredAt: at, analysis, model, usage, latencyMs, offline }));
      return workspace(state, { conversation });
    }
    case 'QueryFailed': {
      const { queryId, reason, retryable, at } = event.data;
      return workspace(state, { conversation: updateTurn(ws, queryId, (t) => ({ ...t, status: 'failed', failure: { reason, retryable, at } })) });
    }
    default: {
      const _never: never = event;
      throw new Error(`Unknown query event ${JSON.stringify(_never)}`);
    }
  }
}

const updateTurn = (ws: Workspace, id: string, change: (t: ConversationTurn) => ConversationTurn): ConversationTurn[] => updateLast(ws.conversation, id, change);

function withToolState(states: Record<string, JsonValue>, tool: string, value: JsonValue): Record<string, JsonValue> {
  const { [tool]: _old, ...rest } = states;
  return value === null ? rest : { ...rest, [tool]: value };
}

type Analysed = Extract<QueryEvent, { type: 'MaterialAnalysed' }>['data'];

// One entry per formula, kept in the order last seen: the most recent material is the last one.
function withMaterial(materials: Material[], seen: Analysed): Material[] {
  const before = materials.find((m) => m.id === seen.formula);
  const material: Material = {
    id: seen.formula,
    formula: seen.formula,
    name: seen.name ?? before?.name ?? null,
    properties: { ...before?.properties, ...seen.properties },
    source: seen.source,
    mentions: (before?.mentions ?? 0) + 1,
    firstSeenAt: before?.firstSeenAt ?? seen.at,
    lastSeenAt: seen.at,
    lastQueryId: seen.queryId,
  };
  return [...materials.filter((m) => m.id !== seen.formula), material];
}
