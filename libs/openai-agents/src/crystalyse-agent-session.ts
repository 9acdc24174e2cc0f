// The OpenAI Agents SDK's `Session` (conversation memory) on a Crystalyse session: the items an
// agent run reads before calling the model and writes after it are the session's agent items
// (libs/domain/src/agent-items), through our SDK. popItem() and clearSession() are events on the
// server (AgentItemPopped, AgentItemsCleared): they take items off the list the next run sees,
// and the log keeps every item ever added, who added it and when.
//
//   const session = CrystalyseAgentSession.for(await manager.loadSession(id));
//   const result = await run(agent, 'Which olivine cathode is most stable?', { session });
import type { AgentInputItem, Session } from '@openai/agents';
import type { AgentItems, JsonObject, Session as CrystalyseSession } from '@crystalyse/sdk';

/** Items the server takes in one request; longer lists are sent in order, in several. */
const PER_REQUEST = 1000;
/** Bytes of items per request, under the API's default body limit (1 MiB) with room for the envelope. */
const BYTES_PER_REQUEST = 768 * 1024;

/** JSON as the server stores it: undefined fields dropped (the Agents SDK leaves some undefined). */
const asJson = (item: AgentInputItem): JsonObject => JSON.parse(JSON.stringify(item)) as JsonObject;

export class CrystalyseAgentSession implements Session {
  constructor(private readonly items: AgentItems) {}

  /** The agent memory of a session loaded or created with our SDK's SessionManager. */
  static for(session: CrystalyseSession): CrystalyseAgentSession {
    return new CrystalyseAgentSession(session.agentItems());
  }

  /** The Crystalyse session id: the conversation is that session's. */
  async getSessionId(): Promise<string> {
    return this.items.sessionId;
  }

  /** The items in the list, oldest first; with `limit`, the latest that many. */
  async getItems(limit?: number): Promise<AgentInputItem[]> {
    if (limit !== undefined && limit <= 0) return [];
    const list = await this.items.list(limit);
    return list.items.map((record) => record.item as unknown as AgentInputItem);
  }

  /**
   * Appends the items in order: in one request when they fit (one event), else in several, each
   * at most 1,000 items and 768 KiB. An item alone over the server's body limit is refused (413).
   */
  async addItems(items: AgentInputItem[]): Promise<void> {
    let batch: JsonObject[] = [];
    let bytes = 0;
    for (const item of items) {
      const json = asJson(item);
      const size = Buffer.byteLength(JSON.stringify(json));
      if (batch.length > 0 && (batch.length === PER_REQUEST || bytes + size > BYTES_PER_REQUEST)) {
        await this.items.add(batch);
        batch = [];
        bytes = 0;
      }
      batch.push(json);
      bytes += size + 1;
    }
    if (batch.length > 0) await this.items.add(batch);
  }

  /** Takes the latest item off the list (recorded as AgentItemPopped) and returns it. */
  async popItem(): Promise<AgentInputItem | undefined> {
    const { popped } = await this.items.pop();
    return popped ? (popped.item as unknown as AgentInputItem) : undefined;
  }

  /** Empties the list (recorded as AgentItemsCleared); the session and its log stay. */
  async clearSession(): Promise<void> {
    await this.items.clear();
  }
}
