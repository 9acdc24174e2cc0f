// The shape of what a BranchMerged carries: the records a merge wrote into the parent's
// workspace, each as the state holds it. A merge is the one event an import cannot decide again
// (the branch's stream is not in the backup), so its data is checked record by record, with the
// limits of the commands that made the records, and a merge never brings a question still
// pending (decide refuses that merge).
import { ValidationError } from '../../errors.js';
import { CONTEXT_KINDS, DISCOVERY_CATEGORIES, DISCOVERY_RELATIONSHIPS, DISCOVERY_STATUSES } from '../core/state.js';
import {
  bool, contextKey, formula, id, instant, int, json, jsonObject, list, MANY, nullable, num, object, oneOf, optional, record, text, toolName,
  USAGE, type Check,
} from '../core/shapes.js';
import { LIMITS } from '../core/validation.js';
import { discoveriesSlice } from '../discoveries/index.js';
import { workspaceSlice } from '../workspace/index.js';
import { MERGED_LISTS } from './events.js';

/** A record the state grew over many commands (a material's merged properties, a resolution's sides). */
const RECORD_CHARS = LIMITS.toolOutputChars;
const RECORD_DEPTH = 12;

const ORIGIN = object({ branchId: id });
const texts = list(text(LIMITS.listItem), LIMITS.listItems);

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

const DISCOVERY = object({
  id, category: oneOf(DISCOVERY_CATEGORIES), description: text(LIMITS.statement), materials: list(text(LIMITS.formula), LIMITS.listItems),
  confidence: num(0, 1), origin: oneOf(['detected', 'recorded']), status: oneOf(DISCOVERY_STATUSES), tags: list(text(LIMITS.tag), MANY),
  evidence: object({ queryId: nullable(id), invocationIds: list(id, MANY), detail: json(LIMITS.evidenceChars) }),
  linkIds: list(id, MANY), review: nullable(object({ note: nullable(text(LIMITS.notes)), at: instant })), at: instant,
});

const LINK = object({ id, discoveryIds: list(id, LIMITS.listItems, 2), relationship: oneOf(DISCOVERY_RELATIONSHIPS), notes: nullable(text(LIMITS.notes)), at: instant });
const SUMMARY = object({ id, keyFindings: texts, materialsOfInterest: texts, nextSteps: texts, model: text(LIMITS.model), at: instant });
const CONTEXT_ITEM = object({ key: contextKey, value: json(LIMITS.contextValueChars), kind: oneOf(CONTEXT_KINDS), addedAt: instant });
const HYPOTHESIS = object({ id, statement: text(LIMITS.statement), addedAt: instant });
const TASK = object({
  id, title: text(LIMITS.title), status: oneOf(['pending', 'completed']), addedAt: instant, completedAt: nullable(instant), archivedAt: optional(instant),
});

const many = (item: Check) => optional(list(item, MANY));

export const WORKSPACE_CHANGES = object({
  conversation: many(TURN),
  materials: many(MATERIAL),
  toolInvocations: many(TOOL_INVOCATION),
  discoveries: many(DISCOVERY),
  discoveryLinks: many(LINK),
  sessionSummaries: many(SUMMARY),
  contextItems: many(CONTEXT_ITEM),
  hypotheses: many(HYPOTHESIS),
  tasks: many(TASK),
  toolStates: optional(record(toolName, json(LIMITS.toolStateChars), MANY)),
  // Settings as the events that change them carry them: only those that change.
  contextConfig: optional(object(workspaceSlice.events.ContextConfigured.shape)),
  discoveryConfig: optional(object(discoveriesSlice.events.DiscoveriesConfigured.shape)),
  focus: optional(nullable(text(LIMITS.focus))),
  // Keys of removed items: ids, context keys or formulas.
  removed: optional(object(Object.fromEntries(MERGED_LISTS.map((part) => [part, many(text(LIMITS.name))])))),
});

const side = json(RECORD_CHARS, RECORD_DEPTH);
export const MERGE_RESOLUTION = object({ field: text(LIMITS.title), chosen: oneOf(['ours', 'theirs']), local: side, remote: side, base: optional(side) });
