// Listing checkpoints without a thread id (an administrator's question, not LangGraph's hot path)
// finds the threads from the root streams in `$all`, page by page. Deleted threads are found too
// (their events stay in the log); loading their index shows them empty.
import type { EventStore } from '@crystalyse/event-store';
import { parseThreadStream, THREAD_STREAM_PREFIX } from './thread.streams.js';

const PAGE = 1000;

export async function listThreads(store: EventStore): Promise<string[]> {
  const threads = new Set<string>();
  let from: bigint | 'start' = 'start';
  for (;;) {
    const page = await store.readAll({ fromPosition: from, maxCount: PAGE, filter: { streamPrefixes: [THREAD_STREAM_PREFIX] } });
    for (const event of page) {
      const threadId = parseThreadStream(event.streamId);
      if (threadId !== null) threads.add(threadId);
    }
    if (page.length < PAGE) return [...threads];
    from = page[page.length - 1]!.position + 1n;
  }
}
