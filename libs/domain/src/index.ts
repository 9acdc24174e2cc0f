export * from './errors.js';
export * from './json.js';
export * from './users/user.events.js';
export * from './users/user.decider.js';
export * from './session/core/state.js';
export * from './session/core/events.js';
export * from './session/core/commands.js';
export * from './session/core/evolve.js';
export * from './session/core/decide.js';
export { actionOf, ALLOWED_STATUSES, assertStatusAllows } from './session/lifecycle/decide.js';
export { findCheckpoint, latestCheckpoint, listCheckpoints } from './session/checkpoints/decide.js';
export * from './session/core/decider.js';
export * from './session/core/access.js';
export * from './session/core/stream.js';
export * from './session/time-travel/time-travel.js';
export * from './session/concurrency/concurrency.js';
export * from './session/export/export.js';
export * from './session/context/context.js';
export * from './session/analytics/analytics.js';
export * from './session/branches/reads.js';
export { assertBranchAllows } from './session/branches/decide.js';
export { compressionRange, cutoffBefore } from './session/hygiene/decide.js';
export { applyWorkspaceChanges } from './session/branches/evolve.js';
export { isEmptyChanges, mergeWorkspaces, newPendingTurns, type MergeResult } from './session/branches/merge.js';
export { sameContent, sameIgnoringTimes } from './session/core/compare.js';
export { carriedCounts, workspaceCounts, type WorkspaceCounts } from './session/core/counts.js';
export * from './template/template.state.js';
export * from './template/template.events.js';
export * from './template/template.decider.js';
export * from './template/template.content.js';
export * from './template/template.instantiate.js';
export * from './template/template.built-in.js';
export { passesDiscoverySettings } from './session/queries/decide.js';
export { TOOL_NAME_PATTERN } from './session/queries/validation.js';
export {
  CHECKPOINT_NAME_PATTERN,
  CONTEXT_KEY_PATTERN,
  ID_PATTERN,
  LIMITS as SESSION_LIMITS,
  METADATA_KEY_PATTERN,
} from './session/core/validation.js';
export * from './upcasters.js';
