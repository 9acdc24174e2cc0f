// The shape of what a BranchMerged carries: the records a merge wrote into the parent's
// workspace, each as the state holds it. A merge is the one event an import cannot decide again
// (the branch's stream is not in the backup), so its data is checked record by record, with the
// limits of the commands that made the records: each record's slice says its shape (`records`
// of the slice).
import { json, list, MANY, nullable, object, oneOf, optional, record, RECORD_CHARS, text, toolName, type Check } from '../core/shapes.js';
import { LIMITS } from '../core/validation.js';
import { discoveriesSlice } from '../discoveries/index.js';
import { queriesSlice } from '../queries/index.js';
import { summariesSlice } from '../summaries/index.js';
import { workspaceSlice } from '../workspace/index.js';
import { MERGED_LISTS } from './events.js';

const RECORD_DEPTH = 12;

const many = (item: Check) => optional(list(item, MANY));

export const WORKSPACE_CHANGES = object({
  conversation: many(queriesSlice.records.conversation),
  materials: many(queriesSlice.records.materials),
  toolInvocations: many(queriesSlice.records.toolInvocations),
  discoveries: many(discoveriesSlice.records.discoveries),
  discoveryLinks: many(discoveriesSlice.records.discoveryLinks),
  sessionSummaries: many(summariesSlice.records.sessionSummaries),
  contextItems: many(workspaceSlice.records.contextItems),
  hypotheses: many(workspaceSlice.records.hypotheses),
  tasks: many(workspaceSlice.records.tasks),
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
