// The session's life and governance: created (from a template too), started, paused, resumed,
// archived, renamed, its metadata; and how it came to be (seeded, imported).
export type * from './commands.js';
export type * from './events.js';
export { actionOf, ALLOWED_STATUSES, assertStatusAllows, decideCreate, decideGovernance, decideLifecycle } from './decide.js';
export { evolveLifecycle } from './evolve.js';
export { requireParameters, type SeededEvent, type SeedFold } from './seed.js';
