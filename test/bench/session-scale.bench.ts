// Costs that must not grow with a session's history (issue 8), measured as a user would: the app
// as `npm start` runs it, a fresh data directory, driven over HTTP.
// - bytes on disk per agent turn (offline analyst) at 100, 1,000 and 10,000 turns, and flatness;
// - time travel on a 100k-event session: the state at a revision, a diff, a history page, a restore;
// - one command on that session against the same command on a fresh one, and a whole offline turn.
import { median, round, tempDir, withTarget, type Measurement } from './bench-kit.js';
import { bytesOnDisk, startApp, type Server } from './http-kit.js';

const FORMULAS = ['LiFePO4', 'LiCoO2', 'LiMn2O4', 'NaCl', 'TiO2', 'LiNiO2', 'LiCoPO4', 'LiMnPO4', 'Fe2O3', 'SrTiO3', 'MgO', 'ZnO'];

async function call(server: Server, method: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${server.key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

async function timed(f: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await f();
  return performance.now() - start;
}

const m = (name: string, unit: string, runs: number[]): Measurement => {
  const result = { name, unit, median: round(median(runs)), runs: runs.map(round) };
  console.log(`  ${name}: median ${result.median} ${unit} (${runs.length} runs)`);
  return result;
};

export async function sessionScaleBenchmarks(options: { quick?: boolean } = {}): Promise<Measurement[]> {
  return [...(await storagePerTurn(options.quick ? [100, 1_000] : [100, 1_000, 10_000])), ...(await bigSession(options.quick ? 10_000 : 100_000))];
}

/** Bytes per turn in windows: from turn N to 2N at each N, so each figure is the cost of a turn there. */
async function storagePerTurn(points: number[]): Promise<Measurement[]> {
  console.log(`Bytes on disk per agent turn (offline analyst, one session, up to ${points.at(-1)} turns):`);
  const data = tempDir('turns');
  const app = await startApp(data.dir);
  const out: Measurement[] = [];
  try {
    const { id } = await call(app, 'POST', '/v1/sessions', { name: 'long research session' });
    let turns = 0;
    const ask = async (n: number) => {
      for (let i = 0; i < n; i++, turns++) await call(app, 'POST', `/v1/sessions/${id}/queries`, { text: `Analyse ${FORMULAS[turns % FORMULAS.length]}` });
    };
    const perTurn: number[] = [];
    for (const point of points) {
      await ask(point - turns);
      const window = Math.max(100, Math.round(point / 10));
      const before = bytesOnDisk(data.dir);
      const latency = await timed(() => ask(window));
      const bytes = (bytesOnDisk(data.dir) - before) / window;
      perTurn.push(bytes);
      out.push(withTarget(m(`bytes on disk per turn at turn ${point}`, 'bytes', [bytes]), '<', 16 * 1024, '<= 16 KB per turn'));
      out.push(m(`whole offline turn over HTTP at turn ${point} (mean of ${window})`, 'ms', [latency / window]));
    }
    const spread = Math.max(...perTurn) / Math.min(...perTurn);
    out.push(withTarget({ name: `bytes per turn: largest ÷ smallest, turn ${points[0]} to ${points.at(-1)}`, unit: 'ratio', median: round(spread), runs: [round(spread)] }, '<', 1.25, 'flat within ±25%'));
    const lastTurn = out.filter((r) => r.name.startsWith('whole offline turn')).at(-1)!;
    out.push(withTarget({ ...lastTurn, name: `${lastTurn.name} (target)` }, '<', 5, '<= 5 ms per offline turn over HTTP'));
  } finally {
    await app.stop();
    data.remove();
  }
  return out;
}

/**
 * A session grown to `events` events as the issue measured it: eight clients at once, mostly
 * small context items over a few hundred keys (some removed again), an agent turn every 200th
 * step and a checkpoint every twentieth of the way. Its state stays about a megabyte: what
 * the reads below cost then depends on the history's length, not on the state's size.
 */
async function bigSession(events: number): Promise<Measurement[]> {
  console.log(`A session of ${events} events (8 clients: context items, agent turns, checkpoints), read and written over HTTP:`);
  const data = tempDir('big');
  const app = await startApp(data.dir);
  const out: Measurement[] = [];
  try {
    const { id } = await call(app, 'POST', '/v1/sessions', { name: 'months of research' });
    const fresh = (await call(app, 'POST', '/v1/sessions', { name: 'a fresh session' })).id as string;
    const checkpoints: Array<{ name: string; revision: number }> = [];
    const checkpointEvery = Math.round(events / 20);
    let revision = 0;
    let step = 0;
    const started = performance.now();
    const writer = async (w: number) => {
      while (revision < events) {
        const i = step++;
        const result =
          i % 200 === 199 ? await call(app, 'POST', `/v1/sessions/${id}/queries`, { text: `Analyse ${FORMULAS[i % FORMULAS.length]}` })
          : i % 10 === 9 ? await call(app, 'DELETE', `/v1/sessions/${id}/context?key=note-${(i * 7) % 500}`)
          : await call(app, 'POST', `/v1/sessions/${id}/context`, { key: `note-${i % 500}`, value: { text: `observation ${i}`, by: w } });
        revision = Math.max(revision, Number(result.revision ?? 0));
        if (revision >= (checkpoints.length + 1) * checkpointEvery && revision < events) {
          const name = `cp-${checkpoints.length}`;
          checkpoints.push({ name, revision });
          await call(app, 'POST', `/v1/sessions/${id}/checkpoints`, { name });
        }
      }
    };
    await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map(writer));
    const head = Number((await call(app, 'GET', `/v1/sessions/${id}`)).revision);
    console.log(`  grown to ${head + 1} events in ${round((performance.now() - started) / 1000)} s; ${round(bytesOnDisk(data.dir) / (head + 1))} bytes on disk per event`);

    const random = (n: number) => Math.floor(Math.random() * n);
    const stateBytes = JSON.stringify(await call(app, 'GET', `/v1/sessions/${id}/state`)).length;
    console.log(`  its state at the head: ${round(stateBytes / 1024)} KB of JSON`);
    const states = [];
    for (let i = 0; i < 15; i++) states.push(await timed(() => call(app, 'GET', `/v1/sessions/${id}/state?at=${random(head)}`)));
    out.push(withTarget(m(`state at a random revision of a ${head + 1}-event session`, 'ms', states), '<', 100, '< 100 ms'));
    const instants = [];
    const createdAt = Date.parse((await call(app, 'GET', `/v1/sessions/${id}`)).createdAt);
    const span = Date.now() - createdAt;
    for (let i = 0; i < 15; i++) instants.push(await timed(() => call(app, 'GET', `/v1/sessions/${id}/state?at=${new Date(createdAt + random(span)).toISOString()}`)));
    out.push(withTarget(m('state at a random instant', 'ms', instants), '<', 100, '< 100 ms'));
    const diffs = [];
    for (let i = 0; i < 15; i++) {
      const [a, b] = [random(head), random(head)].sort((x, y) => x - y);
      diffs.push(await timed(() => call(app, 'GET', `/v1/sessions/${id}/diff?from=${a}&to=${b}`)));
    }
    out.push(withTarget(m('diff between two random revisions', 'ms', diffs), '<', 200, '< 200 ms'));
    const pages = [];
    for (let i = 0; i < 30; i++) pages.push(await timed(() => call(app, 'GET', `/v1/sessions/${id}/history?last=50`)));
    out.push(withTarget(m('history page (last 50 turns)', 'ms', pages), '<', 20, '< 20 ms'));
    const restores = [];
    for (let i = 0; i < 10; i++) {
      const checkpoint = checkpoints[random(checkpoints.length)]!;
      restores.push(await timed(() => call(app, 'POST', `/v1/sessions/${id}/checkpoints/${checkpoint.name}/restore`)));
    }
    out.push(withTarget(m('checkpoint restore', 'ms', restores), '<', 100, '< 100 ms'));

    // One command, one client, one after another: on the big session and on a fresh one.
    const command = async (session: string, n: number) => {
      const runs: number[] = [];
      for (let i = 0; i < n; i++) runs.push(await timed(() => call(app, 'POST', `/v1/sessions/${session}/context`, { key: `k-${i}`, value: i })));
      return runs;
    };
    const onFresh = m('POST /context on a fresh session', 'ms', await command(fresh, 300));
    const onBig = m(`POST /context on the ${head + 1}-event session`, 'ms', await command(id, 300));
    out.push(onFresh, onBig);
    const ratio = round(onBig.median / onFresh.median);
    out.push(withTarget({ name: 'one command: big session ÷ fresh session', unit: 'ratio', median: ratio, runs: [ratio] }, '<', 1.5, '<= 1.5×'));
  } finally {
    await app.stop();
    data.remove();
  }
  return out;
}
