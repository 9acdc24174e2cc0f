// The live feed as an async iterator, for GraphQL subscriptions: the same hub, hand-over and
// access rules as the SSE streams. Its queue is bounded: a consumer that falls behind by more than
// `maxQueued` events gets an error naming the position to resume after, and nobody waits for it.
import type { LiveEvent, LiveEventHub, LiveListener } from './live-event-hub.js';
import type { Verdict } from './sse-stream.js';

export class LiveFeedLagged extends Error {
  constructor(readonly lastPosition: bigint) {
    super(`the subscription fell too far behind and was dropped; subscribe again with after: "${lastPosition}"`);
  }
}

export interface LiveIteratorOptions {
  after: bigint | null;
  maxQueued: number;
  accept: (event: LiveEvent, live: boolean) => Promise<Verdict> | Verdict;
}

export function liveIterator(hub: LiveEventHub, options: LiveIteratorOptions): AsyncIterableIterator<LiveEvent> {
  const queue: LiveEvent[] = [];
  let failure: Error | null = null;
  let closed = false;
  let wake: (() => void) | null = null;
  let last = options.after ?? -1n;
  const poke = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const listener: LiveListener = {
    deliver(event) {
      if (closed || failure) return;
      queue.push(event);
      if (queue.length > options.maxQueued) {
        queue.length = 0;
        failure = new LiveFeedLagged(last);
      }
      poke();
    },
    fail(error) {
      failure = error instanceof Error ? error : new Error(String(error));
      poke();
    },
  };

  async function* run(): AsyncGenerator<LiveEvent> {
    const { from, detach } = await hub.attach(listener);
    try {
      if (options.after === null) last = from;
      else {
        for await (const event of hub.catchUp(options.after)) {
          if (closed) return;
          if (event.event.position <= last) continue;
          const verdict = await options.accept(event, false);
          if (verdict === 'end') return;
          last = event.event.position;
          if (verdict === 'send') yield event;
        }
      }
      while (!closed) {
        while (queue.length > 0 && !closed) {
          if (failure) throw failure;
          const event = queue.shift()!;
          if (event.event.position <= last) continue;
          const verdict = await options.accept(event, true);
          if (verdict === 'end') return;
          last = event.event.position;
          if (verdict === 'send') yield event;
        }
        if (failure) throw failure;
        if (closed) return;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      closed = true;
      detach();
    }
  }

  const generator = run();
  const iterator: AsyncIterableIterator<LiveEvent> = {
    next: () => generator.next(),
    // Unsubscribing while the generator waits for an event: wake it so it can finish.
    return: async () => {
      closed = true;
      poke();
      return generator.return(undefined);
    },
    throw: (error?: unknown) => generator.throw(error),
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
