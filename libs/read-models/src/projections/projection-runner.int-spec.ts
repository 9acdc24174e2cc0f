import { UpcasterRegistry } from '@crystalyse/event-store';
import { testEvent } from '../testing/in-memory-event-store.js';
import { counterProjection, usersProjection, type CounterDoc, type UserDoc } from '../testing/example-projections.js';
import { appendMany, EVENT_STORES, openHarness, registerUser, tick, type Harness } from '../testing/runner-harness.js';
import { ProjectionEngine } from './projection-engine.js';
import { silentProjectionLogger } from './projection-logger.js';

describe.each(EVENT_STORES)('ProjectionRunner on the %s event store', (_label, openEvents) => {
  let h: Harness;
  beforeEach(() => {
    h = openHarness(openEvents);
  });
  afterEach(async () => {
    await h.close();
  });

  const counter = async (collection: string) => (await h.store.collection<CounterDoc>(collection).findOne({ _id: 'counter' }))?.count;

  it('catches up in batches, then applies live events', async () => {
    const projection = counterProjection();
    const head = await appendMany(h.events, 1234, tick);
    const batchSizes: number[] = [];
    const runner = h.runner(projection, { batchSize: 500 });
    const sizes = runner.position$.subscribe(() => batchSizes.push(1));
    runner.start();
    expect(await runner.waitForPosition(head, 10_000)).toBe(true);
    expect(await counter(projection.collection)).toBe(1234);
    expect((await h.store.getCheckpoint(projection.name))?.position).toBe(head);
    // 1234 events in batches of at most 500: at least three batches, far fewer than one per event.
    expect(batchSizes.length).toBeGreaterThanOrEqual(3);
    expect(batchSizes.length).toBeLessThan(100);
    sizes.unsubscribe();

    const live = await appendMany(h.events, 5, tick);
    expect(await runner.waitForPosition(live, 5_000)).toBe(true);
    expect(await counter(projection.collection)).toBe(1239);
  });

  it('upcasts old event versions before evolve sees them, leaving the stored events as written', async () => {
    // Version 1 of UserRegistered had `fullName`; version 2 calls it `name`.
    const upcasters = new UpcasterRegistry().register({ type: 'UserRegistered', fromVersion: 1, upcast: ({ fullName, ...rest }) => ({ ...rest, name: fullName }) });
    const v1 = testEvent('UserRegistered', { fullName: 'Grace Hopper', email: 'grace@example.org' });
    const v2 = { ...testEvent('UserRegistered', { name: 'Alan Turing', email: 'alan@example.org' }), metadata: { ...v1.metadata, schemaVersion: 2 } };
    await h.events.appendToStream('user-g', [v1]);
    const head = (await h.events.appendToStream('user-a', [v2])).position;
    const runner = h.runner(usersProjection, { upcasters });
    runner.start();
    expect(await runner.waitForPosition(head, 5_000)).toBe(true);
    const users = h.store.collection<UserDoc>(usersProjection.collection);
    expect((await users.findOne({ _id: 'g' }))?.name).toBe('Grace Hopper');
    expect((await users.findOne({ _id: 'a' }))?.name).toBe('Alan Turing');
    expect((await h.events.readStream('user-g'))[0]!.data).toEqual({ fullName: 'Grace Hopper', email: 'grace@example.org' });
  });

  it('maintains a users list: create, rename, roles, delete, unique email and search', async () => {
    const engine = new ProjectionEngine(h.events, h.store, [usersProjection], { logger: silentProjectionLogger, leaseTtlMs: 1000 });
    await registerUser(h.events, 'u1', 'Ada Lovelace', 'ada@example.org');
    await registerUser(h.events, 'u2', 'Grace Hopper', 'grace@example.org');
    await h.events.appendToStream('user-u1', [testEvent('UserRenamed', { name: 'Ada King' }), testEvent('RoleGranted', { role: 'admin' })]);
    await h.events.appendToStream('user-u1', [testEvent('RoleGranted', { role: 'admin' })]);
    await h.events.appendToStream('session-x', [testEvent('SessionCreated', { name: 'ignored' })]);
    await engine.start();
    expect(await engine.waitForPosition(await h.events.headPosition(), 5_000)).toBe(true);
    const users = h.store.collection<UserDoc>(usersProjection.collection);
    expect(await users.find({}, { sort: { _id: 1 }, fields: ['name', 'roles', 'renames'] })).toEqual([
      { _id: 'u1', name: 'Ada King', roles: ['admin'], renames: 1 },
      { _id: 'u2', name: 'Grace Hopper', roles: [], renames: 0 },
    ]);
    expect((await users.textSearch('grace')).map((u) => u._id)).toEqual(['u2']);

    const deleted = (await h.events.appendToStream('user-u2', [testEvent('UserDeleted', {})])).position;
    expect(await engine.waitForPosition(deleted, 5_000)).toBe(true);
    expect((await users.find()).map((u) => u._id)).toEqual(['u1']);
    await expect(users.insertOne({ _id: 'x', name: 'Copy', email: 'ada@example.org', roles: [], renames: 0, registeredAt: '' })).rejects.toThrow();
    expect(engine.status()).toEqual([{ name: usersProjection.name, state: 'running', position: deleted }]);
    await engine.stop();
    expect(engine.status()[0]!.state).toBe('stopped');
  });

  it('waitForPosition: true when covered, also for positions only ignored events reach; false on timeout', async () => {
    const projection = counterProjection('test-wait', ['Ticked']);
    const runner = h.runner(projection);
    const first = (await h.events.appendToStream('ticks', [testEvent('Ticked', {})])).position;
    const started = Date.now();
    expect(await runner.waitForPosition(first, 150)).toBe(false); // not started: never reaches it
    expect(Date.now() - started).toBeLessThan(2_000);
    runner.start();
    expect(await runner.waitForPosition(first, 5_000)).toBe(true);
    const ignored = (await h.events.appendToStream('other', [testEvent('SomethingElse', {})])).position;
    expect(await runner.waitForPosition(ignored, 5_000)).toBe(true);
    expect(runner.position$.value).toBe(first);
    const pending = runner.waitForPosition(ignored + 1000n, 60_000);
    await runner.stop();
    expect(await pending).toBe(false); // a stop ends the wait instead of leaving it hanging
  });

  it('rebuilds from zero to the same documents, then stays live', async () => {
    const engine = new ProjectionEngine(h.events, h.store, [usersProjection, counterProjection()], { logger: silentProjectionLogger });
    for (let i = 0; i < 300; i++) await registerUser(h.events, `u${i}`, `User ${i}`, `u${i}@example.org`);
    await h.events.appendToStream('user-u7', [testEvent('UserRenamed', { name: 'Seven' }), testEvent('RoleGranted', { role: 'owner' })]);
    await h.events.appendToStream('user-u8', [testEvent('UserDeleted', {})]);
    await engine.start();
    expect(await engine.waitForPosition(await h.events.headPosition(), 10_000)).toBe(true);
    const users = h.store.collection<UserDoc>(usersProjection.collection);
    const before = await users.find({}, { sort: { _id: 1 } });
    expect(before).toHaveLength(299);

    const result = await engine.rebuild(usersProjection.name);
    expect(result).toMatchObject({ projection: usersProjection.name, caughtUp: true, events: 303 });
    expect(result.eventsPerSecond).toBeGreaterThan(0);
    expect(await users.find({}, { sort: { _id: 1 } })).toEqual(before);
    expect((await users.textSearch('seven')).map((u) => u._id)).toEqual(['u7']);

    const renamed = (await h.events.appendToStream('user-u9', [testEvent('UserRenamed', { name: 'Nine' })])).position;
    expect(await engine.waitForPosition(renamed, 5_000)).toBe(true);
    expect((await users.findOne({ _id: 'u9' }))?.name).toBe('Nine');
    expect(await counter(counterProjection().collection)).toBe(302);
  });

  it('stops cleanly: in-flight work done, subscription closed, lease free for another owner', async () => {
    const projection = counterProjection();
    const head = await appendMany(h.events, 600, tick);
    const runner = h.runner(projection, { batchSize: 100 });
    runner.start();
    await runner.waitForPosition(head / 2n, 10_000);
    await runner.stop();
    expect(runner.state$.value).toBe('stopped');
    const checkpoint = (await h.store.getCheckpoint(projection.name))!.position;
    const handled = await h.events.readAll({ filter: { eventTypes: projection.handles } });
    expect(checkpoint).toBeLessThanOrEqual(head);
    expect(await counter(projection.collection)).toBe(handled.filter((e) => e.position <= checkpoint).length);
    expect(await h.store.acquireLease(`projection:${projection.name}`, 'someone-else', 1000, new Date())).toBe(true);
    if ('openSubscriptions' in h.events) expect(h.events.openSubscriptions).toBe(0);
  });
});
