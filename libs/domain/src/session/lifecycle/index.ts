// The session's life and governance: created (from a template too), started, paused, resumed,
// archived, renamed, its metadata; and how it came to be (seeded, imported).
export type * from './commands.js';
export type * from './events.js';
export { lifecycleSlice } from './slice.js';
