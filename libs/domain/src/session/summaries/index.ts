// Summaries: of the history (what the working context shows of older turns) and of the session.
export type * from './commands.js';
export type * from './events.js';
export { summarisedThrough } from './decide.js';
export { summariesSlice } from './slice.js';
