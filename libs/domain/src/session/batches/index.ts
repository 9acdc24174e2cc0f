// Batch sessions: a list of materials analysed one query each, progress as events, resumable.
export type * from './commands.js';
export type * from './events.js';
export { BATCH_EVENT_TYPES } from './events.js';
export { BATCH_LIMITS, batchOf, NoBatch, requirePlannedItems } from './decide.js';
export * from './progress.js';
export { batchesSlice } from './slice.js';
