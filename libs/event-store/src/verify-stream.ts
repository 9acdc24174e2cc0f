// `verify` for one stream: re-reads it and checks the hash chain. Pages are linked by carrying
// the last checked event into the next page, so a long stream never sits in memory at once.
import type { EventStore, RecordedEvent } from './event-store.port.js';
import { verifyEvents, type VerifyResult } from './hash-chain.js';

const PAGE = 1000;

export async function verifyStream(store: EventStore, streamId: string): Promise<VerifyResult> {
  let previous: RecordedEvent | undefined;
  let checked = 0;
  let from: bigint | 'start' = 'start';
  for (;;) {
    const page = await store.readStream(streamId, { fromRevision: from, maxCount: PAGE });
    const result = verifyEvents(streamId, previous ? [previous, ...page] : page);
    // The carried event was already counted in the previous page.
    const counted = result.eventsChecked - (previous ? 1 : 0);
    if (!result.ok) return { ...result, eventsChecked: checked + Math.max(counted, 0) };
    checked += counted;
    if (page.length < PAGE) return { ...result, eventsChecked: checked };
    previous = page[page.length - 1]!;
    from = previous.revision + 1n;
  }
}
