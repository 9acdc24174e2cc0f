// A batch of 100 materials survives SIGKILL: the built app (`npm start`'s main.js) is killed in
// the middle of the batch and started again on the same data directory. Every material ends
// analysed exactly once, every event acknowledged before the kill is still there (the hash chain
// holds), and the read models equal a fresh rebuild from the events.
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, startChildApp, type ChildApp } from '../support/child-app.js';

const MATERIALS = Array.from({ length: 100 }, (_, i) => `Li${i + 1}Fe${(i % 5) + 1}O${(i % 7) + 2}`);
// Short lease and scheduler period: after the kill the new process waits out the dead runner's lease.
const ENV = { CRYSTALYSE_SCHEDULER_MS: '200', CRYSTALYSE_BATCH_LEASE_MS: '1500' };

interface LoggedEvent {
  type: string;
  revision: number;
  position: string;
  data: any;
  eventId: string;
  metadata: { hash: string };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    // Waiting on another process's progress, not on time: a short pause between polls.
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function allEvents(app: ChildApp, id: string): Promise<LoggedEvent[]> {
  const events: LoggedEvent[] = [];
  for (;;) {
    const page = (await app.request('GET', `/v1/sessions/${id}/events?from=${events.length}&limit=1000`)).body.items as LoggedEvent[];
    events.push(...page);
    if (page.length < 1000) return events;
  }
}

/** Every read model of the embedded store, by content (row ids and stream numbers aside). */
function readModels(dataDir: string): { documents: unknown[]; timeline: unknown[] } {
  const db = new Database(join(dataDir, 'read-models.db'), { readonly: true });
  try {
    const documents = db.prepare('SELECT collection, id, body FROM rm_documents ORDER BY collection, id').all();
    const timeline = db
      .prepare(`SELECT s.stream, t.part, t.key, t.from_rev, t.to_rev, t.ord, hex(t.value) AS value, t.deleted
                FROM rm_timeline t JOIN rm_timeline_streams s ON s.num = t.num ORDER BY s.stream, t.part, t.key, t.from_rev`)
      .all();
    return { documents, timeline };
  } finally {
    db.close();
  }
}

describe('a batch killed with SIGKILL and restarted', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'crystalyse-crash-'));
  const freshDir = mkdtempSync(join(tmpdir(), 'crystalyse-rebuild-'));
  let app: ChildApp | undefined;

  // CRYSTALYSE_BUILT=1 when dist/ is known to be fresh (e.g. right after `npm run build`).
  beforeAll(() => (process.env.CRYSTALYSE_BUILT === '1' ? undefined : buildApp()), 300_000);
  afterAll(async () => {
    await app?.kill();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(freshDir, { recursive: true, force: true });
  });

  it('analyses every material exactly once, loses no event, and its read models equal a fresh rebuild', async () => {
    app = await startChildApp(dataDir, ENV);
    const created = await app.request('POST', '/v1/sessions/batch', { name: 'crash screening', materials: MATERIALS, sharedContext: true });
    expect(created.status).toBe(201);
    const id = created.body.id as string;

    // Killed in the middle: some materials done, most not.
    await until('a third of the batch', async () => ((await app!.request('GET', `/v1/sessions/${id}/batch`)).body.done >= 30 ? true : undefined));
    const before = await allEvents(app, id);
    await app.kill();
    const answeredBefore = before.filter((e) => e.type === 'BatchItemAnswered').length;
    expect(answeredBefore).toBeGreaterThanOrEqual(30);
    expect(answeredBefore).toBeLessThan(100);
    expect(before.every((e) => typeof e.eventId === 'string' && typeof e.metadata.hash === 'string' && e.metadata.hash.length === 64)).toBe(true);

    app = await startChildApp(dataDir, ENV);
    const report = await until('the batch to complete', async () => {
      const r = (await app!.request('GET', `/v1/sessions/${id}/batch`)).body;
      return r.completed ? r : undefined;
    }, 240_000);
    expect(report).toMatchObject({ total: 100, done: 100, failed: 0, remaining: 0 });

    const after = await allEvents(app, id);
    // No event lost: what was acknowledged before the kill is the start of the log now, unchanged.
    expect(after.slice(0, before.length).map((e) => [e.eventId, e.metadata.hash])).toEqual(before.map((e) => [e.eventId, e.metadata.hash]));
    expect(after.map((e) => e.revision)).toEqual(after.map((_, i) => i));
    const verified = await app.request('GET', `/v1/sessions/${id}/verify`);
    expect(verified.body).toMatchObject({ ok: true });

    // Exactly once: one answered question per material; a question the kill interrupted was failed
    // (by recovery, as any interrupted question) and asked again, never answered twice.
    const texts = new Map(after.filter((e) => e.type === 'QueryAsked').map((e) => [e.data.queryId as string, e.data.text as string]));
    const answered = after.filter((e) => e.type === 'QueryAnswered').map((e) => texts.get(e.data.queryId));
    expect(answered.sort()).toEqual(MATERIALS.map((m) => `Analyse ${m}`).sort());
    const failed = after.filter((e) => e.type === 'QueryFailed');
    expect(failed.length).toBeLessThanOrEqual(1);
    for (const f of failed) expect(f.data.reason).toMatch(/^interrupted/);
    expect(texts.size).toBe(100 + failed.length);
    const itemsAnswered = after.filter((e) => e.type === 'BatchItemAnswered').map((e) => e.data.index as number);
    expect(itemsAnswered.sort((a, b) => a - b)).toEqual(MATERIALS.map((_, i) => i));
    expect(after.filter((e) => e.type === 'BatchCompleted')).toHaveLength(1);

    // The read models equal a fresh rebuild: the same events, projected from nothing elsewhere.
    await app.request('GET', '/v1/sessions'); // waits for the projections to reach the head
    await app.stop();
    app = undefined;
    for (const file of ['events.db', 'events.db-wal', 'owner.key']) if (existsSync(join(dataDir, file))) copyFileSync(join(dataDir, file), join(freshDir, file));
    const fresh = await startChildApp(freshDir, { CRYSTALYSE_SCHEDULER_MS: '0' });
    await until('the fresh projections', async () => ((await fresh.request('GET', `/v1/sessions/${id}/batch`)).status === 200 ? true : undefined));
    await fresh.request('GET', '/v1/sessions'); // waits for the projections to reach the head
    await fresh.stop();
    expect(readModels(freshDir)).toEqual(readModels(dataDir));
  }, 600_000);
});
