// Queries. The question is recorded first (QueryAsked); the application then runs the analyst
// and records what came back in one RecordAnswer: the tool calls, the tool states that changed,
// the materials, the answer, and the proposed discoveries that pass the session's discovery
// settings (that filter is a decision, so it is made here, not by the analyst).
import { NotFound, QueryNotPending, ValidationError } from '../../errors.js';
import { deepEqual, isPlainObject, ownValue } from '../../json.js';
import { DISCOVERY_CATEGORIES, type ConversationTurn, type DiscoveryConfig, type SessionState, type Workspace } from '../core/state.js';
import {
  claimable,
  claimId,
  type IdSet,
  LIMITS,
  optionalText,
  requireBoolean,
  requireConfidence,
  requireId,
  requireIdList,
  requireList,
  requireOneOf,
  requireText,
  requireTextList,
  requireToolName,
} from '../core/validation.js';
import type { DetectedEvidence, DiscoveryDetected } from '../discoveries/index.js';
import type { SessionStarted } from '../lifecycle/index.js';
import type { MaterialInput, QueryCommand, RecordAnswer } from './commands.js';
import type { QueryEvent } from './events.js';
import { requireAnswer, requireInvocation, requireMaterial, requireToolState } from './validation.js';

/** What a query command records: its own events, the start of a created session, the discoveries an answer brings. */
export type QueryDecision = QueryEvent | SessionStarted | DiscoveryDetected;

export function decideQuery(command: QueryCommand, state: SessionState): QueryDecision[] {
  const { at } = command.data;
  const ws = state.workspace;
  switch (command.type) {
    case 'AskQuery': {
      const queryId = requireId('queryId', command.data.queryId);
      const text = requireText('text', command.data.text, LIMITS.queryText);
      claimId('queryId', queryId, claimable(ws.conversation), 'query');
      const asked: QueryDecision = { type: 'QueryAsked', data: { queryId, text, at } };
      // The seed's diagram: a created session becomes active on its first question. Not from a
      // branch: the session's status is the session's to change (a branch only reads it).
      return state.governance.status === 'created' && state.branch === null ? [{ type: 'SessionStarted', data: { at } }, asked] : [asked];
    }
    case 'RecordAnswer':
      return decideAnswer(command, state);
    case 'FailQuery': {
      const turn = pendingTurn(ws, command.data.queryId, 'fail');
      const reason = requireText('reason', command.data.reason, LIMITS.notes);
      const retryable = requireBoolean('retryable', command.data.retryable);
      return [{ type: 'QueryFailed', data: { queryId: turn.id, reason, retryable, at } }];
    }
    case 'RecordToolInvocation': {
      const invocation = requireInvocation('', command.data);
      claimId('invocationId', invocation.invocationId, claimable(ws.toolInvocations), 'tool invocation');
      const invoked: QueryDecision = { type: 'ToolInvoked', data: { ...invocation, queryId: null, at } };
      if (command.data.toolState === undefined) return [invoked];
      return [invoked, ...toolStateChange('toolState', invocation.tool, command.data.toolState, ws, at)];
    }
    default: {
      const _never: never = command;
      throw new Error(`Unknown query command ${JSON.stringify(_never)}`);
    }
  }
}

function pendingTurn(ws: Workspace, rawId: unknown, action: 'answer' | 'fail'): ConversationTurn {
  const queryId = requireId('queryId', rawId);
  const turn = ws.conversation.get(queryId);
  if (!turn) throw new NotFound('query', queryId);
  if (turn.status !== 'pending') throw new QueryNotPending(queryId, turn.status, action);
  return turn;
}

function toolStateChange(field: string, tool: string, raw: unknown, ws: Workspace, at: string): QueryDecision[] {
  const state = requireToolState(field, raw);
  // An absent state and a null one are the same: null forgets the tool's state.
  return deepEqual(ownValue(ws.toolStates, tool) ?? null, state) ? [] : [{ type: 'ToolStateChanged', data: { tool, state, at } }];
}

