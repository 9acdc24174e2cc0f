// Durability under kill -9: a process appending as fast as it can is killed with SIGKILL; every
// append it was told had succeeded is in the file afterwards, and every stream's hash chain
// verifies. (A power loss cannot be staged here: that the WAL is fsynced before an append
// settles is checked in group-commit.spec.ts.)
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { SqliteEventStore } from './sqlite-event-store.js';
import { verifyStream } from '../verify-stream.js';

describe('the embedded store under kill -9', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kill-nine-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged append, with intact hash chains', async () => {
    // The child runs compiled: bundle it (better-sqlite3 stays a native require, resolved from
    // the project's node_modules, so the bundle lives under it).
    const cache = join(process.cwd(), 'node_modules', '.cache', 'crystalyse-tests');
    mkdirSync(cache, { recursive: true });
    const child = join(cache, `append-until-killed-${process.pid}.mjs`);
    buildSync({
      entryPoints: [join(import.meta.dirname, 'testing', 'append-until-killed.ts')],
      bundle: true, platform: 'node', format: 'esm', outfile: child, external: ['better-sqlite3'], logLevel: 'silent',
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    });
    const path = join(dir, 'events.db');
    const proc = spawn(process.execPath, [child, path], { stdio: ['ignore', 'pipe', 'inherit'], cwd: process.cwd() });
    const acked = new Map<string, number>();
    let lines = 0;
    let buffered = '';
    await new Promise<void>((resolve, reject) => {
      proc.on('error', reject);
      proc.on('exit', (code) => (lines < 2000 ? reject(new Error(`the child exited (${code}) after ${lines} appends`)) : resolve()));
      proc.stdout!.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const complete = buffered.split('\n');
        buffered = complete.pop()!;
        for (const line of complete) {
          const [, stream, revision] = line.split(' ');
          acked.set(stream!, Math.max(acked.get(stream!) ?? -1, Number(revision)));
          if (++lines === 2000) proc.kill('SIGKILL');
        }
      });
    });

    const store = SqliteEventStore.open({ path });
    try {
      expect(acked.size).toBe(4);
      for (const [stream, revision] of acked) {
        const events = await store.readStream(stream);
        expect(events.length).toBeGreaterThan(revision);
        expect((await verifyStream(store, stream)).ok).toBe(true);
      }
    } finally {
      await store.close();
    }
  }, 60_000);
});
