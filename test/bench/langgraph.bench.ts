// LangGraph checkpointers on the same graph: our EventStoreSaver beside LangGraph's SqliteSaver.
// One thread per saver grows to 1,000 turns, the two run turn by turn in alternation so that a
// busy machine slows both alike. At 10, 100 and 1,000 turns: the time of a turn (median of the
// last ten) and the bytes on disk (database file + WAL) per turn so far; at the end, getState in
// a fresh process. Both files run WAL with synchronous=NORMAL (SqliteSaver's default through
// better-sqlite3; our store's default is FULL, which fsyncs every commit).
//
// A turn is one invoke of a small agent graph, with the state a long-running agent keeps: the
// last few messages (older ones are summarised), a running summary, a materials context of about
// 2 KB that the work refreshes every 100 turns, the discoveries so far (one more every 10 turns),
// and a turn counter. LangGraph checkpoints every superstep (three per turn here).
import { existsSync, statSync } from 'node:fs';
import { AIMessage, HumanMessage, type BaseMessage } from '@langchain/core/messages';
import { Annotation, END, START, StateGraph } from '@langchain/langgraph';
import type { BaseCheckpointSaver } from '@langchain/langgraph-checkpoint';
import { SqliteSaver } from '@langchain/langgraph-checkpoint-sqlite';
import { SqliteEventStore } from '@crystalyse/event-store';
import { EventStoreSaver } from '@crystalyse/langgraph-checkpoint';
import { median, round, tempDir, type Measurement } from './bench-kit.js';

const MARKS = [10, 100, 1_000];
const WINDOW = 10;
const WARM_UP_TURNS = 30;
const COLD_RUNS = 3;
const THREAD = { configurable: { thread_id: 'bench-thread' } };

interface Opened {
  saver: BaseCheckpointSaver;
  files: string[];
  close(): Promise<void>;
}

interface Side {
  name: string;
  open(file: (name: string) => string): Opened;
}

const SIDES: Side[] = [
  {
    name: 'EventStoreSaver',
    open(file) {
      const store = SqliteEventStore.open({ path: file('events.db'), synchronous: 'NORMAL' });
      return { saver: new EventStoreSaver({ store }), files: [file('events.db'), file('events.db-wal')], close: () => store.close() };
    },
  },
  {
    name: 'SqliteSaver',
    open(file) {
      const saver = SqliteSaver.fromConnString(file('checkpoints.db'));
      saver.db.pragma('synchronous = NORMAL');
      return { saver, files: [file('checkpoints.db'), file('checkpoints.db-wal')], close: async () => void saver.db.close() };
    },
  },
];

const State = Annotation.Root({
  question: Annotation<string>(),
  recent: Annotation<BaseMessage[]>(),
  summary: Annotation<string>(),
  context: Annotation<Record<string, unknown>>(),
  discoveries: Annotation<Array<Record<string, unknown>>>(),
  turn: Annotation<number>({ reducer: (a, b) => a + b, default: () => 0 }),
});

const FORMULAS = ['LiFePO4', 'LiCoO2', 'NaCl', 'Li7La3Zr2O12', 'LiMn2O4', 'SrTiO3', 'Na3V2(PO4)3', 'Li3PS4'];
const STRUCTURES = ['olivine', 'layered', 'rock salt', 'garnet', 'spinel', 'perovskite', 'NASICON', 'thiophosphate'];

/** About 2 KB: the materials the agent works with. */
function materialsContext(version: number): Record<string, unknown> {
  return {
    version,
    focus: 'solid electrolytes and cathodes for sodium and lithium cells',
    materials: FORMULAS.map((formula, i) => ({
      formula, structure: STRUCTURES[i], bandGapEv: round(1 + i * 0.7 + version * 0.01), voltageV: round(3 + i * 0.1),
      notes: `candidate ${i} screened at context version ${version}; stable to 600 K in air`,
    })),
  };
}

function agent(s: typeof State.State) {
  const turn = s.turn + 1;
  const formula = FORMULAS[turn % FORMULAS.length]!;
  const answer = new AIMessage(`${formula}: ${STRUCTURES[turn % STRUCTURES.length]} structure, charge-balanced, molar mass computed; ` +
    `compared with ${(s.context?.materials as unknown[] | undefined)?.length ?? 0} materials in context (turn ${turn}).`);
  return {
    recent: [...(s.recent ?? []), new HumanMessage(s.question), answer].slice(-8),
    summary: `Turns 1-${turn}: screened ${Math.min(turn, FORMULAS.length)} formulas; latest ${formula}; ${s.discoveries?.length ?? 0} discoveries recorded.`,
    turn: 1,
    ...(turn % 10 === 0
      ? { discoveries: [...(s.discoveries ?? []), { id: `d${turn}`, formula, category: 'structure_property', confidence: 0.8, statement: `${formula} keeps its ${STRUCTURES[turn % 8]} framework on cycling` }] }
      : {}),
    ...(turn % 100 === 0 || turn === 1 ? { context: materialsContext(turn) } : {}),
  };
}

