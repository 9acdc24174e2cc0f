// HTTP throughput of the app as `npm start` runs it (its own process, embedded storage, a fresh
// data directory), measured with autocannon at 10 connections beside a bare Fastify route on
// the same machine; and one hot session taking commands from 100 clients while it grows.
import { randomUUID } from 'node:crypto';
import { median, round, tempDir, withTarget, type Measurement } from './bench-kit.js';
import { bytesOnDisk, cannon, startApp, startBareFastify, type Server } from './http-kit.js';

const RUNS = 3;
const SECONDS = 5;

async function api(server: Server, method: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${server.key}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

function measurement(name: string, unit: string, runs: number[]): Measurement {
  const m = { name, unit, median: round(median(runs)), runs: runs.map(round) };
  console.log(`  ${name}: median ${m.median} ${unit} (runs: ${m.runs.join(', ')})`);
  return m;
}

async function rates(label: string, runs: number, once: () => Promise<{ rps: number; non2xx: number; errors: number }>): Promise<number[]> {
  const values: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await once();
    if (r.non2xx > 0 || r.errors > 0) throw new Error(`${label}: ${r.non2xx} non-2xx answers and ${r.errors} errors`);
    values.push(r.rps);
  }
  return values;
}

export async function httpBenchmarks(options: { quick?: boolean } = {}): Promise<Measurement[]> {
  console.log('HTTP throughput (autocannon, 10 connections) and one hot session (100 connections):');
  const out: Measurement[] = [];
  const bare = await startBareFastify();
  const bareRuns = await rates('bare route', RUNS, () => cannon({ url: bare.url, durationSeconds: SECONDS }));
  await bare.stop();
  out.push(measurement('bare Fastify route, small JSON (the ceiling here)', 'requests/s', bareRuns));

  const data = tempDir('http');
  const app = await startApp(data.dir);
  try {
    const auth = { authorization: `Bearer ${app.key}` };
    const sessions: string[] = [];
    for (let i = 0; i < 100; i++) sessions.push((await api(app, 'POST', '/v1/sessions', { name: `bench ${i}`, metadata: { project: 'bench' } })).id);
    const detail = await rates('GET /v1/sessions/:id', RUNS, () => cannon({ url: `${app.url}/v1/sessions/${sessions[0]}`, headers: auth, durationSeconds: SECONDS }));
    const gets = measurement('GET /v1/sessions/:id', 'requests/s', detail);
    out.push(withTarget(gets, '>=', 5000, '>= 5,000 requests/s at 10 connections'));
    const ratio = round(median(detail) / median(bareRuns));
    out.push(withTarget({ name: 'GET /v1/sessions/:id ÷ bare Fastify route (same run)', unit: 'ratio', median: ratio, runs: [ratio] }, '>=', 1 / 3, 'goal >= 1/3 of a bare route'));

    let n = 0;
    const spread = await rates('POST /context over 100 sessions', RUNS, () =>
      cannon({
        url: `${app.url}/v1/sessions/${sessions[0]}/context`,
        method: 'POST',
        headers: auth,
        durationSeconds: SECONDS,
        request: () => {
          const i = n++;
          return { path: `/v1/sessions/${sessions[i % 100]}/context`, body: JSON.stringify({ key: `k${i}`, value: `value ${i}` }) };
        },
      }),
    );
    out.push(withTarget(measurement('commands over 100 sessions (POST /context)', 'commands/s', spread), '>=', 2000, '>= 2,000 commands/s at 10 connections'));

    out.push(...(await hotSession(app, auth, options.quick ? 10_000 : 100_000, data.dir)));
  } finally {
    await app.stop();
    data.remove();
  }
  return out;
}

/** 100 clients on one session without If-Match: every command succeeds, revisions stay contiguous. */
async function hotSession(app: Server, auth: Record<string, string>, target: number, dataDir: string): Promise<Measurement[]> {
  const hot = (await api(app, 'POST', '/v1/sessions', { name: 'hot session' })).id as string;
  let n = 0;
  const windows: number[] = [];
  let sent = 0;
  while (sent < target) {
    const r = await cannon({
      url: `${app.url}/v1/sessions/${hot}/context`,
      method: 'POST',
      headers: auth,
      connections: 100,
      durationSeconds: SECONDS,
      request: () => {
        const i = n++;
        return { body: JSON.stringify({ key: `hot-${i}-${randomUUID().slice(0, 8)}`, value: i }) };
      },
    });
    if (r.non2xx > 0 || r.errors > 0) throw new Error(`hot session: ${r.non2xx} non-2xx answers and ${r.errors} errors`);
    windows.push(r.rps);
    sent += r.requests;
  }
  // autocannon stops counting when a window ends, while up to 100 requests are still in flight
  // (the server goes on to answer them): the stream holds at least every answered command and at
  // most every one sent. Each command added its own key, so the state's context items count the
  // commands that landed: equal to the events after creation means none twice and none lost.
  // Both counts from one read of the head (the detail document is a projection and may lag).
  const head = await api(app, 'GET', `/v1/sessions/${hot}/state`);
  const events = Number(head.atRevision) + 1;
  const items = Object.keys(head.workspace.contextItems).length;
  if (events - 1 < sent || events - 1 > n || items !== events - 1) {
    throw new Error(`hot session: ${sent} commands answered, ${n} sent, ${events - 1} events after creation, ${items} context items`);
  }
  const first = round(windows[0]!);
  const last = round(windows.at(-1)!);
  console.log(`  hot session: ${sent} commands, windows of ${SECONDS} s: ${windows.map(round).join(', ')} commands/s`);
  // Context items of a few dozen bytes each, every one with its envelope, hash chain and timeline row.
  const perEvent = round(bytesOnDisk(dataDir) / (events + 100));
  return [
    withTarget({ name: `bytes on disk per small context-item event at ${events} events`, unit: 'bytes', median: perEvent, runs: [perEvent] }, '<', 1024, '<= 1 KB per event'),
    withTarget({ name: `hot session, 100 clients: first ${SECONDS} s`, unit: 'commands/s', median: first, runs: [first] }, '>=', 1000, '>= 1,000 commands/s on one session'),
    withTarget({ name: `hot session, 100 clients: last ${SECONDS} s (at ${events} events)`, unit: 'commands/s', median: last, runs: [last] }, '>=', 1000, '>= 1,000 commands/s, flat as the session grows'),
    withTarget({ name: 'hot session: last window ÷ first window', unit: 'ratio', median: round(last / first), runs: [round(last / first)] }, '>=', 0.8, 'flat: within 20% from 0 to the end'),
  ];
}
