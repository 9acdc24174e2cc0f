// The API as `npm start` runs it: the built main.js in a process of its own, embedded storage in a
// data directory the test chooses, so a test can kill it (SIGKILL: no shutdown hook runs) and
// start it again on the same files.
import { ensureBuilt } from './built-cli.js';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface ChildApp {
  url: string;
  key: string;
  child: ChildProcess;
  request(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  /** SIGINT, as Ctrl-C: the app closes cleanly. */
  stop(): Promise<void>;
  /** SIGKILL: the process dies where it stands. */
  kill(): Promise<void>;
}

/** `npm run build`, as `npm start` does first: once across Jest's workers (built-cli.ts). */
export function buildApp(): Promise<void> {
  return ensureBuilt();
}

async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  probe.close();
  return port;
}

export async function startChildApp(dataDir: string, env: Record<string, string> = {}): Promise<ChildApp> {
  const port = await freePort();
  const child = spawn(process.execPath, [join('dist', 'apps', 'api', 'src', 'main.js')], {
    env: { ...process.env, OPENAI_API_KEY: '', PORT: String(port), HOST: '127.0.0.1', CRYSTALYSE_DATA_DIR: dataDir, CRYSTALYSE_RATE_LIMIT_PER_MINUTE: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the app did not start within 90 s:\n${output}`)), 90_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Press Ctrl-C to stop')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`the app exited with ${code}:\n${output}`)));
  });
  child.removeAllListeners('exit');
  const url = `http://127.0.0.1:${port}`;
  const key = readFileSync(join(dataDir, 'owner.key'), 'utf8').trim();
  const exited = () => (child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : once(child, 'exit').then(() => undefined));
  return {
    url,
    key,
    child,
    async request(method, path, body) {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    async stop() {
      const done = exited();
      child.kill('SIGINT');
      await done;
    },
    async kill() {
      const done = exited();
      child.kill('SIGKILL');
      await done;
    },
  };
}