const graph = (saver: BaseCheckpointSaver) =>
  new StateGraph(State).addNode('agent', agent).addEdge(START, 'agent').addEdge('agent', END).compile({ checkpointer: saver });

const question = (turn: number) => ({ question: `Turn ${turn}: analyse ${FORMULAS[turn % FORMULAS.length]} and compare it with the previous candidates.` });

const bytesOf = (files: string[]) => files.reduce((sum, f) => sum + (existsSync(f) ? statSync(f).size : 0), 0);

/** One side's thread on its own temporary file. */
function thread(side: Side) {
  const tmp = tempDir(`langgraph-${side.name}`);
  let opened = side.open(tmp.file);
  let app = graph(opened.saver);
  return {
    async turn(n: number): Promise<number> {
      const start = performance.now();
      const state = await app.invoke(question(n), THREAD);
      if (state.turn !== n) throw new Error(`${side.name} is at turn ${state.turn}, expected ${n}`);
      return performance.now() - start;
    },
    bytes: () => ({ db: bytesOf(opened.files.slice(0, 1)), wal: bytesOf(opened.files.slice(1)) }),
    /** A fresh process asking for the thread's state: what a restart or another replica pays. */
    async cold(turns: number): Promise<number> {
      await opened.close();
      opened = side.open(tmp.file);
      app = graph(opened.saver);
      const start = performance.now();
      const state = await app.getState(THREAD);
      if (state.values.turn !== turns) throw new Error(`${side.name} read turn ${state.values.turn}, expected ${turns}`);
      return performance.now() - start;
    },
    async close(): Promise<void> {
      await opened.close();
      tmp.remove();
    },
  };
}

export async function langgraphBenchmarks(): Promise<Measurement[]> {
  const last = MARKS[MARKS.length - 1]!;
  console.log(`LangGraph checkpointers, one thread each growing to ${last} turns (time: median of the last ${WINDOW} turns; bytes: db + WAL / turns):`);
  for (const side of SIDES) {
    const warm = thread(side);
    for (let n = 1; n <= WARM_UP_TURNS; n++) await warm.turn(n);
    await warm.close();
  }
  const threads = SIDES.map(thread);
  const latencies: number[][] = SIDES.map(() => []);
  const onDisk: Array<Map<number, number>> = SIDES.map(() => new Map());
  const results: Measurement[][] = SIDES.map(() => []);
  for (let n = 1; n <= last; n++) {
    // Alternate who goes first, so neither always runs on the warmer cache.
    const order = n % 2 === 0 ? [0, 1] : [1, 0];
    for (const i of order) latencies[i]!.push(await threads[i]!.turn(n));
    if (!MARKS.includes(n)) continue;
    SIDES.forEach((side, i) => {
      const ms = latencies[i]!.slice(-WINDOW);
      const { db, wal } = threads[i]!.bytes();
      onDisk[i]!.set(n, db + wal);
      const perTurn = round((db + wal) / n);
      results[i]!.push(
        { name: `LangGraph ${side.name}: time per turn at ${n} turns`, unit: 'ms', median: round(median(ms)), runs: ms.map(round) },
        { name: `LangGraph ${side.name}: bytes on disk per turn at ${n} turns`, unit: 'B', median: perTurn, runs: [perTurn] },
      );
      console.log(`  ${side.name.padEnd(15)} at ${String(n).padStart(4)} turns: ${round(median(ms))} ms/turn, ${perTurn} B/turn (database ${db} B + WAL ${wal} B)`);
    });
  }
  // What a turn adds once the WAL has reached its working size: the growth rate itself.
  const [from, to] = [MARKS[MARKS.length - 2]!, last];
  SIDES.forEach((side, i) => {
    const added = round((onDisk[i]!.get(to)! - onDisk[i]!.get(from)!) / (to - from));
    results[i]!.push({ name: `LangGraph ${side.name}: bytes on disk added per turn from turn ${from} to ${to}`, unit: 'B', median: added, runs: [added] });
    console.log(`  ${side.name.padEnd(15)} from turn ${from} to ${to}: ${added} B added per turn`);
  });
  const cold: number[][] = SIDES.map(() => []);
  for (let run = 0; run < COLD_RUNS; run++) for (const [i, t] of threads.entries()) cold[i]!.push(await t.cold(last));
  SIDES.forEach((side, i) => {
    const m = { name: `LangGraph ${side.name}: getState at ${last} turns in a fresh process`, unit: 'ms', median: round(median(cold[i]!)), runs: cold[i]!.map(round) };
    console.log(`  ${side.name.padEnd(15)} getState at ${last} turns, fresh process: median ${m.median} ms (runs: ${m.runs.join(', ')})`);
    results[i]!.push(m);
  });
  for (const t of threads) await t.close();
  return results.flat();
}
