// Batch sessions through HTTP: a list or an upload, one query per material through the same
// pipeline as POST /queries (the offline analyst), invalid formulas reported per item, shared
// context or a branch each, pause and resume, retries by the policy, and the progress numbers.
import { AnalystError, type Analyst } from '@crystalyse/agent';
import { ANALYST } from '../../apps/api/src/agent/analyst.provider.js';
import { BatchRunner } from '../../apps/api/src/batches/batch-runner.service.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('batch sessions', () => {
  let t: TestApp;
  let runner: BatchRunner;
  let analyst: Analyst;
  let original: Analyst['analyse'];

  beforeAll(async () => {
    t = await startTestApp();
    runner = t.app.get(BatchRunner);
    analyst = t.app.get<Analyst>(ANALYST);
    original = analyst.analyse.bind(analyst);
  });
  afterEach(() => {
    analyst.analyse = original;
  });
  afterAll(() => t.close());

  const events = async (id: string, branchId?: string) =>
    (await t.request('GET', `/v1/sessions/${id}${branchId ? `/branches/${branchId}` : ''}/events?limit=1000`)).body.items as Array<{ type: string; data: any; metadata: any }>;
  const report = async (id: string) => (await t.request('GET', `/v1/sessions/${id}/batch`)).body;

  it('analyses each material once with shared context, in order, and reports an invalid formula per item', async () => {
    const created = await t.request('POST', '/v1/sessions/batch', { body: { name: 'materials_library_screening', materials: ['LiFePO4', 'Li Fe', 'NaCl', 'Qx7', 'LiCoO2'], sharedContext: true } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ type: 'batch', total: 5, invalid: 2, events: ['SessionCreated', 'SessionStarted', 'BatchPlanned'] });
    await runner.idle();

    const progress = await report(created.body.id);
    expect(progress).toMatchObject({ total: 5, done: 3, failed: 2, remaining: 0, completed: true, paused: false, etaSeconds: 0 });
    expect(progress.ratePerMinute).toBeGreaterThan(0);
    expect(progress.items.map((i: any) => [i.formula, i.status])).toEqual([
      ['LiFePO4', 'answered'], ['Li Fe', 'failed'], ['NaCl', 'answered'], ['Qx7', 'failed'], ['LiCoO2', 'answered'],
    ]);
    expect(progress.items[3].error).toMatch(/invalid formula/);

    const log = await events(created.body.id);
    const asked = log.filter((e) => e.type === 'QueryAsked').map((e) => e.data.text);
    expect(asked).toEqual(['Analyse LiFePO4', 'Analyse NaCl', 'Analyse LiCoO2']);
    expect(log.filter((e) => e.type === 'QueryAnswered')).toHaveLength(3);
    // Each answered item names the query that answered it; the runner acts through the batch channel.
    const answered = log.filter((e) => e.type === 'BatchItemAnswered');
    expect(answered.map((e) => e.data.queryId)).toEqual(progress.items.filter((i: any) => i.status === 'answered').map((i: any) => i.queryId));
    expect(answered[0].metadata.actor).toEqual({ userId: 'system', via: 'batch' });
    expect(log.at(-1)!.type).toBe('BatchCompleted');
  });

  it('takes the list as a CSV upload (multipart/form-data) with the other fields as form fields', async () => {
    const boundary = '----crystalyse-test';
    const part = (name: string, value: string, file?: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${file ? `; filename="${file}"\r\nContent-Type: text/csv` : ''}\r\n\r\n${value}\r\n`;
    const raw = part('name', 'csv screening') + part('sharedContext', 'false') + part('concurrency', '2') + part('file', 'formula,note\nLiFePO4,olivine\nNaCl,rock salt\n"Li Fe",typo\n', 'materials.csv') + `--${boundary}--\r\n`;
    const created = await t.request('POST', '/v1/sessions/batch', { raw, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ total: 3, invalid: 1 });
    await runner.idle();
    const progress = await report(created.body.id);
    expect(progress).toMatchObject({ total: 3, done: 2, failed: 1, remaining: 0, sharedContext: false });

    // Without shared context each material ran in a branch of its own: none saw another's findings.
    const main = await events(created.body.id);
    expect(main.filter((e) => e.type === 'QueryAsked')).toHaveLength(0);
    const started = main.filter((e) => e.type === 'BatchItemStarted');
    expect(new Set(started.map((e) => e.data.branchId)).size).toBe(2);
    for (const s of started) {
      const branch = await events(created.body.id, s.data.branchId);
      expect(branch.filter((e) => e.type === 'QueryAsked').map((e) => e.data.text)).toEqual([`Analyse ${progress.items[s.data.index].formula}`]);
      expect(branch.filter((e) => e.type === 'QueryAnswered')).toHaveLength(1);
    }
  });

  it('refuses a bad request naming the field, and a stranger sees no batch', async () => {
    const empty = await t.request('POST', '/v1/sessions/batch', { body: { name: 'x', materials: [] } });
    expect(empty.status).toBe(400);
    expect(empty.body.error.field).toBe('materials');
    const wide = await t.request('POST', '/v1/sessions/batch', { body: { name: 'x', materials: ['NaCl'], concurrency: 99 } });
    expect(wide.body.error.field).toBe('concurrency');
    const upload = await t.request('POST', '/v1/sessions/batch', { raw: '--b\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--b--\r\n', headers: { 'content-type': 'multipart/form-data; boundary=b' } });
    expect(upload.status).toBe(400);
    expect(upload.body.error.field).toBe('file');

    const user = await t.request('POST', '/v1/users', { body: { name: 'stranger' } });
    const created = await t.request('POST', '/v1/sessions/batch', { body: { name: 'private', materials: ['NaCl'] } });
    await runner.idle();
    expect((await t.request('GET', `/v1/sessions/${created.body.id}/batch`, { key: user.body.apiKey })).status).toBe(404);
    const plain = await t.request('POST', '/v1/sessions', { body: { name: 'not a batch' } });
    expect((await t.request('GET', `/v1/sessions/${plain.body.id}/batch`)).status).toBe(404);
  });

  it('pauses (the item in flight finishes, no new one starts) and resumes from the first unfinished material', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    analyst.analyse = async (request, onProgress) => {
      calls++;
      if (calls === 1) await gate;
      return original(request, onProgress);
    };
    const created = await t.request('POST', '/v1/sessions/batch', { body: { name: 'paused screening', materials: ['LiFePO4', 'NaCl', 'LiCoO2'] } });
    const id = created.body.id;
    while (calls === 0) await new Promise((resolve) => setImmediate(resolve));
    expect((await t.request('POST', `/v1/sessions/${id}/batch/pause`)).body.events).toEqual(['BatchPaused']);
    release();
    await runner.idle();
    expect(await report(id)).toMatchObject({ done: 1, remaining: 2, paused: true, running: false });
    expect(calls).toBe(1);

    expect((await t.request('POST', `/v1/sessions/${id}/batch/resume`)).body.events).toEqual(['BatchResumed']);
    await runner.idle();
    expect(await report(id)).toMatchObject({ done: 3, remaining: 0, paused: false, completed: true });
    expect((await events(id)).filter((e) => e.type === 'QueryAsked')).toHaveLength(3);
  });

  it('retries a failed item by the policy, then reports it, never blocking the rest', async () => {
    const seen: string[] = [];
    analyst.analyse = async (request, onProgress) => {
      seen.push(request.question);
      if (request.question === 'Analyse LiCoO2') throw new AnalystError('server_error', 'model overloaded');
      if (request.question === 'Analyse NaCl' && seen.filter((q) => q === 'Analyse NaCl').length === 1) throw new AnalystError('timeout', 'no answer in time');
      return original(request, onProgress);
    };
    const created = await t.request('POST', '/v1/sessions/batch', { body: { name: 'flaky', materials: ['NaCl', 'LiCoO2', 'LiFePO4'], retries: 2 } });
    await runner.idle();
    const progress = await report(created.body.id);
    expect(progress).toMatchObject({ total: 3, done: 2, failed: 1, remaining: 0, completed: true });
    expect(progress.items[0]).toMatchObject({ formula: 'NaCl', status: 'answered', attempts: 2, error: null });
    expect(progress.items[1]).toMatchObject({ formula: 'LiCoO2', status: 'failed', attempts: 3 });
    expect(progress.items[1].error).toMatch(/model overloaded/);
    expect(progress.items[2]).toMatchObject({ formula: 'LiFePO4', status: 'answered', attempts: 1 });
    expect(seen).toEqual(['Analyse NaCl', 'Analyse NaCl', 'Analyse LiCoO2', 'Analyse LiCoO2', 'Analyse LiCoO2', 'Analyse LiFePO4']);
    const failed = (await events(created.body.id)).filter((e) => e.type === 'BatchItemFailed').map((e) => [e.data.index, e.data.attempt, e.data.willRetry]);
    expect(failed).toEqual([[0, 1, true], [1, 1, true], [1, 2, true], [1, 3, false]]);
  });
});
