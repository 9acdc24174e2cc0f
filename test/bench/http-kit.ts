// HTTP benchmarks drive the real app as `npm start` starts it (the built `main.js` in its own
// process, embedded storage in a fresh data directory) with autocannon from this process, and a
// bare Fastify route in another process as the ceiling of this machine.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import autocannon, { type Request } from 'autocannon';
import Database from 'better-sqlite3';

export interface Server {
  url: string;
  /** The owner's API key (empty for the bare route). */
  key: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  probe.close();
  return port;
}

async function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<void> {
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not print ${pattern} within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (pattern.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGINT');
    const exited = once(child, 'exit');
    const timeout = new Promise((resolve) => setTimeout(resolve, 10_000).unref());
    await Promise.race([exited, timeout]);
    if (child.exitCode === null) child.kill('SIGKILL');
  };
}

/** The built API (`npm run build` first) on embedded storage in `dataDir`. */
/** `nodeArgs` lets a profile run pass `--cpu-prof` (not allowed in NODE_OPTIONS). */
export async function startApp(dataDir: string, env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, join('dist', 'apps', 'api', 'src', 'main.js')], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', CRYSTALYSE_DATA_DIR: dataDir, CRYSTALYSE_RATE_LIMIT_PER_MINUTE: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await waitForLine(child, /Press Ctrl-C to stop/, 60_000);
  child.stdout?.resume();
  child.stderr?.resume();
  const key = readFileSync(join(dataDir, 'owner.key'), 'utf8').trim();
  return { url: `http://127.0.0.1:${port}`, key, stop: stopper(child) };
}

const BARE_FASTIFY = `
const fastify = require('fastify')();
const doc = { id: 'b7c3a1e2-0f4d-4c55-9d1e-2f6a8b9c0d1e', name: 'bench', status: 'active', revision: 12, counts: { queries: 3, materials: 2 } };
fastify.get('/doc', async () => doc);
fastify.listen({ port: Number(process.env.PORT), host: '127.0.0.1' }).then(() => console.log('ready'));
`;

/** A bare Fastify 5 route returning a small JSON document, in its own process. */
export async function startBareFastify(): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-e', BARE_FASTIFY], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  await waitForLine(child, /ready/, 20_000);
  return { url: `http://127.0.0.1:${port}/doc`, key: '', stop: stopper(child) };
}

export interface CannonOptions {
  url: string;
  method?: 'GET' | 'POST' | 'PUT';
  headers?: Record<string, string>;
  /** The path and body of each request (autocannon's setupRequest), e.g. to give each command its own key. */
  request?: () => { path?: string; body?: string };
  connections?: number;
  durationSeconds?: number;
}

export interface CannonResult {
  /** Mean requests per second over the run. */
  rps: number;
  /** Requests answered in the run. */
  requests: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

export async function cannon(options: CannonOptions): Promise<CannonResult> {
  const result = await autocannon({
    url: options.url,
    method: options.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...options.headers },
    connections: options.connections ?? 10,
    duration: options.durationSeconds ?? 5,
    ...(options.request
      ? { requests: [{ setupRequest: (request: Request): Request => ({ ...request, ...options.request!() }) }] }
      : {}),
  });
  return { rps: result.requests.average, requests: result.requests.total, p50Ms: result.latency.p50, p99Ms: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

/**
 * What the data directory holds, database pages only: a passive checkpoint from a reader first
 * moves what the WAL holds into the database files (the WAL file keeps its size until reused).
 */
export function bytesOnDisk(dir: string): number {
  for (const file of ['events.db', 'read-models.db']) {
    const db = new Database(join(dir, file));
    db.pragma('wal_checkpoint(PASSIVE)');
    db.close();
  }
  return readdirSync(dir).filter((f) => f.endsWith('.db')).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
}

