// A session's agent items: the memory of an agent framework's session (OpenAI Agents SDK), kept as events.
export * from './agent-items.events.js';
export * from './agent-items.decider.js';
