// The queries slice as the core routes it. Every command here only records facts that already
// happened, under ids the caller generated, so each is always rebased: an answer is never lost to
// a conflict (it cost a model call), and the tool states and materials it writes are
// last-writer-wins. An answer in flight when the session was paused is still recorded.
import { ValidationError } from '../../errors.js';
import { ownValue } from '../../json.js';
import { one } from '../core/import-step.js';
import {
  bool, formula, id, instant, int, json, jsonObject, list, MANY, nullable, num, object, oneOf, optional, ORIGIN, RECORD_CHARS, text, toolName, USAGE,
  type Check,
} from '../core/shapes.js';
import type { Slice } from '../core/slice.js';
import { SETTLING, WORKING } from '../core/statuses.js';
import { LIMITS } from '../core/validation.js';
import type { QueryCommand, RecordAnswer } from './commands.js';
import { decideQuery, type QueryDecision } from './decide.js';
import type { QueryEvent } from './events.js';
import { evolveQuery } from './evolve.js';
import { answerStep, toolStep } from './import-steps.js';

// Lists a caller sends may be malformed; the paths are only as good as the ids in them.
const idsOf = (list: unknown, key: string): string[] =>
  Array.isArray(list) ? list.map((item) => String((item as Record<string, unknown> | null)?.[key])) : [];

function answerFields(command: RecordAnswer): string[] {
  const { queryId, toolInvocations, toolStates, materials, discoveries } = command.data;
  return [
    `workspace.conversation.${queryId}`,
    ...idsOf(toolInvocations, 'invocationId').map((id) => `workspace.toolInvocations.${id}`),
    ...Object.keys(toolStates ?? {}).map((tool) => `workspace.toolStates.${tool}`),
    ...idsOf(materials, 'formula').map((formula) => `workspace.materials.${formula}`),
    ...idsOf(discoveries, 'discoveryId').map((id) => `workspace.discoveries.${id}`),
  ];
}

// The records as the state holds them, for a merge that carries them (branches/changes.shape.ts).
// A merge never brings a question still pending: decide refuses that merge.
const TURN = object({
  id, question: text(LIMITS.queryText), answer: nullable(text(LIMITS.answerText)), status: oneOf(['answered', 'failed']),
  askedAt: instant, answeredAt: nullable(instant), analysis: nullable(jsonObject(LIMITS.analysisChars)), model: nullable(text(LIMITS.model)),
  usage: nullable(USAGE), latencyMs: nullable(num(0, LIMITS.durationMs)), offline: nullable(bool),
  failure: nullable(object({ reason: text(LIMITS.notes), retryable: bool, at: instant })),
  toolInvocationIds: list(id, MANY), materials: list(formula, MANY), origin: optional(ORIGIN),
});

const materialFields = object({
  id: formula, formula, name: nullable(text(LIMITS.name)), properties: jsonObject(RECORD_CHARS), source: text(LIMITS.source),
  mentions: int(1), firstSeenAt: instant, lastSeenAt: instant, lastQueryId: id, origin: optional(ORIGIN),
});
// A material is keyed by its formula: an id that differs would be a second entry for one material.
const MATERIAL: Check = (field, value) => {
  materialFields(field, value);
  const m = value as { id: string; formula: string };
  if (m.id !== m.formula) throw new ValidationError(`${field}.id`, `${field}.id must be the formula`);
};

const TOOL_INVOCATION = object({ id, tool: toolName, queryId: nullable(id), durationMs: num(0, LIMITS.durationMs), failed: bool, at: instant });

type Records = { readonly records: Readonly<Record<'conversation' | 'materials' | 'toolInvocations', Check>> };

export const queriesSlice: Slice<QueryCommand, QueryEvent, QueryDecision> & Records = {
  records: { conversation: TURN, materials: MATERIAL, toolInvocations: TOOL_INVOCATION },
  decide: decideQuery,
  evolve: evolveQuery,
  commands: {
    AskQuery: { statuses: WORKING, action: 'ask a query', fields: (c) => [`workspace.conversation.${c.data.queryId}`], commutative: true },
    RecordAnswer: { statuses: SETTLING, action: 'record an answer', fields: answerFields, commutative: true },
    FailQuery: { statuses: SETTLING, action: 'fail a query', fields: (c) => [`workspace.conversation.${c.data.queryId}`], commutative: true },
    RecordToolInvocation: {
      statuses: WORKING,
      action: 'record a tool invocation',
      fields: (c) => [
        `workspace.toolInvocations.${c.data.invocationId}`,
        ...(c.data.toolState === undefined ? [] : [`workspace.toolStates.${c.data.tool}`]),
      ],
      commutative: true,
    },
  },
  events: {
    QueryAsked: {
      shape: { queryId: id, text: text(LIMITS.queryText) },
      step: (e, base) => one({ type: 'AskQuery', data: { queryId: e.data.queryId, text: e.data.text } }, base),
    },
    ToolInvoked: {
      shape: {
        invocationId: id, tool: toolName, queryId: nullable(id), input: json(LIMITS.toolInputChars), output: json(LIMITS.toolOutputChars),
        durationMs: num(0, LIMITS.durationMs), error: optional(text(LIMITS.notes)),
      },
      step: (e, base, events, i) => (e.data.queryId === null ? toolStep(events, i, base) : answerStep(events, i, base)),
    },
    ToolStateChanged: { shape: { tool: toolName, state: json(LIMITS.toolStateChars) }, step: (_e, base, events, i) => answerStep(events, i, base) },
    MaterialAnalysed: {
      shape: {
        formula, name: optional(text(LIMITS.name)), properties: jsonObject(LIMITS.propertiesChars), source: text(LIMITS.source),
        queryId: id, invocationId: optional(id),
      },
      step: (_e, base, events, i) => answerStep(events, i, base),
    },
    QueryAnswered: {
      shape: {
        queryId: id, text: text(LIMITS.answerText), analysis: jsonObject(LIMITS.analysisChars), model: text(LIMITS.model), usage: USAGE,
        latencyMs: num(0, LIMITS.durationMs), offline: bool,
      },
      step: (_e, base, events, i) => answerStep(events, i, base),
    },
    QueryFailed: {
      shape: { queryId: id, reason: text(LIMITS.notes), retryable: bool },
      step: (e, base) => {
        const { queryId, reason, retryable } = e.data;
        return one({ type: 'FailQuery', data: { queryId, reason, retryable } }, base);
      },
    },
  },
  fields: {
    'workspace.conversation.': (s, k) => s.workspace.conversation.find((t) => t.id === k),
    'workspace.materials.': (s, k) => s.workspace.materials.find((m) => m.id === k),
    'workspace.toolStates.': (s, k) => ownValue(s.workspace.toolStates, k),
    'workspace.toolInvocations.': (s, k) => s.workspace.toolInvocations.find((t) => t.id === k),
  },
};
