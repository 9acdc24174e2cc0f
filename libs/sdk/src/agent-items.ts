// A session's agent items: the conversation memory an agent framework keeps for the session (the
// OpenAI Agents SDK's Session; see libs/openai-agents). One REST call per method. The items are a
// list the framework appends to, pops and clears; the server records each of those as an event
// and deletes nothing, so the full exchange stays in the log. Get one with `session.agentItems()`.
import type { HttpClient } from './http-client.js';
import type { JsonObject } from './types.js';

export interface AgentItemRecord {
  /** The item's number in the order added, never reused. */
  seq: number;
  item: JsonObject;
  addedAt: string;
}

export interface AgentItemsList {
  sessionId: string;
  /** Revision of the session's agent-items stream (-1: nothing recorded yet). */
  revision: number;
  /** Items in the list now (not only those returned). */
  total: number;
  items: AgentItemRecord[];
}

export interface AgentItemsChange {
  sessionId: string;
  revision: number;
  position: string;
  /** The events recorded: empty when nothing changed (a pop or clear of an empty list). */
  events: string[];
  replayed: boolean;
  total: number;
}

export class AgentItems {
  /** Made by Session.agentItems(). */
  constructor(private readonly http: HttpClient, readonly sessionId: string) {}

  private get path(): string {
    return `/sessions/${encodeURIComponent(this.sessionId)}/agent-items`;
  }

  /** The items in the list, oldest first; with `limit`, the latest that many. */
  list(limit?: number): Promise<AgentItemsList> {
    return this.http.get<AgentItemsList>(this.path, limit === undefined ? {} : { query: { limit } });
  }

  async add(items: JsonObject[]): Promise<AgentItemsChange & { firstSeq: number | null }> {
    return (await this.http.command<AgentItemsChange & { firstSeq: number | null }>('POST', this.path, { body: { items } })).body;
  }

  /** Takes the latest item off the list and returns it (null when the list was empty). */
  async pop(): Promise<AgentItemsChange & { popped: { seq: number; item: JsonObject } | null }> {
    return (await this.http.command<AgentItemsChange & { popped: { seq: number; item: JsonObject } | null }>('POST', `${this.path}/pop`, { body: {} })).body;
  }

  /** Empties the list; returns how many items it held. */
  async clear(): Promise<AgentItemsChange & { cleared: number }> {
    return (await this.http.command<AgentItemsChange & { cleared: number }>('POST', `${this.path}/clear`, { body: {} })).body;
  }
}
