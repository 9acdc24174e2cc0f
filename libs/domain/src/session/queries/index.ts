// Queries: the question, the analyst's tool calls, tool states, materials, the answer or the failure.
export type * from './commands.js';
export type * from './events.js';
export { passesDiscoverySettings } from './decide.js';
export { queriesSlice } from './slice.js';
