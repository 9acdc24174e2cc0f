export * from './event-store-saver.js';
export * from './thread.events.js';
export * from './thread.streams.js';
export { threadDecider, type ThreadCommand, type ThreadHeads } from './thread.decider.js';
