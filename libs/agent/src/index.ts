export * from './tools/index.js';
export * from './analyst/index.js';
