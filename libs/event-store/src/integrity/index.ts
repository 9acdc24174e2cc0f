export * from './check-event-store-file.js';
export * from './check-command.js';
