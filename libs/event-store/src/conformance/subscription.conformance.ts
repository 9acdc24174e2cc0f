// Catch-up subscriptions to `$all`: every matching event exactly once and in order, across the
// switch from stored to live events, and a close() that ends a waiting loop.
import { appendInOrder, collect, expectStrictlyIncreasing, ids, newEvent, newEvents, uniqueName, type ConformanceContext } from './fixtures.js';

export function subscriptionConformance(ctx: ConformanceContext): void {
  describe('subscribeToAll', () => {
    it('delivers stored then live events exactly once, in order, filtered by prefix', async () => {
      const prefix = uniqueName('sub');
      const head = await ctx.store().headPosition();
      const stored = newEvents(6);
      await appendInOrder(ctx.store(), stored.map((e, i) => [`${prefix}-${i % 3}`, e]));
      const subscription = ctx.store().subscribeToAll({ fromPosition: head, filter: { streamPrefixes: [prefix] } });

      // Live writers race the catch-up: concurrent appends to several streams, and noise that
      // the filter must drop.
      const live = newEvents(30);
      const received = collect(subscription, stored.length + live.length);
      await Promise.all([
        ...live.map((e, i) => ctx.store().appendToStream(`${prefix}-${i % 3}`, [e])),
        ...newEvents(10).map((e) => ctx.store().appendToStream(uniqueName('noise'), [e])),
      ]);
      const events = await received;

      expect(events).toHaveLength(stored.length + live.length);
      expect(new Set(ids(events))).toEqual(new Set([...ids(stored), ...ids(live)]));
      expect(ids(events.slice(0, stored.length))).toEqual(ids(stored));
      expectStrictlyIncreasing(events.map((e) => e.position));
      const log = await ctx.store().readAll({ fromPosition: head, filter: { streamPrefixes: [prefix] } });
      expect(ids(events)).toEqual(ids(log));
    });

    it('starts after fromPosition (exclusive) and filters by event type', async () => {
      const prefix = uniqueName('sub-type');
      const wanted = `Wanted-${prefix}`;
      const plan = Array.from({ length: 6 }, (_, i) => [`${prefix}-s`, newEvent(i % 2 === 0 ? wanted : `Other-${prefix}`, { i })] as [string, ReturnType<typeof newEvent>]);
      const positions = await appendInOrder(ctx.store(), plan);
      const subscription = ctx.store().subscribeToAll({ fromPosition: positions[0]!, filter: { eventTypes: [wanted] } });
      const received = collect(subscription, 3);
      await ctx.store().appendToStream(`${prefix}-s`, [newEvent(wanted, { i: 6 })]);
      const events = await received;
      expect(events.map((e) => e.data)).toEqual([{ i: 2 }, { i: 4 }, { i: 6 }]);
    });

    it("from 'end' delivers only events written after subscribing", async () => {
      const prefix = uniqueName('sub-end');
      await ctx.store().appendToStream(`${prefix}-s`, newEvents(3));
      const subscription = ctx.store().subscribeToAll({ fromPosition: 'end', filter: { streamPrefixes: [prefix] } });
      const later = newEvent('Later');
      const received = collect(subscription, 1);
      // Give the subscription a moment to be live before the write it must see.
      await new Promise((resolve) => setTimeout(resolve, 50));
      await ctx.store().appendToStream(`${prefix}-s`, [later]);
      expect(ids(await received)).toEqual([later.eventId]);
    });

    it('close() ends a loop that is waiting for events', async () => {
      const subscription = ctx.store().subscribeToAll({ fromPosition: 'end', filter: { streamPrefixes: [uniqueName('quiet')] } });
      const seen: unknown[] = [];
      const loop = (async () => {
        for await (const event of subscription) seen.push(event);
        return 'ended';
      })();
      await new Promise((resolve) => setTimeout(resolve, 100));
      const started = Date.now();
      await subscription.close();
      await expect(loop).resolves.toBe('ended');
      expect(Date.now() - started).toBeLessThan(1000);
      expect(seen).toEqual([]);
    });
  });
}
