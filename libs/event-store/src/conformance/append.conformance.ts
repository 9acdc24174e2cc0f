// Appending: the four expected-revision forms, idempotent event ids and concurrent writers,
// with EventStoreDB's answers as the reference.
import { WrongExpectedVersion } from '../errors.js';
import { expectWrongExpectedVersion, ids, newEvent, newEvents, revisions, uniqueName, type ConformanceContext } from './fixtures.js';

export function appendConformance(ctx: ConformanceContext): void {
  describe('appendToStream: expected revision', () => {
    it("'no_stream' creates a stream and is refused once it exists", async () => {
      const stream = uniqueName('no-stream');
      const result = await ctx.store().appendToStream(stream, newEvents(2), { expectedRevision: 'no_stream' });
      expect(result.nextExpectedRevision).toBe(1n);
      const stored = await ctx.store().readStream(stream);
      expect(revisions(stored)).toEqual([0n, 1n]);
      expect(result.position).toBe(stored[1]!.position);
      await expectWrongExpectedVersion(ctx.store().appendToStream(stream, newEvents(1), { expectedRevision: 'no_stream' }), stream, 'no_stream', 1n);
      expect(await ctx.store().readStream(stream)).toHaveLength(2);
    });

    it('an exact revision succeeds only at the head', async () => {
      const stream = uniqueName('exact');
      await ctx.store().appendToStream(stream, newEvents(2), { expectedRevision: 'no_stream' });
      const next = await ctx.store().appendToStream(stream, newEvents(1), { expectedRevision: 1n });
      expect(next.nextExpectedRevision).toBe(2n);
      await expectWrongExpectedVersion(ctx.store().appendToStream(stream, newEvents(1), { expectedRevision: 1n }), stream, 1n, 2n);
      await expectWrongExpectedVersion(ctx.store().appendToStream(stream, newEvents(1), { expectedRevision: 7n }), stream, 7n, 2n);
      expect(revisions(await ctx.store().readStream(stream))).toEqual([0n, 1n, 2n]);
    });

    it("an exact revision on a missing stream reports actual 'no_stream'", async () => {
      const stream = uniqueName('exact-missing');
      await expectWrongExpectedVersion(ctx.store().appendToStream(stream, newEvents(1), { expectedRevision: 0n }), stream, 0n, 'no_stream');
    });

    it("'stream_exists' is refused for a missing stream and accepted for an existing one", async () => {
      const stream = uniqueName('exists');
      await expectWrongExpectedVersion(
        ctx.store().appendToStream(stream, newEvents(1), { expectedRevision: 'stream_exists' }),
        stream,
        'stream_exists',
        'no_stream',
      );
      await ctx.store().appendToStream(stream, newEvents(1));
      const result = await ctx.store().appendToStream(stream, newEvents(2), { expectedRevision: 'stream_exists' });
      expect(result.nextExpectedRevision).toBe(2n);
    });

    it("'any' (the default) creates and extends a stream", async () => {
      const stream = uniqueName('any');
      expect((await ctx.store().appendToStream(stream, newEvents(1), { expectedRevision: 'any' })).nextExpectedRevision).toBe(0n);
      expect((await ctx.store().appendToStream(stream, newEvents(2))).nextExpectedRevision).toBe(2n);
    });
  });

  describe('appendToStream: idempotent event ids', () => {
    it("the same batch twice with 'any' is stored once and returns the first result", async () => {
      const stream = uniqueName('idem-any');
      await ctx.store().appendToStream(stream, newEvents(1));
      const batch = newEvents(3);
      const first = await ctx.store().appendToStream(stream, batch);
      const again = await ctx.store().appendToStream(stream, batch);
      expect(again).toEqual(first);
      expect(ids(await ctx.store().readStream(stream))).toHaveLength(4);
    });

    it('the same batch twice at the same expected revision is stored once', async () => {
      const stream = uniqueName('idem-exact');
      const batch = newEvents(2);
      const first = await ctx.store().appendToStream(stream, batch, { expectedRevision: 'no_stream' });
      const again = await ctx.store().appendToStream(stream, batch, { expectedRevision: 'no_stream' });
      expect(again).toEqual(first);
      const next = newEvents(1);
      const third = await ctx.store().appendToStream(stream, next, { expectedRevision: 1n });
      expect(await ctx.store().appendToStream(stream, next, { expectedRevision: 1n })).toEqual(third);
      expect(ids(await ctx.store().readStream(stream))).toEqual([...ids(batch), ...ids(next)]);
    });

    it('a batch that only partly matches stored ids is refused', async () => {
      const stream = uniqueName('idem-partial');
      const [a, b] = newEvents(2);
      await ctx.store().appendToStream(stream, [a!, b!], { expectedRevision: 'no_stream' });
      const attempt = ctx.store().appendToStream(stream, [a!, newEvent()], { expectedRevision: 'no_stream' });
      await expect(attempt).rejects.toBeInstanceOf(WrongExpectedVersion);
      expect(ids(await ctx.store().readStream(stream))).toEqual([a!.eventId, b!.eventId]);
    });
  });

  describe('appendToStream: concurrent writers', () => {
    it("50 concurrent 'any' appends all land, with distinct consecutive revisions", async () => {
      const stream = uniqueName('race-any');
      const events = newEvents(50);
      const results = await Promise.all(events.map((e) => ctx.store().appendToStream(stream, [e])));
      const assigned = results.map((r) => r.nextExpectedRevision).sort((x, y) => (x < y ? -1 : 1));
      expect(assigned).toEqual(Array.from({ length: 50 }, (_, i) => BigInt(i)));
      const stored = await ctx.store().readStream(stream);
      expect(revisions(stored)).toEqual(assigned);
      expect(new Set(ids(stored))).toEqual(new Set(ids(events)));
    });

    it('of 50 appends at the same expected revision exactly one wins', async () => {
      const stream = uniqueName('race-exact');
      await ctx.store().appendToStream(stream, newEvents(1), { expectedRevision: 'no_stream' });
      const outcomes = await Promise.allSettled(
        newEvents(50).map((e) => ctx.store().appendToStream(stream, [e], { expectedRevision: 0n })),
      );
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(49);
      for (const o of lost) {
        expect(o.reason).toBeInstanceOf(WrongExpectedVersion);
        expect(o.reason).toMatchObject({ streamId: stream, expected: 0n, actual: 1n });
      }
      expect(await ctx.store().readStream(stream)).toHaveLength(2);
    });
  });
}
