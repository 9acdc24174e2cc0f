// How the saver uses the store: reads that do not grow with the thread, two processes on one
// thread, LangGraph's "copy" fork, subgraph namespaces as branches, hostile ids.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyCheckpoint, uuid6, type ChannelVersions, type Checkpoint } from '@langchain/langgraph-checkpoint';
import { Annotation, END, START, StateGraph } from '@langchain/langgraph';
import type { RunnableConfig } from '@langchain/core/runnables';
import { SqliteEventStore, type EventStore } from '@crystalyse/event-store';
import { EventStoreSaver } from './event-store-saver.js';
import { namespaceStream, THREAD_STREAM_PREFIX, threadStream } from './thread.streams.js';

/** Counts the store's stream reads, and can run something just before the next append. */
function instrumented(store: EventStore) {
  const counts = { reads: 0, events: 0 };
  let beforeAppend: (() => Promise<void>) | null = null;
  const proxy = new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'readStream') {
        return async (...args: Parameters<EventStore['readStream']>) => {
          counts.reads += 1;
          const events = await target.readStream(...args);
          counts.events += events.length;
          return events;
        };
      }
      if (key === 'appendToStream') {
        return async (...args: Parameters<EventStore['appendToStream']>) => {
          const hook = beforeAppend;
          beforeAppend = null;
          if (hook) await hook();
          return target.appendToStream(...args);
        };
      }
      const value = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { proxy, counts, beforeNextAppend: (hook: () => Promise<void>) => void (beforeAppend = hook) };
}

const step = (previous: Checkpoint, n: number, saver: EventStoreSaver): { checkpoint: Checkpoint; newVersions: ChannelVersions } => {
  const versions = { ...previous.channel_versions, turn: saver.getNextVersion(previous.channel_versions.turn as number | undefined) };
  return {
    checkpoint: { ...emptyCheckpoint(), id: uuid6(n), channel_values: { context: 'x'.repeat(2000), turn: n }, channel_versions: { context: '1', ...versions } },
    newVersions: n === 0 ? { context: '1', turn: versions.turn } : { turn: versions.turn },
  };
};

