// Session hygiene: clean up old context, compress the history, archive completed tasks.
export type * from './commands.js';
export type * from './events.js';
export { compressionRange, cutoffBefore } from './decide.js';
export { hygieneSlice } from './slice.js';
