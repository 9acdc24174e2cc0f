// A damaged event store at start-up, end to end: the app prints the damage (file, stream,
// revision, position), starts read-only (reads served, writes 503 naming the damage, /health
// `damaged`) and leaves the file's bytes alone; CRYSTALYSE_ON_DAMAGE=refuse does not start, and
// allow-writes writes. `npm run cli -- check` is the CLI's entry run as a real process.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { buildSync } from 'esbuild';
import { jest } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { configFromEnv } from '../../apps/api/src/config/app-config.js';
import { StoreDamaged } from '../../apps/api/src/infrastructure/store-integrity.js';

const ROOT = resolve('.');

/** A data directory with an owner, a session with a few changes, and the app closed. */
async function seededDataDir(): Promise<{ dataDir: string; sessionId: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'crystalyse-damage-'));
  const t = await startTestApp({ dataDir });
  const created = await t.request('POST', '/v1/sessions', { body: { name: 'to be damaged' } });
  const sessionId = created.body.id as string;
  await t.request('POST', `/v1/sessions/${sessionId}/start`, { body: {} });
  for (const key of ['a', 'b', 'c']) await t.request('POST', `/v1/sessions/${sessionId}/context`, { body: { key, value: `value ${key}` } });
  await t.app.close();
  return { dataDir, sessionId };
}

/** Edits the session's head event behind the store's back (packed or not, it becomes other JSON). */
function editHead(dataDir: string, sessionId: string): { position: number; revision: number } {
  const db = new Database(join(dataDir, 'events.db'));
  const head = db.prepare('SELECT position, revision FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1').get(`session-${sessionId}`) as { position: number; revision: number } | undefined;
  if (!head) throw new Error(`no stream session-${sessionId}: ${JSON.stringify(db.prepare('SELECT DISTINCT stream_id FROM events').all())}`);
  db.prepare('UPDATE events SET data = ? WHERE position = ?').run(JSON.stringify({ key: 'a', value: 'forged' }), head.position);
  db.close();
  return head;
}

