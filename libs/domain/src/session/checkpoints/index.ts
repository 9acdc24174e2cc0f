// Checkpoints: named positions of the stream; restoring one puts the workspace back.
export type * from './commands.js';
export type * from './events.js';
export { findCheckpoint, latestCheckpoint, listCheckpoints, toChanges } from './decide.js';
export { changesSince, isWorkspacePart, restoreChanges } from './restore.js';
export { checkpointsSlice } from './slice.js';
