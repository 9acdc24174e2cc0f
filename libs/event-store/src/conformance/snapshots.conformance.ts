// The store's bounded snapshot storage (`store.snapshots`): the latest snapshot per stream, on
// every adapter, never a growing pile.
import { uniqueName, type ConformanceContext } from './fixtures.js';

export function snapshotsConformance(ctx: ConformanceContext): void {
  describe('snapshot storage', () => {
    it('has nothing for a stream never snapshotted', async () => {
      expect(await ctx.store().snapshots.read(uniqueName('snap-none'))).toBeNull();
    });

    it('gives back the latest snapshot of each stream, as written', async () => {
      const [a, b] = [uniqueName('snap-a'), uniqueName('snap-b')];
      await ctx.store().snapshots.write(a, { revision: '1', state: { items: ['x'] } });
      await ctx.store().snapshots.write(b, { revision: '7', state: { nested: { list: [1, null, 'three'] } } });
      await ctx.store().snapshots.write(a, { revision: '2', state: { items: ['x', 'y'] } });
      expect(await ctx.store().snapshots.read(a)).toEqual({ revision: '2', state: { items: ['x', 'y'] } });
      expect(await ctx.store().snapshots.read(b)).toEqual({ revision: '7', state: { nested: { list: [1, null, 'three'] } } });
    });

    it('keeps snapshots out of the stream itself', async () => {
      const stream = uniqueName('snap-log');
      await ctx.store().snapshots.write(stream, { revision: '0' });
      await expect(ctx.store().readStream(stream)).rejects.toThrow();
    });
  });
}
