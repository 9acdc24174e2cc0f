import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WrongExpectedVersion } from '../errors.js';
import type { AppendOptions, EventData } from '../event-store.port.js';
import { SqliteEventStore } from '../sqlite/sqlite-event-store.js';
import { EventStoreDbEventStore } from '../eventstoredb/eventstoredb-event-store.js';
import { FakeEsdbClient } from '../eventstoredb/fake-esdb-client.js';
import { verifyStream } from '../verify-stream.js';
import type { Decider } from './decider.js';
import { handle, loadStream, type CommandContext } from './handle.js';
import { StateCache } from './state-cache.js';
import { SnapshotStore, type Snapshot, type SnapshotOptions } from './snapshots.js';

type CounterCommand = { type: 'Increment'; by: number } | { type: 'Noop' } | { type: 'Set'; to: number };
type CounterEvent = { type: 'Incremented'; data: { by: number } };
interface Counter {
  value: number;
}

// A class on purpose: evolve uses `this`, as many deciders written as classes do.
class CounterDecider implements Decider<CounterCommand, CounterEvent, Counter> {
  decisions = 0;
  initialState(): Counter {
    return { value: 0 };
  }
  evolve(state: Counter, event: CounterEvent): Counter {
    return { value: this.add(state.value, event.data.by) };
  }
  decide(command: CounterCommand, state: Counter): CounterEvent[] {
    this.decisions++;
    if (command.type === 'Set') return command.to === state.value ? [] : [{ type: 'Incremented', data: { by: command.to - state.value } }];
    return command.type === 'Increment' ? [{ type: 'Incremented', data: { by: command.by } }] : [];
  }
  private add(a: number, b: number): number {
    return a + b;
  }
}

const context = (commandId?: string): CommandContext => ({
  actor: { userId: 'u-1', via: 'api' },
  occurredAt: '2026-03-01T10:00:00.000Z',
  ...(commandId ? { commandId } : {}),
});
const increment = (by = 1): CounterCommand => ({ type: 'Increment', by });
const set = (to: number): CounterCommand => ({ type: 'Set', to });
const foreign = (): EventData => ({ eventId: randomUUID(), type: 'Incremented', data: { by: 100 }, metadata: { ...context(), correlationId: 'x', causationId: 'x', schemaVersion: 1 } });

/** Lets a test slip another writer's append in just before the handler's own append. */
class RacingStore extends SqliteEventStore {
  beforeAppend: ((streamId: string) => Promise<void>) | null = null;
  override async appendToStream(streamId: string, events: EventData[], options?: AppendOptions) {
    const hook = this.beforeAppend;
    if (hook && !streamId.startsWith('snapshot-')) await hook(streamId);
    return super.appendToStream(streamId, events, options);
  }
  /** Another writer's append, which does not trigger the hook. */
  sneakIn(streamId: string): Promise<void> {
    return super.appendToStream(streamId, [foreign()]).then(() => undefined);
  }
}

