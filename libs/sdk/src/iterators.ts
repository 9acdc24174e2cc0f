// Async iterators over what comes in pages or live: a workspace's history (newest page first), its
// events (oldest first), and its live events (server-sent events, GET .../events/stream).
import type { HttpClient } from './http-client.js';
import type { SseEvent } from './sse.js';
import type { ConversationTurn, EventsPage, HistoryPage, RecordedEvent } from './types.js';

export interface PageOptions {
  /** Items per request (the server's limits apply: history 500, events 1,000). */
  pageSize?: number;
  signal?: AbortSignal;
}

/** The history, a page at a time, newest page first (each page oldest turn first). */
export async function* historyPages(http: HttpClient, path: string, options: PageOptions & { before?: number } = {}): AsyncGenerator<HistoryPage> {
  let before = options.before;
  do {
    const page = await http.get<HistoryPage>(`${path}/history`, { query: { last: options.pageSize ?? 100, before }, signal: options.signal });
    yield page;
    before = page.nextBefore ?? undefined;
  } while (before !== undefined);
}

/** Every turn, newest first, fetching pages as the loop goes. */
export async function* turnsNewestFirst(http: HttpClient, path: string, options: PageOptions = {}): AsyncGenerator<ConversationTurn> {
  for await (const page of historyPages(http, path, options)) {
    for (let i = page.items.length - 1; i >= 0; i -= 1) yield page.items[i]!;
  }
}

/** Every recorded event from `from` on, oldest first, fetching pages as the loop goes. */
export async function* recordedEvents(http: HttpClient, path: string, options: PageOptions & { from?: number } = {}): AsyncGenerator<RecordedEvent> {
  let from: number | undefined = options.from;
  do {
    const page = await http.get<EventsPage>(`${path}/events`, { query: { from, limit: options.pageSize }, signal: options.signal });
    yield* page.items;
    from = page.next ?? undefined;
  } while (from !== undefined);
}

/** A live event: the SSE event name, its id, and its data parsed as JSON (or the text when it is not JSON). */
export interface LiveEvent {
  event: string;
  id: string;
  data: unknown;
}

export interface LiveOptions {
  signal?: AbortSignal;
  /** Called once the service has accepted the subscription: what is recorded from then on arrives. */
  onOpen?: () => void;
}

/** The events of a session as they are recorded, until the signal aborts or the loop breaks. */
export async function* liveEvents(http: HttpClient, path: string, options: LiveOptions = {}): AsyncGenerator<LiveEvent> {
  for await (const event of http.getStream(`${path}/events/stream`, options)) yield toLive(event);
}

function toLive(event: SseEvent): LiveEvent {
  let data: unknown = event.data;
  try {
    data = JSON.parse(event.data);
  } catch {
    // not JSON: keep the text
  }
  return { event: event.event, id: event.id, data };
}
