// Scheduled saving: autosave, research checkpoints by period, the end of a research session.
export type * from './commands.js';
export type * from './events.js';
export { MAX_AUTOSAVE_MINUTES } from './decide.js';
export * from './periods.js';
export { schedulesSlice } from './slice.js';
