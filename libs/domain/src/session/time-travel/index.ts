// Time travel: the state at a revision or an instant, diffs between states, and the same on branches.
export * from './time-travel.js';
export * from './branches.js';
