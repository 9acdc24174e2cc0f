// Session hygiene: clean up old context, compress the history, archive completed tasks.
export type * from './commands.js';
export type * from './events.js';
export { compressionRange, cutoffBefore, decideHygiene } from './decide.js';
export { evolveHygiene } from './evolve.js';
