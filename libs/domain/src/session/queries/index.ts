// Queries: the question, the analyst's tool calls, tool states, materials, the answer or the failure.
export type * from './commands.js';
export type * from './events.js';
export { decideQuery, passesDiscoverySettings, type QueryDecision } from './decide.js';
export { evolveQuery } from './evolve.js';
export { readStep, type Step } from './import-steps.js';
