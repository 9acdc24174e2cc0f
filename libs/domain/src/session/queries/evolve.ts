// evolve for the agent's events. Records keep the ids of the events behind them: a turn lists
// its tool calls and materials, a discovery its query and tool calls, and a link its discoveries
// (which list the link back).
import type { JsonValue } from '../../json.js';
import type { AgentEvent } from '../core/events.js';
import type { ConversationTurn, Discovery, Material, SessionState, Workspace } from '../core/state.js';

export function evolveAgent(state: SessionState, event: AgentEvent): SessionState {
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
    case 'DiscoveryDetected': {
      const { discoveryId, category, description, materials, confidence, evidence, at } = event.data;
      const discovery: Discovery = {
        id: discoveryId, category, description, materials, confidence, origin: 'detected', status: 'detected', tags: [],
        evidence: { queryId: evidence.queryId, invocationIds: evidence.invocationIds, detail: evidence.text ?? null }, linkIds: [], review: null, at,
      };
      return workspace(state, { discoveries: [...ws.discoveries, discovery] });
    }
    case 'DiscoveryRecorded': {
      const { discoveryId, category, description, materials, confidence, evidence, queryId, at } = event.data;
      // A manual discovery that names its query is backed by that query's tool calls too.
      const invocationIds = ws.conversation.find((t) => t.id === queryId)?.toolInvocationIds ?? [];
      const discovery: Discovery = {
        id: discoveryId, category, description, materials, confidence, origin: 'recorded', status: 'recorded', tags: [],
        evidence: { queryId: queryId ?? null, invocationIds, detail: evidence }, linkIds: [], review: null, at,
      };
      return workspace(state, { discoveries: [...ws.discoveries, discovery] });
    }
    case 'DiscoveriesConfigured': {
      const { at: _at, ...changes } = event.data;
      return workspace(state, { discoveryConfig: { ...ws.discoveryConfig, ...changes } });
    }
    case 'DiscoveriesLinked': {
      const { linkId, discoveryIds, relationship, notes, at } = event.data;
      const discoveryLinks = [...ws.discoveryLinks, { id: linkId, discoveryIds, relationship, notes: notes ?? null, at }];
      const discoveries = ws.discoveries.map((d) => (discoveryIds.includes(d.id) ? { ...d, linkIds: [...d.linkIds, linkId] } : d));
      return workspace(state, { discoveryLinks, discoveries });
    }
    case 'DiscoveryValidated': {
      const { discoveryId, note, at } = event.data;
      return workspace(state, { discoveries: updateDiscovery(ws, discoveryId, (d) => ({ ...d, status: 'validated', review: { note: note ?? null, at } })) });
    }
    case 'DiscoveryRejected': {
      const { discoveryId, reason, at } = event.data;
      return workspace(state, { discoveries: updateDiscovery(ws, discoveryId, (d) => ({ ...d, status: 'rejected', review: { note: reason ?? null, at } })) });
    }
    case 'DiscoveryTagged': {
      const { discoveryId, tags } = event.data;
      return workspace(state, { discoveries: updateDiscovery(ws, discoveryId, (d) => ({ ...d, tags: [...new Set([...d.tags, ...tags])] })) });
    }
    case 'HistorySummarised': {
      const { summaryId, throughQueryId, text, method, at } = event.data;
      return workspace(state, { summaries: [...ws.summaries, { id: summaryId, throughTurnId: throughQueryId, text, method, at }] });
    }
    case 'SessionSummaryGenerated': {
      const { summaryId, keyFindings, materialsOfInterest, nextSteps, model, at } = event.data;
      return workspace(state, { sessionSummaries: [...ws.sessionSummaries, { id: summaryId, keyFindings, materialsOfInterest, nextSteps, model, at }] });
    }
    default: {
      const _never: never = event;
      throw new Error(`Unknown agent event ${JSON.stringify(_never)}`);
    }
  }
}

function workspace(state: SessionState, changes: Partial<Workspace>): SessionState {
  return { ...state, workspace: { ...state.workspace, ...changes } };
}

// The turn an event changes is nearly always the last one: find it from the end and copy the
// list once, so folding a long session does not copy its whole conversation for every event.
function updateLast<T extends { id: string }>(items: readonly T[], id: string, change: (item: T) => T): T[] {
  const i = items.findLastIndex((item) => item.id === id);
  return i < 0 ? (items as T[]) : items.with(i, change(items[i]!));
}

const updateTurn = (ws: Workspace, id: string, change: (t: ConversationTurn) => ConversationTurn): ConversationTurn[] => updateLast(ws.conversation, id, change);

const updateDiscovery = (ws: Workspace, id: string, change: (d: Discovery) => Discovery): Discovery[] => updateLast(ws.discoveries, id, change);

function withToolState(states: Record<string, JsonValue>, tool: string, value: JsonValue): Record<string, JsonValue> {
  const { [tool]: _old, ...rest } = states;
  return value === null ? rest : { ...rest, [tool]: value };
}

type Analysed = Extract<AgentEvent, { type: 'MaterialAnalysed' }>['data'];

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
