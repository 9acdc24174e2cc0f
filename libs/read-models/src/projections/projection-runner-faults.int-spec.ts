import type { RecordedEvent } from '@crystalyse/event-store';
import { testEvent } from '../testing/in-memory-event-store.js';
import { counterProjection, type CounterDoc } from '../testing/example-projections.js';
import { FaultyDocumentStore } from '../testing/faulty-document-store.js';
import { readDeadLetters } from './dead-letters.js';
import { appendMany, EVENT_STORES, openHarness, tick, type Harness } from '../testing/runner-harness.js';
import type { Projection } from './projection.js';

describe.each(EVENT_STORES)('ProjectionRunner faults on the %s event store', (_label, openEvents) => {
  let h: Harness;
  beforeEach(() => {
    h = openHarness(openEvents);
  });
  afterEach(async () => {
    await h.close();
  });

  const counter = async (projection: Projection<CounterDoc>) => (await h.store.collection<CounterDoc>(projection.collection).findOne({ _id: 'counter' }))?.count;

  it('finishes a reset another process left half done before replaying (the leaseholder, not a reader)', async () => {
    const projection = counterProjection();
    const head = await appendMany(h.events, 300, tick);
    const first = h.runner(projection, { batchSize: 100 });
    first.start();
    expect(await first.waitForPosition(head, 10_000)).toBe(true);
    await first.stop();
    // As MongoDB reports a reset interrupted between its steps: documents left, position -1.
    const resets: string[][] = [];
    const halfReset = new Proxy(h.store, {
      get(target, key, receiver) {
        if (key === 'getCheckpoint') return async () => (resets.length === 0 ? { projection: projection.name, position: -1n, updatedAt: '', pendingReset: [projection.collection] } : target.getCheckpoint(projection.name));
        if (key === 'resetProjection') return async (name: string, collections: string[]) => (resets.push(collections), target.resetProjection(name, collections));
        const value = Reflect.get(target, key, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const runner = h.runner(projection, { store: halfReset, batchSize: 100 });
    runner.start();
    expect(await runner.waitForPosition(head, 10_000)).toBe(true);
    expect(resets).toEqual([[projection.collection]]);
    expect(await counter(projection)).toBe(300); // replayed once from zero, not added on top
  });

  it('resumes from its checkpoint after a crash between batches, applying every event exactly once', async () => {
    const projection = counterProjection();
    const head = await appendMany(h.events, 1000, tick);
    const dying = new FaultyDocumentStore(h.store);
    dying.crashAfterBatches = 3;
    const first = h.runner(projection, { store: dying, batchSize: 100 });
    first.start();
    while (dying.batches < 3) await new Promise((r) => setTimeout(r, 5));
    const reached = (await h.store.getCheckpoint(projection.name))!.position;
    expect(await counter(projection)).toBe(300);
    expect(reached).toBeLessThan(head);
    await first.stop(); // the "dead" process: its store calls all fail, so it cannot even release

    const restarted = h.runner(projection, { store: h.openStore(), batchSize: 100, leaseTtlMs: 200 });
    restarted.start(); // the dead owner's lease must expire first
    expect(await restarted.waitForPosition(head, 10_000)).toBe(true);
    expect(await counter(projection)).toBe(1000);
  });

  it('replays a batch that died half-written without applying any event twice', async () => {
    const projection: Projection<CounterDoc> = {
      ...counterProjection('test-per-stream'),
      documentId: (event: RecordedEvent) => event.streamId,
      evolve: (doc, event) => ({ _id: event.streamId, count: (doc?.count ?? 0) + 1, lastType: event.type }),
    };
    const head = await appendMany(h.events, 700, tick); // 7 streams of 100 events
    const flaky = new FaultyDocumentStore(h.store);
    flaky.halfWriteOnAttempt = 2;
    const runner = h.runner(projection, { store: flaky, batchSize: 150 });
    runner.start();
    expect(await runner.waitForPosition(head, 10_000)).toBe(true);
    const docs = await h.store.collection<CounterDoc>(projection.collection).find({}, { sort: { _id: 1 } });
    expect(docs.map((d) => [d._id, d.count])).toEqual(Array.from({ length: 7 }, (_, i) => [`ticks-${i}`, 100]));
  });

  /** The store, except that applyProjectionBatch throws while `failing()` says so (the store is down, say). */
  const unreachableWhile = (failing: (position: bigint) => boolean, attempts: number[] = []) =>
    new Proxy(h.store, {
      get(target, key, receiver) {
        if (key === 'applyProjectionBatch') {
          return async (name: string, writes: never[], position: bigint) => {
            if (failing(position)) {
              attempts.push(Date.now());
              throw new Error('store unreachable');
            }
            return target.applyProjectionBatch(name, writes, position);
          };
        }
        const value = Reflect.get(target, key, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });

  it('holds the checkpoint while the store fails, retrying with back-off, then carries on: a store failure is never parked', async () => {
    const projection = counterProjection('test-flaky', ['Ticked']);
    const before = await appendMany(h.events, 10, tick);
    let failuresLeft = 3;
    const attempts: number[] = [];
    const flaky = unreachableWhile((position) => position > before && failuresLeft-- > 0, attempts);
    const runner = h.runner(projection, { store: flaky, retryInitialMs: 40, retryMaxMs: 1000 });
    runner.start();
    expect(await runner.waitForPosition(before, 5_000)).toBe(true);
    const next = (await h.events.appendToStream('ticks-p', [testEvent('Ticked', { i: 10 })])).position;
    await new Promise((r) => setTimeout(r, 30));
    expect((await h.store.getCheckpoint(projection.name))!.position).toBe(before);
    expect(runner.state$.value).toBe('retrying');
    expect(runner.lastError?.message).toBe('store unreachable');

    expect(await runner.waitForPosition(next, 5_000)).toBe(true);
    expect(await counter(projection)).toBe(11);
    // Three failed attempts, spaced 40 and 80 ms, then the fourth went through: a back-off, not a spin.
    expect(attempts).toHaveLength(3);
    expect(attempts.at(-1)! - attempts[0]!).toBeGreaterThanOrEqual(110);
    expect(runner.lastError).toBeUndefined();
    expect(await readDeadLetters(h.store, projection.name)).toEqual({ count: 0, latest: [] });
  });

  it('stops promptly while the store keeps failing, leaving the checkpoint before it', async () => {
    const projection = counterProjection('test-unreachable', ['Ticked']);
    await appendMany(h.events, 5, tick);
    const runner = h.runner(projection, { store: unreachableWhile(() => true), retryInitialMs: 50, retryMaxMs: 60_000 });
    runner.start();
    await new Promise((r) => setTimeout(r, 300));
    expect(runner.state$.value).toBe('retrying');
    const started = Date.now();
    await runner.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await h.store.getCheckpoint(projection.name)).toBeNull();
  });

  it('lets one of two runners apply a projection; the other takes over when the first stops', async () => {
    const projection = counterProjection();
    const storeA = new FaultyDocumentStore(h.store);
    const storeB = new FaultyDocumentStore(h.openStore());
    const a = h.runner(projection, { store: storeA, owner: 'worker-a', leaseRetryMs: 30 });
    const b = h.runner(projection, { store: storeB, owner: 'worker-b', leaseRetryMs: 30 });
    a.start();
    await new Promise((r) => setTimeout(r, 50));
    b.start();
    const head = await appendMany(h.events, 400, tick);
    expect(await a.waitForPosition(head, 10_000)).toBe(true);
    expect(await b.waitForPosition(head, 10_000)).toBe(true); // b reads the stored checkpoint
    expect(await counter(projection)).toBe(400);
    expect(storeA.batches).toBeGreaterThan(0);
    expect(storeB.batches).toBe(0);
    expect(b.state$.value).toBe('waiting-for-lease');

    await a.stop();
    const more = await appendMany(h.events, 100, tick);
    expect(await b.waitForPosition(more, 10_000)).toBe(true);
    expect(await counter(projection)).toBe(500);
    expect(storeB.batches).toBeGreaterThan(0);
    expect(b.state$.value).toBe('running');
  });

  it('a runner that loses its lease stops writing and waits', async () => {
    const projection = counterProjection();
    const a = h.runner(projection, { owner: 'worker-a', leaseTtlMs: 300, leaseRetryMs: 30 });
    a.start();
    const head = await appendMany(h.events, 50, tick);
    expect(await a.waitForPosition(head, 5_000)).toBe(true);
    // Another owner takes the lease over (as if A had been paused past its TTL).
    const far = new Date(Date.now() + 10_000);
    expect(await h.store.acquireLease(`projection:${projection.name}`, 'intruder', 60_000, far)).toBe(true);
    await new Promise((r) => setTimeout(r, 250)); // at least one renewal attempt
    expect(a.state$.value).toBe('waiting-for-lease');
    await appendMany(h.events, 20, tick);
    await new Promise((r) => setTimeout(r, 100));
    expect(await counter(projection)).toBe(50);
  });
});
