// The data of every session event, as its command writes it: the fields, their types and the
// limits the command's validators apply. A record over SessionEventType, so a new event type
// cannot be imported before its shape is written down here.
import { requireTemplateName } from '../../template/template.state.js';
import { MERGE_RESOLUTION, WORKSPACE_CHANGES } from '../branches/index.js';
import type { SessionEventType } from '../core/events.js';
import { CONTEXT_KINDS, DISCOVERY_CATEGORIES, DISCOVERY_RELATIONSHIPS, MERGE_STRATEGIES, SESSION_TYPES, SUMMARY_METHODS } from '../core/state.js';
import { DISCOVERY_CONFIG_CHECKS } from '../discoveries/index.js';
import { requireParameters } from '../lifecycle/index.js';
import { CONTEXT_CONFIG_CHECKS } from '../workspace/index.js';
import {
  actor, bool, check, checkpointName, contextKey, formula, id, instant, int, json, jsonObject, list, MANY, nullable, num, object, oneOf, optional,
  settings, text, toolName, USAGE, type Check,
} from '../core/shapes.js';
import { LIMITS, METADATA_KEY_PATTERN, requireConfig, requireMetadata, requirePattern } from '../core/validation.js';

const metadataKey = check((f, v) => requirePattern(f, v, METADATA_KEY_PATTERN, 'a metadata key'));
const texts = (maxChars: number = LIMITS.listItem, min = 0) => list(text(maxChars), LIMITS.listItems, min);

type Fields = Record<string, Check>;

// What a merge or a restore carries of the workspace it leaves (core/counts.ts); checked
// against the fold too (a forged count would put the session list at odds with the state).
const COUNTS = object({ queries: int(), materials: int(), discoveries: int(), contextItems: int(), hypotheses: int(), tasks: int(), openTasks: int() });

const SHAPES: Readonly<Record<SessionEventType, Fields>> = {
  SessionCreated: {
    sessionId: id, ownerId: actor, sessionType: oneOf(SESSION_TYPES), name: text(LIMITS.name),
    metadata: check(requireMetadata), config: check(requireConfig),
  },
  SessionStarted: {},
  SessionPaused: { reason: optional(text(LIMITS.reason)) },
  SessionResumed: { from: oneOf(['paused', 'archived']) },
  SessionArchived: { reason: optional(text(LIMITS.reason)) },
  SessionRenamed: { name: text(LIMITS.name) },
  SessionMetadataUpdated: { set: check(requireMetadata), removed: list(metadataKey, LIMITS.metadataKeys) },
  // Settings events carry only the settings that changed.
  ContextConfigured: settings(CONTEXT_CONFIG_CHECKS),
  ContextItemAdded: { key: contextKey, value: json(LIMITS.contextValueChars), kind: oneOf(CONTEXT_KINDS) },
  ContextItemRemoved: { key: contextKey },
  ContextCleared: { kind: oneOf(CONTEXT_KINDS) },
  FocusSet: { focus: nullable(text(LIMITS.focus)) },
  HypothesisAdded: { hypothesisId: id, statement: text(LIMITS.statement) },
  TaskAdded: { taskId: id, title: text(LIMITS.title) },
  TaskCompleted: { taskId: id },
  ContextItemsExpired: { keys: list(contextKey, MANY, 1), before: instant },
  TasksArchived: { taskIds: list(id, MANY, 1) },
  CheckpointSaved: { name: checkpointName, revision: int(), savedBy: actor },
  CheckpointRestored: { name: checkpointName, revision: int(), trigger: oneOf(['restore', 'recover']), counts: optional(COUNTS) },
  SessionImported: { sourceSessionId: id, sourceRevision: int() },
  SessionSeededFromTemplate: { template: check(requireTemplateName), version: int(1), parameters: check(requireParameters) },
  QueryAsked: { queryId: id, text: text(LIMITS.queryText) },
  ToolInvoked: {
    invocationId: id, tool: toolName, queryId: nullable(id), input: json(LIMITS.toolInputChars), output: json(LIMITS.toolOutputChars),
    durationMs: num(0, LIMITS.durationMs), error: optional(text(LIMITS.notes)),
  },
  ToolStateChanged: { tool: toolName, state: json(LIMITS.toolStateChars) },
  MaterialAnalysed: {
    formula, name: optional(text(LIMITS.name)), properties: jsonObject(LIMITS.propertiesChars), source: text(LIMITS.source),
    queryId: id, invocationId: optional(id),
  },
  QueryAnswered: {
    queryId: id, text: text(LIMITS.answerText), analysis: jsonObject(LIMITS.analysisChars), model: text(LIMITS.model), usage: USAGE,
    latencyMs: num(0, LIMITS.durationMs), offline: bool,
  },
  QueryFailed: { queryId: id, reason: text(LIMITS.notes), retryable: bool },
  DiscoveryDetected: {
    discoveryId: id, category: oneOf(DISCOVERY_CATEGORIES), description: text(LIMITS.statement), materials: texts(LIMITS.formula),
    confidence: num(0, 1), evidence: object({ queryId: id, invocationIds: list(id, LIMITS.perAnswer), text: optional(text(LIMITS.evidenceChars)) }),
  },
  DiscoveriesConfigured: settings(DISCOVERY_CONFIG_CHECKS),
  DiscoveryRecorded: {
    discoveryId: id, category: oneOf(DISCOVERY_CATEGORIES), description: text(LIMITS.statement), materials: texts(LIMITS.formula),
    confidence: num(0, 1), evidence: json(LIMITS.evidenceChars), queryId: optional(id),
  },
  DiscoveriesLinked: { linkId: id, discoveryIds: list(id, LIMITS.listItems, 2), relationship: oneOf(DISCOVERY_RELATIONSHIPS), notes: optional(text(LIMITS.notes)) },
  DiscoveryValidated: { discoveryId: id, note: optional(text(LIMITS.notes)) },
  DiscoveryRejected: { discoveryId: id, reason: optional(text(LIMITS.notes)) },
  DiscoveryTagged: { discoveryId: id, tags: list(text(LIMITS.tag), LIMITS.tags, 1) },
  HistorySummarised: { summaryId: id, throughQueryId: id, text: text(LIMITS.summaryText), method: oneOf(SUMMARY_METHODS) },
  SessionSummaryGenerated: { summaryId: id, keyFindings: texts(), materialsOfInterest: texts(), nextSteps: texts(), model: text(LIMITS.model) },
  BranchCreated: { branchId: id, name: text(LIMITS.name), forkRevision: int(), fromCheckpoint: optional(checkpointName), createdBy: actor },
  BranchForked: { branchId: id, sessionId: id, name: text(LIMITS.name), parentStream: text(LIMITS.name), parentBranchId: nullable(id), forkRevision: int() },
  BranchMerged: {
    branchId: id, branchRevision: int(), strategy: oneOf(MERGE_STRATEGIES), changes: WORKSPACE_CHANGES, resolutions: list(MERGE_RESOLUTION, MANY),
    counts: optional(COUNTS),
  },
  BranchDiscarded: { branchId: id },
};

const CHECKS = Object.fromEntries(Object.entries(SHAPES).map(([type, fields]) => [type, object({ ...fields, at: instant })])) as Record<SessionEventType, Check>;

/** Checks an event's data against its type's shape; `field` names the data (`events[3].data`). */
export function checkEventShape(type: SessionEventType, field: string, data: unknown): void {
  CHECKS[type](field, data);
}
