// Stream metadata ($maxCount, $tb, $maxAge, custom keys), soft delete and recreate, tombstones,
// and the hash chain the store sets on every appended event.
import { StreamDeleted, StreamNotFound } from '../errors.js';
import { verifyStream } from '../verify-stream.js';
import { expectWrongExpectedVersion, ids, newEvents, revisions, uniqueName, type ConformanceContext } from './fixtures.js';

export function streamLifecycleConformance(ctx: ConformanceContext): void {
  describe('stream metadata', () => {
    it('round-trips maxCount, truncateBefore, maxAge and custom keys', async () => {
      const stream = uniqueName('meta');
      expect(await ctx.store().getStreamMetadata(stream)).toEqual({});
      const metadata = { maxCount: 12, truncateBefore: 2n, maxAge: 3600, project: 'LiFePO4', nested: { phase: 2, tags: ['a'] } };
      await ctx.store().setStreamMetadata(stream, metadata);
      expect(await ctx.store().getStreamMetadata(stream)).toEqual(metadata);
      await ctx.store().setStreamMetadata(stream, { maxCount: 3 });
      expect(await ctx.store().getStreamMetadata(stream)).toEqual({ maxCount: 3 });
    });

    it('maxCount keeps only the last N events visible', async () => {
      const stream = uniqueName('max-count');
      await ctx.store().appendToStream(stream, newEvents(5));
      await ctx.store().setStreamMetadata(stream, { maxCount: 2 });
      expect(revisions(await ctx.store().readStream(stream))).toEqual([3n, 4n]);
      expect(revisions(await ctx.store().readStream(stream, { direction: 'backwards' }))).toEqual([4n, 3n]);
      await ctx.store().appendToStream(stream, newEvents(1));
      expect(revisions(await ctx.store().readStream(stream))).toEqual([4n, 5n]);
    });

    it('truncateBefore hides earlier revisions', async () => {
      const stream = uniqueName('tb');
      await ctx.store().appendToStream(stream, newEvents(5));
      await ctx.store().setStreamMetadata(stream, { truncateBefore: 3n });
      expect(revisions(await ctx.store().readStream(stream))).toEqual([3n, 4n]);
      expect(revisions(await ctx.store().readStream(stream, { fromRevision: 1n, maxCount: 1 }))).toEqual([3n]);
    });

    it('maxAge keeps recent events visible', async () => {
      const stream = uniqueName('max-age');
      await ctx.store().appendToStream(stream, newEvents(3));
      await ctx.store().setStreamMetadata(stream, { maxAge: 3600 });
      expect((await ctx.store().getStreamMetadata(stream)).maxAge).toBe(3600);
      expect(revisions(await ctx.store().readStream(stream))).toEqual([0n, 1n, 2n]);
    });
  });

  describe('deleting streams', () => {
    it('a soft-deleted stream reads as not found, and an append recreates it with revisions continuing', async () => {
      const stream = uniqueName('soft');
      await ctx.store().appendToStream(stream, newEvents(3));
      await expectWrongExpectedVersion(ctx.store().deleteStream(stream, { expectedRevision: 1n }), stream, 1n, 2n);
      await ctx.store().deleteStream(stream, { expectedRevision: 2n });
      await expect(ctx.store().readStream(stream)).rejects.toBeInstanceOf(StreamNotFound);
      const recreated = newEvents(2);
      const result = await ctx.store().appendToStream(stream, recreated);
      expect(result.nextExpectedRevision).toBe(4n);
      const events = await ctx.store().readStream(stream);
      expect(revisions(events)).toEqual([3n, 4n]);
      expect(ids(events)).toEqual(ids(recreated));
    });

    it("a soft-deleted stream can be recreated with 'no_stream'", async () => {
      const stream = uniqueName('soft-no-stream');
      await ctx.store().appendToStream(stream, newEvents(2));
      await ctx.store().deleteStream(stream);
      const result = await ctx.store().appendToStream(stream, newEvents(1), { expectedRevision: 'no_stream' });
      expect(result.nextExpectedRevision).toBe(2n);
      expect(revisions(await ctx.store().readStream(stream))).toEqual([2n]);
    });

    it('a tombstoned stream can be neither read nor written again', async () => {
      const stream = uniqueName('tombstone');
      await ctx.store().appendToStream(stream, newEvents(2));
      await ctx.store().tombstoneStream(stream);
      await expect(ctx.store().readStream(stream)).rejects.toBeInstanceOf(StreamDeleted);
      await expect(ctx.store().appendToStream(stream, newEvents(1))).rejects.toBeInstanceOf(StreamDeleted);
      await expect(ctx.store().appendToStream(stream, newEvents(1), { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(StreamDeleted);
    });
  });

  describe('hash chain', () => {
    it('links every event to the previous one and verifies', async () => {
      const stream = uniqueName('chain');
      await ctx.store().appendToStream(stream, newEvents(2));
      await ctx.store().appendToStream(stream, newEvents(3), { expectedRevision: 1n });
      const events = await ctx.store().readStream(stream);
      expect(events[0]!.metadata.prevHash).toBe('');
      for (let i = 1; i < events.length; i++) expect(events[i]!.metadata.prevHash).toBe(events[i - 1]!.metadata.hash);
      expect(events.every((e) => /^[0-9a-f]{64}$/.test(e.metadata.hash ?? ''))).toBe(true);
      expect(await verifyStream(ctx.store(), stream)).toEqual({ ok: true, streamId: stream, eventsChecked: 5, headHash: events[4]!.metadata.hash });
    });
  });
}
