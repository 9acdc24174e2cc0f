export * from './errors.js';
export * from './json.js';
export * from './users/user.events.js';
export * from './users/user.decider.js';
export * from './session/session.state.js';
export * from './session/session.events.js';
export * from './session/session.commands.js';
export * from './session/session.evolve.js';
export * from './session/session.decide.js';
export { actionOf, ALLOWED_STATUSES, assertStatusAllows } from './session/session.decide.lifecycle.js';
export { findCheckpoint, latestCheckpoint, listCheckpoints } from './session/session.decide.checkpoints.js';
export * from './session/session.decider.js';
export * from './session/session.access.js';
export * from './session/session.stream.js';
export * from './session/session.time-travel.js';
export * from './session/session.concurrency.js';
export * from './session/session.export.js';
export * from './session/session.context.js';
export * from './session/session.analytics.js';
export * from './session/session.branch.js';
export { assertBranchAllows } from './session/session.decide.branches.js';
export { compressionRange, cutoffBefore } from './session/session.decide.hygiene.js';
export { applyWorkspaceChanges } from './session/session.evolve.branches.js';
export { isEmptyChanges, mergeWorkspaces, newPendingTurns, type MergeResult } from './session/session.merge.js';
export { sameContent, sameIgnoringTimes } from './session/session.compare.js';
export { carriedCounts, workspaceCounts, type WorkspaceCounts } from './session/session.counts.js';
export * from './template/template.state.js';
export * from './template/template.events.js';
export * from './template/template.decider.js';
export * from './template/template.content.js';
export * from './template/template.instantiate.js';
export * from './template/template.built-in.js';
export { passesDiscoverySettings } from './session/session.decide.queries.js';
export { TOOL_NAME_PATTERN } from './session/session.validation.agent.js';
export {
  CHECKPOINT_NAME_PATTERN,
  CONTEXT_KEY_PATTERN,
  ID_PATTERN,
  LIMITS as SESSION_LIMITS,
  METADATA_KEY_PATTERN,
} from './session/session.validation.js';
export * from './upcasters.js';
