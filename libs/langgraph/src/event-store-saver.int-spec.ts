// A small LangGraph graph with a human approval (interrupt) run against our saver on a SQLite
// file: resume after reopening the file, time travel with getStateHistory, and a fork with
// updateState, then what the log holds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Annotation, Command, END, interrupt, START, StateGraph, type StateSnapshot } from '@langchain/langgraph';
import { SqliteEventStore, StreamNotFound, verifyStream, type RecordedEvent } from '@crystalyse/event-store';
import { EventStoreSaver } from './event-store-saver.js';
import type { CheckpointSavedData } from './thread.events.js';
import { BRANCH_STREAM_PREFIX, threadStream } from './thread.streams.js';

const State = Annotation.Root({
  question: Annotation<string>(),
  answer: Annotation<string>(),
  approved: Annotation<boolean>(),
  log: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
});

const graph = (saver: EventStoreSaver) =>
  new StateGraph(State)
    .addNode('analyse', (s: typeof State.State) => ({ answer: `${s.question}: olivine cathode, 3.4 V`, log: ['analysed'] }))
    .addNode('review', (s: typeof State.State) => {
      const decision = interrupt<{ answer: string }, string>({ answer: s.answer });
      return { approved: decision === 'approve', log: [`reviewed: ${decision}`] };
    })
    .addEdge(START, 'analyse')
    .addEdge('analyse', 'review')
    .addEdge('review', END)
    .compile({ checkpointer: saver });

/** What the run stopped on: the values of the interrupts in the result. */
const interrupts = (result: unknown) => (result as { __interrupt__?: Array<{ value: unknown }> }).__interrupt__?.map((i) => i.value);

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('EventStoreSaver with a LangGraph graph', () => {
  let dir: string;
  let stores: SqliteEventStore[];
  const open = () => {
    const store = SqliteEventStore.open({ path: join(dir, 'events.db') });
    stores.push(store);
    return { store, saver: new EventStoreSaver({ store, actor: { userId: 'researcher-7', via: 'api' } }) };
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'crystalyse-langgraph-int-'));
    stores = [];
  });
  afterEach(async () => {
    for (const store of stores) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops at the interrupt, resumes after a restart, travels back, forks with updateState, and keeps every line', async () => {
    const config = { configurable: { thread_id: 'thread-1' } };
    const first = open();
    const paused = await graph(first.saver).invoke({ question: 'LiFePO4' }, config);
    expect(interrupts(paused)).toEqual([{ answer: 'LiFePO4: olivine cathode, 3.4 V' }]);
    expect((await graph(first.saver).getState(config)).next).toEqual(['review']);

    // A new process on the same file: nothing but the log to go on.
    const second = open();
    const app = graph(second.saver);
    const done = await app.invoke(new Command({ resume: 'approve' }), config);
    expect(done).toMatchObject({ approved: true, log: ['analysed', 'reviewed: approve'] });

    const history = await collect(app.getStateHistory(config));
    expect(history.map((s) => [s.metadata?.source, s.metadata?.step, s.next])).toEqual([
      ['loop', 2, []],
      ['loop', 1, ['review']],
      ['loop', 0, ['analyse']],
      ['input', -1, ['__start__']],
    ]);
    expect(history[1]!.values).toEqual({ question: 'LiFePO4', answer: 'LiFePO4: olivine cathode, 3.4 V', log: ['analysed'] });

    // Back to the moment before the review, with a corrected answer: a fork.
    const beforeReview = history[1]!;
    const forkConfig = await app.updateState(beforeReview.config, { answer: 'LiFePO4: olivine, 3.45 V vs Li' });
    const forkPaused = await app.invoke(null, forkConfig);
    expect(interrupts(forkPaused)).toEqual([{ answer: 'LiFePO4: olivine, 3.45 V vs Li' }]);
    const forkDone = await app.invoke(new Command({ resume: 'reject' }), config);
    expect(forkDone).toMatchObject({ approved: false, answer: 'LiFePO4: olivine, 3.45 V vs Li', log: ['analysed', 'reviewed: reject'] });

    // The thread's head is the fork's end; the first line is still there, unchanged.
    expect((await app.getState(config)).values.approved).toBe(false);
    expect((await app.getState(history[0]!.config)).values).toMatchObject({ approved: true, answer: 'LiFePO4: olivine cathode, 3.4 V' });
    const forkHistory: StateSnapshot[] = await collect(app.getStateHistory(config));
    // Both lines, newest first: the fork's review and update, then the first line.
    expect(forkHistory.map((s) => [s.metadata?.source, s.metadata?.step])).toEqual([['loop', 3], ['update', 2], ['loop', 2], ['loop', 1], ['loop', 0], ['input', -1]]);
    expect(forkHistory[1]!.parentConfig?.configurable?.checkpoint_id).toBe(beforeReview.config.configurable?.checkpoint_id);

    // In the log: the thread stream, and one branch for the fork whose first event names its parent.
    const root = await second.store.readStream(threadStream('thread-1'));
    const opened = root.filter((e) => e.type === 'LangGraphBranchOpened');
    expect(opened.map((e) => e.data)).toEqual([{ branch: expect.stringMatching(new RegExp(`^${BRANCH_STREAM_PREFIX}`)), ns: '' }]);
    const branchId = (opened[0]!.data as { branch: string }).branch;
    const branch = await second.store.readStream(branchId);
    expect(branch[0]).toMatchObject({ type: 'LangGraphBranchStarted', data: { ns: '', parent: { stream: threadStream('thread-1'), checkpoint: beforeReview.config.configurable?.checkpoint_id } } });
    for (const stream of [threadStream('thread-1'), branchId]) expect(await verifyStream(second.store, stream)).toMatchObject({ ok: true });
    expect(root[0]!.metadata.actor).toEqual({ userId: 'researcher-7', via: 'api' });

    // Each checkpoint holds only the channels that changed: the question is stored once.
    const checkpoints = [...root, ...branch].filter((e): e is RecordedEvent<string, CheckpointSavedData> => e.type === 'LangGraphCheckpointSaved');
    expect(checkpoints.filter((e) => 'question' in e.data.values)).toHaveLength(1);
    // The fork's checkpoint: the corrected answer and the edge it triggers, nothing else.
    expect(Object.keys(checkpoints.find((e) => e.data.id === forkConfig.configurable?.checkpoint_id)!.data.values).sort()).toEqual(['answer', 'branch:to:review']);
  });

  it('deleteThread removes the thread for LangGraph; the log keeps the record and the id can be used again', async () => {
    const { store, saver } = open();
    const app = graph(saver);
    const config = { configurable: { thread_id: 'thread-2' } };
    await app.invoke({ question: 'NaCl' }, config);
    const before = await store.headPosition();

    await saver.deleteThread('thread-2');
    expect(await saver.getTuple(config)).toBeUndefined();
    await expect(store.readStream(threadStream('thread-2'))).rejects.toBeInstanceOf(StreamNotFound);
    // A second saver (another process) sees it deleted too.
    expect(await open().saver.getTuple(config)).toBeUndefined();
    const audit = await store.readAll({ filter: { streamPrefixes: [threadStream('thread-2')] } });
    expect(audit.at(-1)).toMatchObject({ type: 'LangGraphThreadDeleted', data: { streams: [threadStream('thread-2')] } });
    expect(audit.at(-1)!.position).toBeGreaterThan(before);

    const again = await app.invoke({ question: 'KCl' }, config);
    expect(again).toMatchObject({ question: 'KCl', log: ['analysed'] });
    expect((await collect(app.getStateHistory(config))).every((s) => s.values.question !== 'NaCl')).toBe(true);
  });
});
