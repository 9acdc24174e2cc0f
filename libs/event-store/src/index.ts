export * from './event-store.port.js';
export * from './errors.js';
export * from './hash-chain.js';
export * from './upcasting.js';
export * from './command-handling/decider.js';
export * from './command-handling/handle.js';
export * from './command-handling/snapshots.js';
