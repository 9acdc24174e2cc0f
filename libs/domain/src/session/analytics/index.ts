// Analytics over a session's state: statistics and the offline session summary.
export * from './analytics.js';
