// The workspace's own parts: context items and settings, focus, hypotheses, tasks.
export type * from './commands.js';
export type * from './events.js';
export { CONTEXT_CONFIG_CHECKS, decideWorkspace } from './decide.js';
export { evolveWorkspace } from './evolve.js';
