// The decider of a session's agent items: the list is what was added less what was popped or
// cleared, each item numbered in the order added (its `seq`, never reused). Popping or clearing an
// empty list changes nothing and records nothing.
import type { Decider } from '@crystalyse/event-store';
import { ValidationError } from '../errors.js';
import { isPlainObject, jsonProblem, type JsonObject } from '../json.js';
import { requireList } from '../session/core/validation.js';
import { AGENT_ITEM_LIMITS, type AgentItemsCommand, type AgentItemsEvent } from './agent-items.events.js';

export interface AgentItem {
  seq: number;
  item: JsonObject;
  addedAt: string;
}

export interface AgentItemsState {
  /** The items in the list, oldest first. */
  items: AgentItem[];
  /** The seq the next item added gets. */
  nextSeq: number;
}

export const initialAgentItemsState = (): AgentItemsState => ({ items: [], nextSeq: 0 });

/** An item as an agent framework writes one: a JSON object with a `type` or a `role`. */
function requireItem(field: string, value: unknown): JsonObject {
  if (!isPlainObject(value)) throw new ValidationError(field, `${field} must be an object`);
  const problem = jsonProblem(value, AGENT_ITEM_LIMITS.depth);
  if (problem) throw new ValidationError(field, `${field} ${problem}`);
  if (typeof value.type !== 'string' && typeof value.role !== 'string') {
    throw new ValidationError(field, `${field} must have a type or a role (an agent input item)`);
  }
  return value as JsonObject;
}

export function decideAgentItems(command: AgentItemsCommand, state: AgentItemsState): AgentItemsEvent[] {
  const { at } = command.data;
  switch (command.type) {
    case 'AddAgentItems': {
      const items = requireList('items', command.data.items, AGENT_ITEM_LIMITS.perAdd, 1).map((item, i) => requireItem(`items[${i}]`, item));
      return [{ type: 'AgentItemsAdded', data: { firstSeq: state.nextSeq, items, at } }];
    }
    case 'PopAgentItem': {
      const last = state.items[state.items.length - 1];
      return last ? [{ type: 'AgentItemPopped', data: { seq: last.seq, item: last.item, at } }] : [];
    }
    case 'ClearAgentItems': {
      if (state.items.length === 0) return [];
      return [{ type: 'AgentItemsCleared', data: { throughSeq: state.nextSeq - 1, count: state.items.length, at } }];
    }
    default: {
      const _never: never = command;
      throw new Error(`Unknown agent items command ${JSON.stringify(_never)}`);
    }
  }
}

export function evolveAgentItems(state: AgentItemsState, event: AgentItemsEvent): AgentItemsState {
  switch (event.type) {
    case 'AgentItemsAdded': {
      const { firstSeq, items, at } = event.data;
      return { items: [...state.items, ...items.map((item, i) => ({ seq: firstSeq + i, item, addedAt: at }))], nextSeq: firstSeq + items.length };
    }
    case 'AgentItemPopped':
      return { ...state, items: state.items.filter((entry) => entry.seq !== event.data.seq) };
    case 'AgentItemsCleared':
      return { ...state, items: state.items.filter((entry) => entry.seq > event.data.throughSeq) };
    default:
      // An event type this version does not know changes nothing (a newer writer's).
      return state;
  }
}

export const agentItemsDecider: Decider<AgentItemsCommand, AgentItemsEvent, AgentItemsState> = {
  initialState: initialAgentItemsState,
  decide: decideAgentItems,
  evolve: evolveAgentItems,
};