describe('handle() on the SQLite store', () => {
  let dir: string;
  let store: RacingStore;
  let decider: CounterDecider;
  const stream = () => `counter-${randomUUID()}`;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'crystalyse-handle-'));
    store = new RacingStore({ path: join(dir, 'events.db') });
    decider = new CounterDecider();
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates, extends and folds a stream with a class-based decider', async () => {
    const id = stream();
    const first = await handle(store, id, decider, increment(2), { context: context() });
    expect(first).toMatchObject({ nextExpectedRevision: 0n, state: { value: 2 }, replayed: false });
    expect(first.events[0]).toMatchObject({ type: 'Incremented', revision: 0n, metadata: { actor: { userId: 'u-1' } } });
    const second = await handle(store, id, decider, increment(3), { context: context() });
    expect(second).toMatchObject({ nextExpectedRevision: 1n, state: { value: 5 } });
    const noop = await handle(store, id, decider, { type: 'Noop' }, { context: context() });
    expect(noop).toMatchObject({ events: [], nextExpectedRevision: 1n, state: { value: 5 }, replayed: false });
    expect((await verifyStream(store, id)).ok).toBe(true);
  });

  it('re-reads and re-decides after losing a race, when no revision was given', async () => {
    const id = stream();
    await handle(store, id, decider, increment(1), { context: context() });
    let raced = false;
    store.beforeAppend = async (s) => {
      if (raced) return;
      raced = true;
      await store.sneakIn(s);
    };
    const result = await handle(store, id, decider, increment(1), { context: context() });
    expect(result).toMatchObject({ nextExpectedRevision: 2n, state: { value: 102 } });
    expect(decider.decisions).toBe(3);
  });

  it('gives up with WrongExpectedVersion once the retries are spent', async () => {
    const id = stream();
    await handle(store, id, decider, increment(1), { context: context() });
    store.beforeAppend = (s) => store.sneakIn(s);
    await expect(handle(store, id, decider, increment(1), { context: context(), retries: 2 })).rejects.toBeInstanceOf(WrongExpectedVersion);
    expect(decider.decisions).toBe(1 + 3);
  });

  it('is strict with an explicit expectedRevision: no retry', async () => {
    const id = stream();
    await handle(store, id, decider, increment(1), { context: context() });
    await handle(store, id, decider, increment(1), { context: context() });
    const before = decider.decisions;
    await expect(handle(store, id, decider, increment(1), { context: context(), expectedRevision: 0n })).rejects.toMatchObject({ expected: 0n, actual: 1n });
    expect(decider.decisions).toBe(before + 1);
    const ok = await handle(store, id, decider, increment(1), { context: context(), expectedRevision: 1n });
    expect(ok.nextExpectedRevision).toBe(2n);
  });

  it('answers a repeated commandId with replayed: true and appends nothing', async () => {
    const id = stream();
    const first = await handle(store, id, decider, increment(4), { context: context('cmd-1') });
    const again = await handle(store, id, decider, increment(4), { context: context('cmd-1') });
    expect(again).toMatchObject({ replayed: true, events: [], nextExpectedRevision: 0n, position: first.position, state: { value: 4 } });
    expect(await store.readStream(id)).toHaveLength(1);
  });

  it('answers a repeated key of a command that changed nothing with its first result, after the state moved on', async () => {
    const id = stream();
    await handle(store, id, decider, set(1), { context: context() });
    const noop = await handle(store, id, decider, set(1), { context: context('set-1') });
    expect(noop).toMatchObject({ events: [], replayed: false, nextExpectedRevision: 0n });
    await handle(store, id, decider, set(2), { context: context() });
    const decisions = decider.decisions;
    const again = await handle(store, id, decider, set(1), { context: context('set-1') });
    expect(again).toMatchObject({ replayed: true, events: [], nextExpectedRevision: noop.nextExpectedRevision, position: noop.position });
    expect(decider.decisions).toBe(decisions);
    expect((await loadStream(store, id, decider)).state.value).toBe(2);
    expect(await store.readStream(id)).toHaveLength(2);
  });

  it('remembers a no-op key across a restart: the record is in the store, not in the process', async () => {
    const id = stream();
    const cache = new StateCache<Counter>();
    await handle(store, id, decider, set(1), { context: context(), cache });
    const noop = await handle(store, id, decider, set(1), { context: context('restart-key'), cache });
    await store.close();
    store = new RacingStore({ path: join(dir, 'events.db') });
    await handle(store, id, decider, set(5), { context: context(), cache: new StateCache<Counter>() });
    const again = await handle(store, id, decider, set(1), { context: context('restart-key'), cache: new StateCache<Counter>() });
    expect(again).toMatchObject({ replayed: true, events: [], nextExpectedRevision: noop.nextExpectedRevision, position: noop.position, state: { value: 5 } });
    expect(await store.readStream(id)).toHaveLength(2);
  });

  it('keeps a no-op key to its stream: the same key on another stream is a new command', async () => {
    const [a, b] = [stream(), stream()];
    await handle(store, a, decider, set(0), { context: context('shared-key') });
    const other = await handle(store, b, decider, set(3), { context: context('shared-key') });
    expect(other).toMatchObject({ replayed: false, state: { value: 3 } });
  });

  it('treats the same command sent twice at once, with a strict revision, as a repeat', async () => {
    const id = stream();
    await handle(store, id, decider, increment(1), { context: context() });
    const both = await Promise.all([0, 1].map(() => handle(store, id, decider, increment(5), { context: context('cmd-twice'), expectedRevision: 0n })));
    expect(both.map((r) => r.replayed).sort()).toEqual([false, true]);
    expect(await store.readStream(id)).toHaveLength(2);
  });

  describe('with snapshots', () => {
    const options = (snapshots: SnapshotStore, version = 'v1'): SnapshotOptions<Counter> & { store: SnapshotStore } => ({ every: 3, version, store: snapshots });

    it('takes one every N events and loads from it', async () => {
      const id = stream();
      const snapshots = new SnapshotStore(store);
      for (let i = 0; i < 4; i++) await handle(store, id, decider, increment(1), { context: context(), snapshot: options(snapshots) });
      expect(await store.snapshots.read(id)).toEqual({ version: 'v1', revision: '2', firstRevision: '0', position: '3', state: { value: 3 } });

      const loaded = await loadStream(store, id, decider, { snapshot: options(snapshots) });
      expect(loaded).toMatchObject({ fromSnapshot: true, eventsFolded: 1, revision: 3n, state: { value: 4 } });
      // The loaded state really comes from the snapshot: a doctored one shows through.
      await snapshots.save(id, { revision: 3n, state: { value: 1000 } }, options(snapshots));
      expect((await loadStream(store, id, decider, { snapshot: options(snapshots) })).state).toEqual({ value: 1000 });
    });

    it('ignores a snapshot written for another state version', async () => {
      const id = stream();
      const snapshots = new SnapshotStore(store);
      for (let i = 0; i < 3; i++) await handle(store, id, decider, increment(2), { context: context(), snapshot: options(snapshots) });
      await snapshots.save(id, { revision: 2n, state: { value: -1 } }, options(snapshots, 'v1'));
      const loaded = await loadStream(store, id, decider, { snapshot: options(snapshots, 'v2') });
      expect(loaded).toMatchObject({ fromSnapshot: false, eventsFolded: 3, state: { value: 6 } });
    });

    it('finds a repeated commandId among events folded into the snapshot', async () => {
      const id = stream();
      const snapshots = new SnapshotStore(store);
      await handle(store, id, decider, increment(1), { context: context('early'), snapshot: options(snapshots) });
      for (let i = 0; i < 3; i++) await handle(store, id, decider, increment(1), { context: context(), snapshot: options(snapshots) });
      const again = await handle(store, id, decider, increment(1), { context: context('early'), snapshot: options(snapshots) });
      expect(again).toMatchObject({ replayed: true, state: { value: 4 } });
      expect(await store.readStream(id)).toHaveLength(4);
    });

    it('does not bring back a soft-deleted stream through its snapshot', async () => {
      const id = stream();
      const snapshots = new SnapshotStore(store);
      for (let i = 0; i < 3; i++) await handle(store, id, decider, increment(10), { context: context(), snapshot: options(snapshots) });
      await store.deleteStream(id);
      const fresh = await handle(store, id, decider, increment(1), { context: context(), snapshot: options(snapshots) });
      expect(fresh).toMatchObject({ state: { value: 1 }, nextExpectedRevision: 3n });
      expect((await loadStream(store, id, decider, { snapshot: options(snapshots) })).state).toEqual({ value: 1 });
    });

    it('still reports success when saving the snapshot fails', async () => {
      class BrokenSnapshots extends SnapshotStore {
        override async save<S>(_s: string, _snapshot: Snapshot<S>, _o: SnapshotOptions<S>): Promise<void> {
          throw new Error('disk full');
        }
      }
      const id = stream();
      const broken = new BrokenSnapshots(store);
      const results = [];
      for (let i = 0; i < 3; i++) results.push(await handle(store, id, decider, increment(1), { context: context(), snapshot: options(broken) }));
      expect(results[2]).toMatchObject({ nextExpectedRevision: 2n, state: { value: 3 } });
    });
  });
});

