// Issue 15, defect 2: an event a projection cannot apply is parked (a dead letter with the error)
// and the projection goes on; it never holds up every read. A store that is down is another
// matter: that batch is retried (projection-runner-faults.int-spec.ts).
import { UpcasterRegistry, type RecordedEvent } from '@crystalyse/event-store';
import { testEvent } from '../testing/in-memory-event-store.js';
import { counterProjection, usersProjection, type CounterDoc, type UserDoc } from '../testing/example-projections.js';
import { appendMany, EVENT_STORES, openHarness, registerUser, tick, type Harness } from '../testing/runner-harness.js';
import type { Projection } from './projection.js';
import type { ProjectionLogger } from './projection-logger.js';
import { deadLetterCollection, readDeadLetters } from './dead-letters.js';

/** A counter whose evolve throws on any event marked poison: pure code that can never apply it. */
function poisonedCounter(name = 'test-poisoned'): Projection<CounterDoc> {
  const base = counterProjection(name, ['Ticked']);
  return {
    ...base,
    evolve: (doc, event) => {
      if ((event.data as { poison?: boolean }).poison) throw new TypeError("Cannot read properties of undefined (reading 'length')");
      return base.evolve(doc, event);
    },
  };
}

const poison = () => testEvent('Ticked', { poison: true });

describe.each(EVENT_STORES)('ProjectionRunner dead letters on the %s event store', (_label, openEvents) => {
  let h: Harness;
  const warnings: string[] = [];
  const logger: ProjectionLogger = { log: () => {}, warn: (m) => warnings.push(m), error: () => {} };
  beforeEach(() => {
    h = openHarness(openEvents);
    warnings.length = 0;
  });
  afterEach(async () => {
    await h.close();
  });

  const counter = async (projection: Projection<CounterDoc>) => (await h.store.collection<CounterDoc>(projection.collection).findOne({ _id: 'counter' }))?.count;

  it('parks a poisoned event between good ones: the good ones are applied, and the runner keeps up', async () => {
    const projection = poisonedCounter();
    await appendMany(h.events, 10, tick);
    const bad = (await h.events.appendToStream('ticks-bad', [poison()])).position;
    const head = await appendMany(h.events, 10, tick);
    const runner = h.runner(projection, { logger });
    runner.start();
    expect(await runner.waitForPosition(head, 5_000)).toBe(true);
    expect(await counter(projection)).toBe(20);
    expect((await h.store.getCheckpoint(projection.name))!.position).toBe(head);
    expect(runner.state$.value).toBe('running');
    expect(runner.lastError).toBeUndefined();

    const parked = await readDeadLetters(h.store, projection.name);
    expect(parked.count).toBe(1);
    expect(parked.latest[0]).toEqual({
      _id: bad.toString(), projection: projection.name, position: bad.toString(), streamId: 'ticks-bad', revision: '0',
      eventId: expect.any(String), type: 'Ticked', error: "Cannot read properties of undefined (reading 'length')", parkedAt: expect.any(String),
    });
    expect(warnings.filter((w) => w.includes('parked'))).toEqual([expect.stringContaining(`parked Ticked at position ${bad} (ticks-bad)`)]);

    // Live events after it are applied at once, and a second poisoned one is parked too.
    const later = (await h.events.appendToStream('ticks-bad', [poison()])).position;
    const live = await appendMany(h.events, 3, tick);
    expect(await runner.waitForPosition(live, 5_000)).toBe(true);
    expect(await counter(projection)).toBe(23);
    expect((await readDeadLetters(h.store, projection.name)).latest.map((d) => d.position)).toEqual([later.toString(), bad.toString()]);
  });

  it('keeps its dead letters across a restart and parks nothing twice', async () => {
    const projection = poisonedCounter();
    await h.events.appendToStream('ticks-bad', [poison()]);
    const head = await appendMany(h.events, 5, tick);
    const first = h.runner(projection);
    first.start();
    expect(await first.waitForPosition(head, 5_000)).toBe(true);
    await first.stop();

    const more = await appendMany(h.events, 5, tick);
    const restarted = h.runner(projection, { store: h.openStore() });
    restarted.start();
    expect(await restarted.waitForPosition(more, 5_000)).toBe(true);
    expect(await counter(projection)).toBe(10);
    expect((await readDeadLetters(h.store, projection.name)).count).toBe(1);
  });

  it('a rebuild clears the dead letters first, and parks again only what still fails', async () => {
    const projection = poisonedCounter();
    await h.events.appendToStream('ticks-bad', [poison(), poison()]);
    const head = await appendMany(h.events, 5, tick);
    const runner = h.runner(projection);
    runner.start();
    expect(await runner.waitForPosition(head, 5_000)).toBe(true);
    expect((await readDeadLetters(h.store, projection.name)).count).toBe(2);

    expect((await runner.rebuild(5_000)).caughtUp).toBe(true);
    expect((await readDeadLetters(h.store, projection.name)).count).toBe(2);
    expect(await counter(projection)).toBe(5);
    await runner.stop();

    // The projection was fixed: the same events now apply, and nothing is parked.
    const fixed = h.runner({ ...counterProjection('test-poisoned', ['Ticked']) });
    expect((await fixed.rebuild(5_000)).caughtUp).toBe(true);
    expect(await readDeadLetters(h.store, projection.name)).toEqual({ count: 0, latest: [] });
    expect(await counter(projection)).toBe(7);
    expect(await h.store.collection(deadLetterCollection(projection.name)).count()).toBe(0);
  });

  it('parks an event whose document the store refuses (a duplicate key), applying the rest of its batch', async () => {
    await registerUser(h.events, 'u1', 'Ada', 'ada@x.org');
    const clash = await registerUser(h.events, 'u2', 'Impostor', 'ada@x.org');
    const head = await registerUser(h.events, 'u3', 'Grace', 'grace@x.org');
    await h.store.collection(usersProjection.collection).createIndex({ fields: ['email'], unique: true });
    const runner = h.runner(usersProjection, { logger });
    runner.start();
    expect(await runner.waitForPosition(head, 5_000)).toBe(true);
    const users = await h.store.collection<UserDoc>(usersProjection.collection).find({}, { sort: { _id: 1 } });
    expect(users.map((u) => u._id)).toEqual(['u1', 'u3']);
    const parked = await readDeadLetters(h.store, usersProjection.name);
    expect(parked.latest).toEqual([expect.objectContaining({ position: clash.toString(), streamId: 'user-u2', error: expect.stringMatching(/Duplicate key/) })]);
  });

  it('parks an event its upcaster cannot read', async () => {
    const upcasters = new UpcasterRegistry().register({
      type: 'Ticked',
      fromVersion: 1,
      upcast: (data: { i?: number }, event: RecordedEvent) => {
        if (data.i === undefined) throw new Error(`Ticked ${event.eventId} has no i`);
        return data;
      },
    });
    const projection = counterProjection('test-upcast', ['Ticked']);
    await h.events.appendToStream('ticks-x', [testEvent('Ticked', {})]);
    const head = await appendMany(h.events, 4, tick);
    const runner = h.runner(projection, { upcasters });
    runner.start();
    expect(await runner.waitForPosition(head, 5_000)).toBe(true);
    expect(await counter(projection)).toBe(4);
    expect((await readDeadLetters(h.store, projection.name)).latest[0]?.error).toMatch(/has no i/);
  });
});
