// The working context: what the analyst is given for the next question, and when the history is due for a summary.
export * from './context.js';
