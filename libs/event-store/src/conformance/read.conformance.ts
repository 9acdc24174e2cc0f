// Reading one stream and `$all`: directions, bounds, global order across streams, filters.
import { StreamNotFound } from '../errors.js';
import { appendInOrder, expectStrictlyIncreasing, ids, newEvent, newEvents, revisions, uniqueName, type ConformanceContext } from './fixtures.js';

export function readConformance(ctx: ConformanceContext): void {
  describe('readStream', () => {
    let stream: string;
    const written = newEvents(10);

    beforeAll(async () => {
      stream = uniqueName('read');
      await ctx.store().appendToStream(stream, written.slice(0, 4), { expectedRevision: 'no_stream' });
      await ctx.store().appendToStream(stream, written.slice(4), { expectedRevision: 3n });
    });

    it('tells the revision of the stream head without reading it', async () => {
      expect(await ctx.store().streamRevision(stream)).toBe(9n);
      expect(await ctx.store().streamRevision(uniqueName('never-written'))).toBe(-1n);
      const gone = uniqueName('deleted');
      await ctx.store().appendToStream(gone, newEvents(2));
      await ctx.store().deleteStream(gone);
      expect(await ctx.store().streamRevision(gone)).toBe(-1n);
    });

    it('returns every event forwards, as written', async () => {
      const events = await ctx.store().readStream(stream);
      expect(revisions(events)).toEqual(Array.from({ length: 10 }, (_, i) => BigInt(i)));
      expect(ids(events)).toEqual(ids(written));
      const third = events[3]!;
      expect(third).toMatchObject({ streamId: stream, type: 'Noted', data: { i: 3 } });
      expect(third.metadata).toMatchObject(written[3]!.metadata);
      expect(typeof third.position).toBe('bigint');
      expect(Number.isNaN(Date.parse(third.created))).toBe(false);
      expectStrictlyIncreasing(events.map((e) => e.position));
    });

    it('honours fromRevision and maxCount forwards', async () => {
      expect(revisions(await ctx.store().readStream(stream, { fromRevision: 3n, maxCount: 4 }))).toEqual([3n, 4n, 5n, 6n]);
      expect(revisions(await ctx.store().readStream(stream, { fromRevision: 'start', maxCount: 2 }))).toEqual([0n, 1n]);
      expect(revisions(await ctx.store().readStream(stream, { fromRevision: 8n }))).toEqual([8n, 9n]);
      expect(await ctx.store().readStream(stream, { fromRevision: 10n })).toEqual([]);
    });

    it('reads backwards from the end or from a revision', async () => {
      const all = await ctx.store().readStream(stream, { direction: 'backwards' });
      expect(revisions(all)).toEqual(Array.from({ length: 10 }, (_, i) => BigInt(9 - i)));
      expect(revisions(await ctx.store().readStream(stream, { direction: 'backwards', fromRevision: 'end', maxCount: 3 }))).toEqual([9n, 8n, 7n]);
      expect(revisions(await ctx.store().readStream(stream, { direction: 'backwards', fromRevision: 5n, maxCount: 2 }))).toEqual([5n, 4n]);
    });

    it('throws StreamNotFound for a stream never written', async () => {
      await expect(ctx.store().readStream(uniqueName('missing'))).rejects.toBeInstanceOf(StreamNotFound);
    });
  });

  describe('readAll', () => {
    const prefix = uniqueName('all');
    const left = `${prefix}-left`;
    const right = `${prefix}-right`;
    const leftType = `Left-${prefix}`;
    const rightType = `Right-${prefix}`;
    const plan = Array.from({ length: 6 }, (_, i) => (i % 2 === 0 ? ([left, newEvent(leftType, { i })] as const) : ([right, newEvent(rightType, { i })] as const)));
    let positions: bigint[];
    let head: bigint;

    beforeAll(async () => {
      head = await ctx.store().headPosition();
      await ctx.store().appendToStream(uniqueName('elsewhere'), [newEvent(leftType)]);
      positions = await appendInOrder(ctx.store(), plan.map(([s, e]) => [s, e]));
    });

    it('orders events of interleaved streams by commit, with increasing positions', async () => {
      const events = await ctx.store().readAll({ fromPosition: head, filter: { streamPrefixes: [prefix] } });
      expect(ids(events)).toEqual(plan.map(([, e]) => e.eventId));
      expect(events.map((e) => e.position)).toEqual(positions);
      expectStrictlyIncreasing(positions);
      expect(await ctx.store().headPosition()).toBeGreaterThanOrEqual(positions[5]!);
    });

    it('filters by stream prefix and by event type', async () => {
      const lefts = await ctx.store().readAll({ fromPosition: head, filter: { streamPrefixes: [left] } });
      expect(lefts.map((e) => e.data)).toEqual([{ i: 0 }, { i: 2 }, { i: 4 }]);
      const rights = await ctx.store().readAll({ fromPosition: head, filter: { eventTypes: [rightType] } });
      expect(rights.map((e) => e.data)).toEqual([{ i: 1 }, { i: 3 }, { i: 5 }]);
      const both = await ctx.store().readAll({ fromPosition: head, filter: { streamPrefixes: [prefix], eventTypes: [leftType] } });
      expect(both.map((e) => e.streamId)).toEqual([left, left, left]);
    });

    it('starts at fromPosition inclusively and stops at maxCount', async () => {
      const events = await ctx.store().readAll({ fromPosition: positions[2]!, maxCount: 2, filter: { streamPrefixes: [prefix] } });
      expect(events.map((e) => e.position)).toEqual([positions[2], positions[3]]);
    });

    it('reads backwards from the end or from a position', async () => {
      const last3 = await ctx.store().readAll({ direction: 'backwards', fromPosition: 'end', maxCount: 3, filter: { streamPrefixes: [prefix] } });
      expect(last3.map((e) => e.position)).toEqual([positions[5], positions[4], positions[3]]);
      const fromMiddle = await ctx.store().readAll({ direction: 'backwards', fromPosition: positions[3]!, maxCount: 10, filter: { streamPrefixes: [prefix] } });
      expect(fromMiddle.map((e) => e.position)).toEqual([positions[3], positions[2], positions[1], positions[0]]);
    });
  });
}