describe('EventStoreSaver on the store', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'crystalyse-langgraph-store-'));
    store = SqliteEventStore.open({ path: join(dir, 'events.db'), synchronous: 'NORMAL' });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a cold read of the latest checkpoint reads from the last keyframe, however long the thread; older ones read the thread whole once', async () => {
    const saver = new EventStoreSaver({ store });
    let config: RunnableConfig = { configurable: { thread_id: 'long', checkpoint_ns: '' } };
    let previous = emptyCheckpoint();
    const ids: string[] = [];
    for (let n = 0; n < 300; n++) {
      const { checkpoint, newVersions } = step(previous, n, saver);
      config = await saver.put(config, checkpoint, { source: 'loop', step: n, parents: {} }, newVersions);
      ids.push(checkpoint.id);
      previous = checkpoint;
    }
    const { proxy, counts } = instrumented(store);
    const cold = new EventStoreSaver({ store: proxy });
    const latest = await cold.getTuple({ configurable: { thread_id: 'long' } });
    expect(latest?.checkpoint.channel_values).toEqual({ context: 'x'.repeat(2000), turn: 299 });
    // One page back to the last keyframe, and the first checkpoint, which holds the context.
    expect(counts).toEqual({ reads: 2, events: 81 });

    Object.assign(counts, { reads: 0, events: 0 });
    await cold.getTuple({ configurable: { thread_id: 'long' } });
    expect(counts).toEqual({ reads: 1, events: 0 }); // only the catch-up

    Object.assign(counts, { reads: 0, events: 0 });
    const first = await cold.getTuple({ configurable: { thread_id: 'long', checkpoint_id: ids[0]! } });
    expect(first?.checkpoint.channel_values).toEqual({ context: 'x'.repeat(2000), turn: 0 });
    expect(counts.events).toBe(300);
    const newest = [];
    for await (const t of cold.list({ configurable: { thread_id: 'long' } }, { limit: 3 })) newest.push(t.checkpoint.channel_values.turn);
    expect(newest).toEqual([299, 298, 297]);
    // The context was stored once, by the first checkpoint, not 300 times.
    const stored = (await store.readStream(threadStream('long'))).filter((e) => 'context' in (e.data as { values: object }).values);
    expect(stored).toHaveLength(1);
  });

  it('two processes on one thread: the one that lost the race re-reads and forks from the parent it was given', async () => {
    const { proxy, beforeNextAppend } = instrumented(store);
    const a = new EventStoreSaver({ store: proxy });
    const b = new EventStoreSaver({ store });
    const thread = { configurable: { thread_id: 'shared', checkpoint_ns: '' } };
    const [c1, fromB, fromA] = [uuid6(1), uuid6(2), uuid6(3)];
    const c1Config = await a.put(thread, { ...emptyCheckpoint(), id: c1 }, { source: 'input', step: -1, parents: {} }, {});
    // B saves a child of c1 just before A's append of another child of c1.
    beforeNextAppend(async () => void (await b.put(c1Config, { ...emptyCheckpoint(), id: fromB }, { source: 'loop', step: 0, parents: {} }, {})));
    await a.put(c1Config, { ...emptyCheckpoint(), id: fromA }, { source: 'loop', step: 0, parents: {} }, {});
    const seen = [];
    for await (const t of b.list(thread)) seen.push([t.checkpoint.id, t.parentConfig?.configurable?.checkpoint_id]);
    expect(seen).toEqual([[fromA, c1], [fromB, c1], [c1, undefined]]);
    const root = await store.readStream(threadStream('shared'));
    expect(root.filter((e) => e.type === 'LangGraphBranchOpened').map((e) => e.data)).toEqual([{ branch: expect.any(String), ns: '' }]);
  });

  it("a cold reader finds a fork from the keyframes of the stream it left, after that stream moved on", async () => {
    const saver = new EventStoreSaver({ store, frameEvery: 3 });
    const meta = { source: 'loop' as const, step: 0, parents: {} };
    const put = (parent: string | undefined, n: number) =>
      saver.put({ configurable: { thread_id: 'forked', checkpoint_ns: '', ...(parent ? { checkpoint_id: parent } : {}) } }, { ...emptyCheckpoint(), id: uuid6(n) }, meta, {});
    const id = async (parent: string | undefined, n: number) => (await put(parent, n)).configurable!.checkpoint_id as string;
    const c1 = await id(undefined, 1);
    const c2 = await id(c1, 2);
    let main = await id(c2, 3);
    const fork = await id(c2, 4);
    // The main line goes on past a keyframe, so its last keyframe comes after the fork was opened.
    for (let n = 5; n < 40; n++) main = await id(main, n);
    const newest = await id(fork, 40);
    const cold = new EventStoreSaver({ store, frameEvery: 3 });
    expect((await cold.getTuple({ configurable: { thread_id: 'forked' } }))?.checkpoint.id).toBe(newest);
  });

  it('writes saved before their checkpoint (LangGraph does not wait for the save) are read with it from its keyframe', async () => {
    const saver = new EventStoreSaver({ store });
    const thread = { thread_id: 'early', checkpoint_ns: 'tools:1' };
    const s1 = uuid6(1);
    await saver.putWrites({ configurable: { ...thread, checkpoint_id: s1 } }, [['mass', 157.76]], 'weigh');
    // The namespace's first checkpoint, so a keyframe: a cold reader starts there.
    await saver.put({ configurable: thread }, { ...emptyCheckpoint(), id: s1 }, { source: 'loop', step: 0, parents: {} }, {});
    await saver.put({ configurable: { ...thread, checkpoint_id: s1 } }, { ...emptyCheckpoint(), id: uuid6(2) }, { source: 'loop', step: 1, parents: {} }, {});
    const cold = new EventStoreSaver({ store });
    expect((await cold.getTuple({ configurable: { ...thread, checkpoint_id: s1 } }))?.pendingWrites).toEqual([['weigh', 'mass', 157.76]]);
  });

  it("LangGraph's copy of a checkpoint has that checkpoint's values, though it is saved as its parent's sibling", async () => {
    const State = Annotation.Root({ formula: Annotation<string>(), verdict: Annotation<string>() });
    const saver = new EventStoreSaver({ store });
    const app = new StateGraph(State)
      .addNode('judge', (s: typeof State.State) => ({ verdict: `${s.formula} is charge-balanced` }))
      .addEdge(START, 'judge')
      .addEdge('judge', END)
      .compile({ checkpointer: saver });
    const config = { configurable: { thread_id: 'copy' } };
    await app.invoke({ formula: 'LiFePO4' }, config);
    const final = await app.getState(config);
    const copy = await app.updateState(final.config, undefined, '__copy__');
    const copied = await app.getState(copy);
    expect(copied.parentConfig?.configurable?.checkpoint_id).toBe(final.parentConfig?.configurable?.checkpoint_id);
    expect(copied.values).toEqual({ formula: 'LiFePO4', verdict: 'LiFePO4 is charge-balanced' });
  });

  it('a subgraph runs in a namespace branch that names the checkpoint it ran under', async () => {
    const State = Annotation.Root({ formula: Annotation<string>(), mass: Annotation<number>() });
    const inner = new StateGraph(State).addNode('weigh', () => ({ mass: 157.76 })).addEdge(START, 'weigh').addEdge('weigh', END).compile();
    const saver = new EventStoreSaver({ store });
    const app = new StateGraph(State).addNode('tools', inner).addEdge(START, 'tools').addEdge('tools', END).compile({ checkpointer: saver });
    const config = { configurable: { thread_id: 'nested' } };
    expect(await app.invoke({ formula: 'LiFePO4' }, config)).toEqual({ formula: 'LiFePO4', mass: 157.76 });
    const root = await store.readStream(threadStream('nested'));
    const opened = root.filter((e) => e.type === 'LangGraphNamespaceOpened').map((e) => e.data as { ns: string; stream: string });
    expect(opened).toEqual([{ ns: expect.stringMatching(/^tools:/), stream: namespaceStream('nested', opened[0]!.ns) }]);
    const branch = await store.readStream(opened[0]!.stream);
    expect(branch[0]!.type).toBe('LangGraphBranchStarted');
    const parent = (branch[0]!.data as { parent: { stream: string; checkpoint: string } }).parent;
    expect(parent.stream).toBe(threadStream('nested'));
    expect(root.some((e) => e.type === 'LangGraphCheckpointSaved' && (e.data as { id: string }).id === parent.checkpoint)).toBe(true);
    const inNamespace = [];
    for await (const t of saver.list({ configurable: { thread_id: 'nested', checkpoint_ns: opened[0]!.ns } })) inNamespace.push(t.checkpoint.channel_values);
    expect(inNamespace[0]).toEqual({ formula: 'LiFePO4', mass: 157.76 });
  });

  it('refuses ids that are not bounded strings without control characters, before touching the store', async () => {
    const saver = new EventStoreSaver({ store });
    const put = (thread_id: unknown) => saver.put({ configurable: { thread_id } }, emptyCheckpoint(), { source: 'input', step: -1, parents: {} }, {});
    await expect(put(42)).rejects.toThrow('threadId must be a string, got number');
    await expect(put('a'.repeat(257))).rejects.toThrow('threadId is longer than 256 characters');
    await expect(put('evil\n-thread')).rejects.toThrow('threadId must not contain control characters');
    await expect(saver.deleteThread('')).rejects.toThrow('threadId must not be empty');
    await expect(saver.putWrites({ configurable: { thread_id: 't', checkpoint_id: 'c' } }, [['x', 1]], 'x'.repeat(300))).rejects.toThrow('taskId is longer');
    const list = (config: object, options?: object) => saver.list({ configurable: config }, options).next();
    await expect(list({ thread_id: 't', checkpoint_ns: { $gt: '' } })).rejects.toThrow('checkpointNs must be a string, got object');
    await expect(list({ thread_id: 't' }, { before: { configurable: { checkpoint_id: 7 } } })).rejects.toThrow('checkpointId must be a string, got number');
    expect(await store.readAll({ filter: { streamPrefixes: [THREAD_STREAM_PREFIX] } })).toEqual([]);
    // A thread or channel called __proto__ is just a name.
    await saver.put({ configurable: { thread_id: '__proto__' } }, { ...emptyCheckpoint(), channel_values: JSON.parse('{"__proto__": 1}'), channel_versions: JSON.parse('{"__proto__": "1"}') }, { source: 'input', step: -1, parents: {} }, JSON.parse('{"__proto__": "1"}'));
    const tuple = await saver.getTuple({ configurable: { thread_id: '__proto__' } });
    expect(Object.keys(tuple!.checkpoint.channel_values)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).constructor).toBe(Object);
  });
});
