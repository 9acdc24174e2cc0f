// The core of a session as the library shows it: the state's shape, the commands and events of
// every slice in one union each, the composed decider, stream names, access, and the shared
// checks the API names. (Slices import the core's files they need directly.)
export * from './access.js';
export * from './permissions.js';
export * from './changes.js';
export * from './items.js';
export * from './view.js';
export * from './snapshot.js';
export * from './commands.js';
export * from './compare.js';
export * from './counts.js';
export * from './decide.js';
export * from './decider.js';
export * from './events.js';
export * from './evolve.js';
export { isSessionEventType, SESSION_EVENT_TYPES } from './slices.js';
export * from './state.js';
export * from './stream.js';
export {
  CHECKPOINT_NAME_PATTERN,
  CONTEXT_KEY_PATTERN,
  ID_PATTERN,
  LIMITS as SESSION_LIMITS,
  METADATA_KEY_PATTERN,
  TOOL_NAME_PATTERN,
  requireInstant,
} from './validation.js';
