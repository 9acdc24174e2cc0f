// The store's record of keyed commands that appended nothing (`store.idempotency`): what a
// repeat of such a key must answer, on every adapter.
import { IDEMPOTENCY_WINDOW } from '../idempotency/idempotency.port.js';
import { ids, newEvents, uniqueName, type ConformanceContext } from './fixtures.js';

export function idempotencyConformance(ctx: ConformanceContext): void {
  describe('no-op outcomes (idempotency)', () => {
    it('finds nothing for a key never recorded, on a new or an existing stream', async () => {
      const stream = uniqueName('noop-none');
      expect(await ctx.store().idempotency.find(stream, 'k')).toBeNull();
      await ctx.store().appendToStream(stream, newEvents(1));
      expect(await ctx.store().idempotency.find(stream, 'k')).toBeNull();
    });

    it('gives back what was recorded, keeps the first record of a key, and keeps keys to their stream', async () => {
      const [stream, other] = [uniqueName('noop'), uniqueName('noop-other')];
      await ctx.store().idempotency.record(stream, 'user-1:k', { revision: 4n, position: 1234n });
      await ctx.store().idempotency.record(stream, 'user-1:k', { revision: 9n, position: 5678n });
      await ctx.store().idempotency.record(stream, 'none', { revision: -1n, position: 0n });
      expect(await ctx.store().idempotency.find(stream, 'user-1:k')).toEqual({ revision: 4n, position: 1234n });
      expect(await ctx.store().idempotency.find(stream, 'none')).toEqual({ revision: -1n, position: 0n });
      expect(await ctx.store().idempotency.find(stream, 'user-2:k')).toBeNull();
      expect(await ctx.store().idempotency.find(other, 'user-1:k')).toBeNull();
    });

    it('leaves the stream itself untouched', async () => {
      const stream = uniqueName('noop-log');
      const written = newEvents(2);
      await ctx.store().appendToStream(stream, written);
      await ctx.store().idempotency.record(stream, 'k', { revision: 1n, position: 1n });
      expect(ids(await ctx.store().readStream(stream))).toEqual(ids(written));
      await expect(ctx.store().readStream(uniqueName('noop-never'))).rejects.toThrow();
    });

    it(`remembers the latest ${IDEMPOTENCY_WINDOW} keys of a stream and forgets older ones`, async () => {
      const stream = uniqueName('noop-window');
      // Issued together but in order (a store writes them in arrival order): k-0 is the oldest.
      await Promise.all(Array.from({ length: IDEMPOTENCY_WINDOW + 1 }, (_, i) => ctx.store().idempotency.record(stream, `k-${i}`, { revision: BigInt(i), position: BigInt(i) })));
      expect(await ctx.store().idempotency.find(stream, 'k-0')).toBeNull();
      expect(await ctx.store().idempotency.find(stream, 'k-1')).toEqual({ revision: 1n, position: 1n });
      expect(await ctx.store().idempotency.find(stream, `k-${IDEMPOTENCY_WINDOW}`)).toEqual({ revision: BigInt(IDEMPOTENCY_WINDOW), position: BigInt(IDEMPOTENCY_WINDOW) });
    }, 120_000);
  });
}