function decideAnswer(command: RecordAnswer, state: SessionState): QueryDecision[] {
  const { at } = command.data;
  const ws = state.workspace;
  const queryId = pendingTurn(ws, command.data.queryId, 'answer').id;
  const answer = requireAnswer('answer', command.data.answer);

  const invocations = requireList('toolInvocations', command.data.toolInvocations ?? [], LIMITS.perAnswer)
    .map((raw, i) => requireInvocation(`toolInvocations[${i}]`, raw));
  const known = claimable(ws.toolInvocations);
  invocations.forEach((inv, i) => claimId(`toolInvocations[${i}].invocationId`, inv.invocationId, known, 'tool invocation'));
  const invoked: QueryDecision[] = invocations.map((inv) => ({ type: 'ToolInvoked', data: { ...inv, queryId, at } }));

  const rawStates: unknown = command.data.toolStates ?? {};
  if (!isPlainObject(rawStates)) throw new ValidationError('toolStates', 'toolStates must be an object of tool name → state');
  if (Object.keys(rawStates).length > LIMITS.perAnswer) throw new ValidationError('toolStates', `toolStates may name at most ${LIMITS.perAnswer} tools`);
  const stateChanges = Object.entries(rawStates).flatMap(([tool, raw]) =>
    toolStateChange(`toolStates.${tool}`, requireToolName('toolStates', tool), raw, ws, at));

  const materials = requireList('materials', command.data.materials ?? [], LIMITS.perAnswer).map((raw, i) => {
    const material = requireMaterial(`materials[${i}]`, raw);
    if (material.invocationId !== undefined && !known.has(material.invocationId)) {
      throw new ValidationError(`materials[${i}].invocationId`, `materials[${i}].invocationId names no tool call of this session`);
    }
    return material;
  });
  const analysed: QueryDecision[] = mergeRepeats(materials).map((m) => ({ type: 'MaterialAnalysed', data: { ...m, queryId, at } }));

  const answered: QueryDecision = { type: 'QueryAnswered', data: { queryId, ...answer, at } };
  const detected = detectedDiscoveries(command.data.discoveries ?? [], ws, { queryId, invocationIds: invocations.map((i) => i.invocationId), known }, at);
  return [...invoked, ...stateChanges, ...analysed, answered, ...detected];
}

/** One event per formula: a repeat merges into the first and moves to where it was last given. */
function mergeRepeats(materials: MaterialInput[]): MaterialInput[] {
  const merged = new Map<string, MaterialInput>();
  for (const m of materials) {
    const before = merged.get(m.formula);
    merged.delete(m.formula);
    merged.set(m.formula, before ? { ...before, ...m, properties: { ...before.properties, ...m.properties } } : m);
  }
  return [...merged.values()];
}

interface AnswerRefs {
  queryId: string;
  invocationIds: string[];
  /** Every invocation id of the session, this answer's included. */
  known: IdSet;
}

function detectedDiscoveries(raw: unknown, ws: Workspace, refs: AnswerRefs, at: string): QueryDecision[] {
  const taken = claimable(ws.discoveries);
  return requireList('discoveries', raw, LIMITS.perAnswer).flatMap((item, i): QueryDecision[] => {
    const field = `discoveries[${i}]`;
    if (!isPlainObject(item)) throw new ValidationError(field, `${field} must be an object`);
    const discoveryId = requireId(`${field}.discoveryId`, item.discoveryId);
    claimId(`${field}.discoveryId`, discoveryId, taken, 'discovery');
    const category = requireOneOf(`${field}.category`, item.category, DISCOVERY_CATEGORIES);
    const description = requireText(`${field}.description`, item.description, LIMITS.statement);
    const materials = requireTextList(`${field}.materials`, item.materials ?? [], { maxChars: LIMITS.formula, unique: true });
    const confidence = requireConfidence(`${field}.confidence`, item.confidence);
    const evidence = detectedEvidence(`${field}.evidence`, item.evidence, refs);
    if (!passesDiscoverySettings(ws.discoveryConfig, category, confidence)) return [];
    return [{ type: 'DiscoveryDetected', data: { discoveryId, category, description, materials, confidence, evidence, at } }];
  });
}

function detectedEvidence(field: string, raw: unknown, refs: AnswerRefs): DetectedEvidence {
  const given = raw ?? {};
  if (!isPlainObject(given)) throw new ValidationError(field, `${field} must be an object`);
  const invocationIds = given.invocationIds === undefined ? refs.invocationIds : requireIdList(`${field}.invocationIds`, given.invocationIds, LIMITS.perAnswer);
  const unknown = invocationIds.findIndex((id) => !refs.known.has(id));
  if (unknown >= 0) throw new ValidationError(`${field}.invocationIds[${unknown}]`, `${field}.invocationIds[${unknown}] names no tool call of this session`);
  const text = optionalText(`${field}.text`, given.text, LIMITS.evidenceChars);
  return { queryId: refs.queryId, invocationIds: [...new Set(invocationIds)], ...(text ? { text } : {}) };
}

/** Whether the session's discovery settings keep a proposed discovery. */
export const passesDiscoverySettings = (config: DiscoveryConfig, category: DiscoveryConfig['categories'][number], confidence: number): boolean =>
  config.autoDetect && confidence >= config.minConfidence && config.categories.includes(category);
