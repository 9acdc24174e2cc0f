// An agent framework's conversation items kept for a session (the `Session` memory of the OpenAI
// Agents SDK: messages, tool calls and their outputs, as the framework writes them). They are a
// stream of their own beside the session's, `agentitems-{sessionId}`: the framework's working
// memory, which it pops and clears as it goes, is not the research workspace that checkpoints,
// branches and merges carry, and its writes never contend with the session's. Access is the
// session's (read to list, write to change), checked by the API before any command.
//
// Nothing is deleted: a pop and a clear are events naming what left the list, and the items they
// took stay in the AgentItemsAdded events that brought them. Stored names: rename nothing.
import type { DomainEvent } from '@crystalyse/event-store';
import type { JsonObject } from '../json.js';

export const AGENT_ITEMS_STREAM_PREFIX = 'agentitems-';
export const agentItemsStream = (sessionId: string): string => `${AGENT_ITEMS_STREAM_PREFIX}${sessionId}`;

export const AGENT_ITEM_LIMITS = {
  /** Items one AddAgentItems may carry (the request body limit bounds their size). */
  perAdd: 1000,
  /** Nesting depth of one item. */
  depth: 32,
} as const;

interface At {
  at: string;
}

/** Items appended in order; the first is numbered `firstSeq`, the next `firstSeq + 1`... */
export type AgentItemsAdded = DomainEvent<'AgentItemsAdded', At & { firstSeq: number; items: JsonObject[] }>;
/** The latest item left the list (popItem); it is named and copied here, so the log says what was taken back. */
export type AgentItemPopped = DomainEvent<'AgentItemPopped', At & { seq: number; item: JsonObject }>;
/** Every item up to `throughSeq` left the list (clearSession); `count` of them were still in it. */
export type AgentItemsCleared = DomainEvent<'AgentItemsCleared', At & { throughSeq: number; count: number }>;

export type AgentItemsEvent = AgentItemsAdded | AgentItemPopped | AgentItemsCleared;
export const AGENT_ITEMS_EVENT_TYPES: readonly AgentItemsEvent['type'][] = ['AgentItemsAdded', 'AgentItemPopped', 'AgentItemsCleared'];

interface CommandBase {
  sessionId: string;
  actorId: string;
  at: string;
}

export type AddAgentItems = { type: 'AddAgentItems'; data: CommandBase & { items: unknown } };
export type PopAgentItem = { type: 'PopAgentItem'; data: CommandBase };
export type ClearAgentItems = { type: 'ClearAgentItems'; data: CommandBase };
export type AgentItemsCommand = AddAgentItems | PopAgentItem | ClearAgentItems;
