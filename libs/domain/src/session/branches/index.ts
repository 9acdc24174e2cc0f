// Branches: fork, merge (three-way, into the parent), discard; and the reads around them.
export type * from './commands.js';
export * from './events.js';
export { findBranch } from './decide.js';
export { applyWorkspaceChanges } from './evolve.js';
export { isEmptyChanges, mergeWorkspaces, newPendingTurns, type MergeResult } from './merge.js';
export { branchBaseState, forkRevisionOf, listBranches, type ForkPoint } from './reads.js';
export { branchesSlice } from './slice.js';
