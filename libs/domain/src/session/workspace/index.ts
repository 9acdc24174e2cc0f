// The workspace's own parts: context items and settings, focus, hypotheses, tasks.
export type * from './commands.js';
export type * from './events.js';
export { workspaceSlice } from './slice.js';