describe('a damaged event store at start-up', () => {
  let errors: string[];
  let spy: ReturnType<typeof jest.spyOn>;
  const started: TestApp[] = [];
  const dirs: string[] = [];

  beforeEach(() => {
    errors = [];
    spy = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      errors.push(args.map(String).join(' '));
    });
  });
  afterEach(async () => {
    spy.mockRestore();
    for (const t of started.splice(0)) await t.app.close();
  });
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('an edited head row: printed with file, stream, revision and position; reads served, writes 503, the file untouched', async () => {
    const { dataDir, sessionId } = await seededDataDir();
    dirs.push(dataDir);
    const head = editHead(dataDir, sessionId);
    const file = join(dataDir, 'events.db');
    const bytes = readFileSync(file);

    const t = await startTestApp({ dataDir });
    started.push(t);
    const printed = errors.join('\n');
    expect(printed).toContain(`DAMAGED  quick check of ${file}`);
    expect(printed).toContain(`[hash-mismatch] ${file}: session-${sessionId} revision ${head.revision} (position ${head.position}`);
    expect(printed).toContain('STARTING READ-ONLY');

    const health = await t.request('GET', '/health', { key: null });
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'damaged', storage: { file, readOnly: true, problems: [expect.objectContaining({ kind: 'hash-mismatch', streamId: `session-${sessionId}`, revision: head.revision, position: head.position })] } });

    // Reads still work (the read models are whole); every write is refused with the damage named.
    expect((await t.request('GET', `/v1/sessions/${sessionId}`)).status).toBe(200);
    for (const [method, url, body] of [
      ['POST', `/v1/sessions/${sessionId}/context`, { key: 'd', value: 1 }],
      ['POST', '/v1/sessions', { name: 'new' }],
      ['PATCH', `/v1/sessions/${sessionId}`, { name: 'renamed' }],
    ] as const) {
      const refused = await t.request(method, url, { body });
      expect([url, refused.status]).toEqual([url, 503]);
      expect(refused.body.error).toMatchObject({ code: 'store_read_only', recoverable: false });
      expect(refused.body.error.message).toContain(`the event store ${file} is damaged: [hash-mismatch]`);
      expect(refused.body.error.message).toContain(`revision ${head.revision} (position ${head.position}`);
      expect(refused.body.error.message).toContain('Writes are refused until an operator acts');
    }
    // Authentication still comes first.
    expect((await t.request('POST', '/v1/sessions', { key: null, body: { name: 'x' } })).status).toBe(401);
    await t.app.close();
    started.pop();
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('CRYSTALYSE_ON_DAMAGE=refuse does not start; allow-writes writes; the check can be turned off; bad values are refused', async () => {
    const { dataDir, sessionId } = await seededDataDir();
    dirs.push(dataDir);
    const head = editHead(dataDir, sessionId);

    const refuse = configFromEnv({ CRYSTALYSE_ON_DAMAGE: 'refuse' }).integrity;
    const failure = await startTestApp({ dataDir, integrity: refuse }).then(() => undefined, (error: unknown) => error);
    expect(failure).toBeInstanceOf(StoreDamaged);
    expect((failure as Error).message).toContain(`revision ${head.revision} (position ${head.position}`);
    expect((failure as Error).message).toContain('CRYSTALYSE_ON_DAMAGE=refuse');

    const allow = await startTestApp({ dataDir, integrity: configFromEnv({ CRYSTALYSE_ON_DAMAGE: 'allow-writes' }).integrity });
    started.push(allow);
    expect(errors.join('\n')).toContain('the operator accepted this damage');
    expect((await allow.request('POST', '/v1/sessions', { body: { name: 'written anyway' } })).status).toBe(201);
    expect((await allow.request('GET', '/health', { key: null })).body.status).toBe('damaged');

    expect(() => configFromEnv({ CRYSTALYSE_ON_DAMAGE: 'yolo' })).toThrow('CRYSTALYSE_ON_DAMAGE must be one of read-only, refuse, allow-writes');
    expect(configFromEnv({ CRYSTALYSE_STARTUP_CHECK: 'off' }).integrity.startupCheck).toBe('off');
  });

  it('a truncated file: printed with the offset where it was cut; writes refused', async () => {
    const { dataDir } = await seededDataDir();
    dirs.push(dataDir);
    const file = join(dataDir, 'events.db');
    const size = statSync(file).size;
    const cut = Math.floor(size / 4096 / 2) * 4096 || 4096;
    truncateSync(file, cut);
    const outcome = await startTestApp({ dataDir }).then((t) => t, (error: unknown) => error);
    expect(errors.join('\n') + String((outcome as Error).message ?? '')).toContain(`${file} is truncated: ${cut} bytes`);
    if (outcome instanceof StoreDamaged) return; // too damaged to open even read-only: it did not start
    const t = outcome as TestApp;
    started.push(t);
    const refused = await t.request('POST', '/v1/sessions', { body: { name: 'x' } });
    expect(refused.status).toBe(503);
    expect(refused.body.error.message).toContain(`[truncated] ${file} is truncated`);
  });

  describe('npm run cli -- check (the CLI entry, as a process)', () => {
    let cli: string;
    beforeAll(() => {
      // The CLI bundled with esbuild (dependencies left in node_modules): `npm run cli` would
      // type-check and compile the whole project first, which takes a minute here.
      const out = join(ROOT, 'node_modules', '.cache', 'crystalyse-cli-test');
      mkdirSync(out, { recursive: true });
      cli = join(out, 'cli.mjs');
      buildSync({ entryPoints: [join(ROOT, 'apps/cli/src/main.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', tsconfig: join(ROOT, 'tsconfig.json'), outfile: cli, logLevel: 'warning' });
    });
    const run = (dataDir: string, ...args: string[]) => spawnSync(process.execPath, [cli, 'check', ...args], { env: { ...process.env, CRYSTALYSE_DATA_DIR: dataDir, NODE_OPTIONS: '' }, encoding: 'utf8' });

    it('exit 0 and OK on a whole store; 2 and the damage on stderr on a damaged one; --json; 1 without a store', async () => {
      const { dataDir, sessionId } = await seededDataDir();
      dirs.push(dataDir);
      const whole = run(dataDir);
      expect([whole.status, whole.stdout]).toEqual([0, expect.stringMatching(/^OK {2}quick check of /)]);
      expect(run(dataDir, '--full').status).toBe(0);

      const head = editHead(dataDir, sessionId);
      const damaged = run(dataDir);
      expect(damaged.status).toBe(2);
      expect(damaged.stderr).toContain('DAMAGED  quick check of');
      expect(damaged.stderr).toContain(`session-${sessionId} revision ${head.revision} (position ${head.position}`);
      expect(damaged.stderr).toContain('docs/caching-and-recovery.md');
      const json = run(dataDir, '--json', '--full');
      expect(json.status).toBe(2);
      expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, level: 'full', problems: [expect.objectContaining({ kind: 'hash-mismatch', revision: head.revision })] });

      const empty = mkdtempSync(join(tmpdir(), 'crystalyse-empty-'));
      dirs.push(empty);
      const none = run(empty);
      expect(none.status).toBe(1);
      expect(none.stdout + none.stderr).toContain('no event store at');
    });
  });
});

