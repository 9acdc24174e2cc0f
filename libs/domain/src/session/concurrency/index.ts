// Optimistic concurrency at the level of fields: rebase a command, or name the fields in conflict.
export * from './concurrency.js';
