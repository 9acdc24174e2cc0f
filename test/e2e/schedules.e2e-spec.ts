// Research schedules and autosave through HTTP, on an injected clock: the test moves time and
// drives the scheduler's ticks itself (nothing sleeps). Checkpoints are named by period, taken
// only when the session changed, never twice for one period (also after a restart), and a
// research session records its end with a summary and stays as it was.
import { Clock } from '../../apps/api/src/infrastructure/clock.js';
import { Scheduler } from '../../apps/api/src/batches/scheduler.service.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('scheduled checkpoints on an injected clock', () => {
  let t: TestApp;
  let now = '2026-12-05T14:10:00.000Z';
  const useClock = (app: TestApp) => {
    app.app.get(Clock).now = () => now;
  };
  const tick = () => t.app.get(Scheduler).tick();
  const change = (id: string, key: string) => t.request('POST', `/v1/sessions/${id}/context`, { body: { key, value: 'a finding' } });
  const checkpoints = async (id: string) => ((await t.request('GET', `/v1/sessions/${id}/checkpoints`)).body.items ?? (await t.request('GET', `/v1/sessions/${id}/checkpoints`)).body).map((c: { name: string }) => c.name);

  beforeAll(async () => {
    t = await startTestApp();
    useClock(t);
  });
  afterAll(() => t.close());

  it('research: a checkpoint per period when the session changed, once per period across a restart, then the end with a summary', async () => {
    const bad = await t.request('POST', '/v1/sessions', { body: { name: 'r', type: 'research', config: { durationDays: 30, checkpointFrequency: 'monthly' } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('config.checkpointFrequency');

    now = '2026-12-05T14:10:00.000Z';
    const id = (await t.request('POST', '/v1/sessions', { body: { name: 'solid_state_battery_design', type: 'research', config: { durationDays: 1, checkpointFrequency: 'hourly' } } })).body.id;
    expect((await tick()).checkpoints).toEqual([]); // nothing happened yet
    await change(id, 'k1');
    now = '2026-12-05T14:20:00.000Z';
    expect((await tick()).checkpoints).toEqual([{ sessionId: id, name: 'auto-2026-12-05T14' }]);
    expect((await tick()).checkpoints).toEqual([]);
    now = '2026-12-05T15:05:00.000Z';
    expect((await tick()).checkpoints).toEqual([]); // a new period, but no change since
    await change(id, 'k2');
    now = '2026-12-05T15:30:00.000Z';

    // A restart between the change and the tick: the new process works out the same period, once.
    t = await t.restart();
    useClock(t);
    expect((await tick()).checkpoints).toEqual([{ sessionId: id, name: 'auto-2026-12-05T15' }]);
    t = await t.restart();
    useClock(t);
    expect((await tick()).checkpoints).toEqual([]);
    expect(await checkpoints(id)).toEqual(['auto-2026-12-05T14', 'auto-2026-12-05T15']);

    now = '2026-12-06T14:10:00.000Z';
    const end = await tick();
    expect(end.ended).toEqual([id]);
    expect((await tick()).ended).toEqual([]);
    const log = (await t.request('GET', `/v1/sessions/${id}/events?limit=1000`)).body.items as Array<{ type: string; data: any; metadata: any }>;
    const [summary, ended] = log.slice(-2);
    expect(summary!.type).toBe('SessionSummaryGenerated');
    expect(ended).toMatchObject({ type: 'ResearchEnded', data: { endsAt: '2026-12-06T14:10:00.000Z', summaryId: summary!.data.summaryId }, metadata: { actor: { userId: 'system', via: 'scheduler' } } });
    // Not archived nor deleted: it is there, as it was, with its summary.
    const session = (await t.request('GET', `/v1/sessions/${id}`)).body;
    expect(session.status).toBe('created');
    expect(session.type).toBe('research');
    expect((await t.request('GET', `/v1/sessions/${id}/schedule`)).body.research).toEqual({
      durationDays: 1, checkpointFrequency: 'hourly', endsAt: '2026-12-06T14:10:00.000Z', ended: true, endedAt: '2026-12-06T14:10:00.000Z', summaryId: summary!.data.summaryId,
    });
    await change(id, 'k3');
    now = '2026-12-06T15:10:00.000Z';
    expect((await tick()).checkpoints).toEqual([]); // no research checkpoints after the end
  });

  it('autosave: every N minutes when changed, after a discovery, on pause; save() answers the durable revision', async () => {
    now = '2026-12-07T09:00:00.000Z';
    const id = (await t.request('POST', '/v1/sessions', { body: { name: 'autosaved' } })).body.id;
    await t.request('POST', `/v1/sessions/${id}/start`);
    const bad = await t.request('PUT', `/v1/sessions/${id}/autosave`, { body: { enabled: true, frequencyMinutes: 0 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('frequencyMinutes');
    const configured = await t.request('PUT', `/v1/sessions/${id}/autosave`, { body: { enabled: true, frequencyMinutes: 5, onDiscovery: true, onPause: true } });
    expect(configured.status).toBe(200);
    expect(configured.body.events).toEqual(['AutosaveConfigured']);

    await change(id, 'k1');
    now = '2026-12-07T09:02:00.000Z';
    expect((await tick()).checkpoints.map((c) => c.name)).toEqual(['autosave-2026-12-07T09-00']);
    await change(id, 'k2');
    now = '2026-12-07T09:04:00.000Z';
    expect((await tick()).checkpoints).toEqual([]); // this slot is saved already
    now = '2026-12-07T09:06:00.000Z';
    expect((await tick()).checkpoints.map((c) => c.name)).toEqual(['autosave-2026-12-07T09-05']);
    now = '2026-12-07T09:12:00.000Z';
    expect((await tick()).checkpoints).toEqual([]); // no change: nothing

    const discovery = await t.request('POST', `/v1/sessions/${id}/discoveries`, { body: { type: 'structure_property', description: 'Olivine channels', materials: ['LiFePO4'], confidence: 0.9 } });
    expect((await tick()).checkpoints.map((c) => c.name)).toEqual([`autosave-discovery-${discovery.body.discoveryId}`]);

    await change(id, 'k3');
    const paused = await t.request('POST', `/v1/sessions/${id}/pause`, { body: {} });
    expect(paused.body.events).toEqual(['SessionPaused']);
    expect((await tick()).checkpoints.map((c) => c.name)).toEqual([`autosave-pause-r${paused.body.revision}`]);
    expect((await tick()).checkpoints).toEqual([]);

    await t.request('POST', `/v1/sessions/${id}/resume`);
    const saved = await t.request('POST', `/v1/sessions/${id}/save`);
    expect(saved.status).toBe(200);
    const head = (await t.request('GET', `/v1/sessions/${id}`)).body.revision;
    expect(saved.body).toEqual({ id, revision: head, durable: true });
    const stranger = await t.request('POST', '/v1/users', { body: { name: 'stranger' } });
    expect((await t.request('POST', `/v1/sessions/${id}/save`, { key: stranger.body.apiKey })).status).toBe(404);

    await t.request('PUT', `/v1/sessions/${id}/autosave`, { body: { enabled: false } });
    await change(id, 'k4');
    now = '2026-12-07T10:00:00.000Z';
    expect((await tick()).checkpoints).toEqual([]);
  });
});
