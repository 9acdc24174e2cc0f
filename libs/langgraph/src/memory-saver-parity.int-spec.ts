// The same runs on LangGraph's MemorySaver and on ours give the same states and the same
// history: turns, forks from past checkpoints, and our saver reopened cold (a fresh process
// reading from keyframes) between steps. Keyframes every 3 events, so most reads cross them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Annotation, END, MemorySaver, START, StateGraph, type StateSnapshot } from '@langchain/langgraph';
import type { BaseCheckpointSaver } from '@langchain/langgraph-checkpoint';
import { EventStoreDbEventStore, SqliteEventStore, type EventStore } from '@crystalyse/event-store';
import { FakeEsdbClient } from '../../event-store/src/eventstoredb/fake-esdb-client.js';
import { EventStoreSaver } from './event-store-saver.js';

const State = Annotation.Root({
  question: Annotation<string>(),
  context: Annotation<{ version: number; materials: string[] }>(),
  log: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
  turn: Annotation<number>({ reducer: (a, b) => a + b, default: () => 0 }),
  verdict: Annotation<string>(),
});

const graph = (saver: BaseCheckpointSaver) =>
  new StateGraph(State)
    .addNode('analyse', (s: typeof State.State) => ({
      log: [`analysed ${s.question}`],
      turn: 1,
      ...(s.turn % 4 === 3 ? { context: { version: s.turn, materials: [...(s.context?.materials ?? []), s.question] } } : {}),
    }))
    .addNode('judge', (s: typeof State.State) => ({ verdict: `${s.question}: ${s.log.length} entries, context v${s.context?.version ?? 0}` }))
    .addEdge(START, 'analyse')
    .addEdge('analyse', 'judge')
    .addEdge('judge', END)
    .compile({ checkpointer: saver });

const shape = (history: StateSnapshot[]) => history.map((s) => ({ values: s.values, next: s.next, source: s.metadata?.source, step: s.metadata?.step }));

async function historyOf(app: ReturnType<typeof graph>, config: object): Promise<StateSnapshot[]> {
  const out: StateSnapshot[] = [];
  for await (const s of app.getStateHistory(config)) out.push(s);
  return out;
}

const stores: Array<[string, (dir: string) => EventStore]> = [
  ['the SQLite store', (dir) => SqliteEventStore.open({ path: join(dir, 'events.db'), synchronous: 'NORMAL' })],
  ['the EventStoreDB adapter (fake client)', () => new EventStoreDbEventStore(new FakeEsdbClient().asClient())],
];

describe.each(stores)('EventStoreSaver on %s gives what MemorySaver gives', (_, openStore) => {
  let dir: string;
  let store: EventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'crystalyse-langgraph-parity-'));
    store = openStore(dir);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('over turns, forks from the past, and cold reopenings', async () => {
    const memory = graph(new MemorySaver());
    let ours = graph(new EventStoreSaver({ store, frameEvery: 3 }));
    const config = { configurable: { thread_id: 'parity' } };
    const formulas = ['LiFePO4', 'NaCl', 'LiCoO2', 'SrTiO3', 'Li3PS4'];
    for (let step = 1; step <= 24; step++) {
      if (step % 5 === 0) {
        // Back in time: edit the question of an earlier checkpoint and run on from there.
        const [a, b] = [await historyOf(memory, config), await historyOf(ours, config)];
        const at = (step * 7) % a.length;
        const [forkA, forkB] = [await memory.updateState(a[at]!.config, { question: `edited ${step}` }), await ours.updateState(b[at]!.config, { question: `edited ${step}` })];
        await memory.invoke(null, forkA);
        await ours.invoke(null, forkB);
      } else {
        const input = { question: formulas[step % formulas.length]!, ...(step === 1 ? { context: { version: 0, materials: [] } } : {}) };
        expect(await ours.invoke(input, config)).toEqual(await memory.invoke(input, config));
      }
      // A fresh process every third step: the latest state from keyframes, then the whole history.
      if (step % 3 === 0) ours = graph(new EventStoreSaver({ store, frameEvery: 3 }));
      expect((await ours.getState(config)).values).toEqual((await memory.getState(config)).values);
      if (step % 4 === 0) expect(shape(await historyOf(ours, config))).toEqual(shape(await historyOf(memory, config)));
    }
    expect(shape(await historyOf(ours, config))).toEqual(shape(await historyOf(memory, config)));
  });
});
