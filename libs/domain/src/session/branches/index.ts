// Branches: fork, merge (three-way, into the parent), discard; and the reads around them.
export type * from './commands.js';
export * from './events.js';
export { MERGE_RESOLUTION, WORKSPACE_CHANGES } from './changes.shape.js';
export { assertBranchAllows, decideBranch, findBranch } from './decide.js';
export { applyWorkspaceChanges, evolveBranch } from './evolve.js';
export { isEmptyChanges, mergeWorkspaces, newPendingTurns, type MergeResult } from './merge.js';
export { branchBaseState, forkRevisionOf, listBranches, type ForkPoint } from './reads.js';
