import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WrongExpectedVersion } from '../errors.js';
import type { AppendOptions, EventData } from '../event-store.port.js';
import { SqliteEventStore } from '../sqlite/sqlite-event-store.js';
import { CommandWriter } from './command-writer.js';
import type { Decider } from './decider.js';
import type { CommandContext } from './handle.js';
import { StateCache } from './state-cache.js';

type Command = { type: 'Add'; item: string } | { type: 'Refuse' } | { type: 'Noop' };
type Event = { type: 'Added'; data: { item: string } };
interface State {
  items: string[];
}

const decider: Decider<Command, Event, State> = {
  initialState: () => ({ items: [] }),
  evolve: (state, event) => ({ items: [...state.items, event.data.item] }),
  decide(command, state) {
    if (command.type === 'Refuse') throw new Error('refused by the domain');
    if (command.type === 'Noop') return [];
    return state.items.includes(command.item) ? [] : [{ type: 'Added', data: { item: command.item } }];
  },
};

const context = (commandId?: string): CommandContext => ({ actor: { userId: 'u', via: 'api' }, occurredAt: '2026-12-05T10:00:00.000Z', ...(commandId ? { commandId } : {}) });
const add = (item: string): Command => ({ type: 'Add', item });

class CountingStore extends SqliteEventStore {
  appends = 0;
  override appendToStream(streamId: string, events: EventData[], options?: AppendOptions) {
    if (!streamId.startsWith('snapshot-')) this.appends++;
    return super.appendToStream(streamId, events, options);
  }
}

describe('CommandWriter', () => {
  let dir: string;
  let store: CountingStore;
  let writer: CommandWriter;
  const stream = () => `items-${randomUUID()}`;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'crystalyse-writer-'));
    store = new CountingStore({ path: join(dir, 'events.db') });
    writer = new CommandWriter(store);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes 200 concurrent commands on one stream without a single lost race, in few appends', async () => {
    const id = stream();
    const cache = new StateCache<State>();
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => writer.submit(id, decider, add(`item-${i}`), { context: context(), cache })));
    const revisions = results.map((r) => Number(r.nextExpectedRevision)).sort((a, b) => a - b);
    expect(revisions).toEqual(Array.from({ length: 200 }, (_, i) => i));
    const stored = await store.readStream(id);
    expect(stored.map((e) => (e.data as { item: string }).item).sort()).toEqual(results.map((_, i) => `item-${i}`).sort());
    // Whatever queued while an append was made durable went into the next one.
    expect(store.appends).toBeLessThan(20);
  });

  it('decides each command on the state the earlier ones of its round left', async () => {
    const id = stream();
    const [first, second] = await Promise.all([
      writer.submit(id, decider, add('same'), { context: context() }),
      writer.submit(id, decider, add('same'), { context: context() }),
    ]);
    expect(first.events).toHaveLength(1);
    expect(second).toMatchObject({ events: [], nextExpectedRevision: 0n, replayed: false });
    expect(await store.readStream(id)).toHaveLength(1);
  });

  it('refuses one command of a round alone', async () => {
    const id = stream();
    const outcomes = await Promise.allSettled([
      writer.submit(id, decider, add('a'), { context: context() }),
      writer.submit(id, decider, { type: 'Refuse' }, { context: context() }),
      writer.submit(id, decider, add('b'), { context: context() }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toEqual(new Error('refused by the domain'));
    expect(await store.readStream(id)).toHaveLength(2);
  });

  it('answers a key sent twice in one round with the first answer', async () => {
    const id = stream();
    const [first, again] = await Promise.all([
      writer.submit(id, decider, add('x'), { context: context('key-1') }),
      writer.submit(id, decider, add('y'), { context: context('key-1') }),
    ]);
    expect(first).toMatchObject({ replayed: false, nextExpectedRevision: 0n });
    expect(again).toMatchObject({ replayed: true, nextExpectedRevision: 0n, events: [] });
    expect(await store.readStream(id)).toHaveLength(1);
  });

  it('keeps a strict revision strict inside a round', async () => {
    const id = stream();
    await writer.submit(id, decider, add('a'), { context: context() });
    const outcomes = await Promise.allSettled([
      writer.submit(id, decider, add('b'), { context: context() }),
      // Based on revision 0, but the command before it in the round moves the stream to 1.
      writer.submit(id, decider, add('c'), { context: context(), expectedRevision: 0n }),
    ]);
    expect(outcomes[0]!.status).toBe('fulfilled');
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersion);
    expect(await store.readStream(id)).toHaveLength(2);
  });

  it('decides the round again when another process appended first', async () => {
    const id = stream();
    const other = new SqliteEventStore({ path: join(dir, 'events.db') });
    const cache = new StateCache<State>();
    await writer.submit(id, decider, add('a'), { context: context(), cache });
    // Another process appends `b`: the cached state here does not know it yet.
    await new CommandWriter(other).submit(id, decider, add('b'), { context: context() });
    const results = await Promise.all([add('b'), add('c')].map((c) => writer.submit(id, decider, c, { context: context(), cache })));
    expect(results[0]).toMatchObject({ events: [] });
    expect(results[1]!.state).toEqual({ items: ['a', 'b', 'c'] });
    await other.close();
  });
});