describe('handle() with a state cache', () => {
  it('folds only the events after the cached revision and still sees other writers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cache-'));
    const store = SqliteEventStore.open({ path: join(dir, 'events.db') });
    const cache = new StateCache<Counter>();
    const decider = new CounterDecider();
    await handle(store, 'counter-c', decider, increment(2), { context: context(), cache });
    // Another replica (no cache here) writes behind this one's back.
    await handle(store, 'counter-c', decider, increment(3), { context: context() });
    const loaded = await loadStream(store, 'counter-c', decider, { cache });
    expect(loaded.state.value).toBe(5);
    expect(loaded.eventsFolded).toBe(1);
    expect(cache.stats().hits).toBe(1);
    // Nothing newer than the cached state: the load still reports the stream's real position.
    const again = await loadStream(store, 'counter-c', decider, { cache });
    expect(again.eventsFolded).toBe(0);
    expect(again.position).toBe(loaded.position);
    expect(again.position).toBeGreaterThan(0n);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('handle() idempotency with a state cache', () => {
  it('recognises a repeated key from the cached keys, without reading the stream backwards', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cache-keys-'));
    const store = SqliteEventStore.open({ path: join(dir, 'events.db') });
    const backwardsReads: string[] = [];
    const spied = new Proxy(store, {
      get(target, key, receiver) {
        if (key === 'readStream') {
          return (id: string, options?: { direction?: string }) => {
            if (options?.direction === 'backwards') backwardsReads.push(id);
            return target.readStream(id, options as never);
          };
        }
        const value = Reflect.get(target, key, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const cache = new StateCache<Counter>();
    const decider = new CounterDecider();
    const first = await handle(spied, 'counter-k', decider, increment(1), { context: context('key-1'), cache });
    await handle(spied, 'counter-k', decider, increment(1), { context: context('key-2'), cache });
    const repeat = await handle(spied, 'counter-k', decider, increment(1), { context: context('key-1'), cache });
    expect(repeat).toMatchObject({ replayed: true, events: [] });
    expect(repeat.state.value).toBe(2);
    expect(first.replayed).toBe(false);
    expect(backwardsReads).toEqual([]);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('handle() idempotency of no-ops on the EventStoreDB adapter (fake client)', () => {
  it('answers a repeated key of a no-op with its first result from another replica, after the state moved on', async () => {
    const client = new FakeEsdbClient().asClient();
    // Two replicas: two adapters on the same server, each with its own cache.
    const [one, two] = [new EventStoreDbEventStore(client), new EventStoreDbEventStore(client)];
    const decider = new CounterDecider();
    await handle(one, 'counter-esdb', decider, set(1), { context: context(), cache: new StateCache<Counter>() });
    const noop = await handle(one, 'counter-esdb', decider, set(1), { context: context('esdb-key'), cache: new StateCache<Counter>() });
    await handle(two, 'counter-esdb', decider, set(2), { context: context() });
    const again = await handle(two, 'counter-esdb', decider, set(1), { context: context('esdb-key'), cache: new StateCache<Counter>() });
    expect(again).toMatchObject({ replayed: true, events: [], nextExpectedRevision: noop.nextExpectedRevision, position: noop.position, state: { value: 2 } });
    expect(await two.readStream('counter-esdb')).toHaveLength(2);
    expect(await two.getStreamMetadata('idempotency-counter-esdb')).toMatchObject({ maxCount: 1000 });
  });
});
