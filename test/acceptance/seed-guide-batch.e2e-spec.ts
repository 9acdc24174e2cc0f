// The seed guide's batch, research and autosave examples (docs: session-management.md, "Session
// Types" and "Saving Sessions"), through the TypeScript SDK against the real app on a real port,
// offline. Time is the app's injected clock, moved by the test; the scheduler ticks when the test
// says so, and the batch runner is awaited, so nothing here sleeps.
import { SessionManager, type Session } from '@crystalyse/sdk';
import { BatchRunner } from '../../apps/api/src/batches/batch-runner.service.js';
import { Scheduler } from '../../apps/api/src/batches/scheduler.service.js';
import { Clock } from '../../apps/api/src/infrastructure/clock.js';
import { ReadYourWrites } from '../../apps/api/src/infrastructure/read-your-writes.js';
import { startLiveApi, type LiveApi } from './live-api.js';

describe('seed guide: batch, research and autosave sessions through the SDK', () => {
  let api: LiveApi;
  let manager: SessionManager;
  let now = '2026-12-05T09:00:00.000Z';
  const tick = () => api.app.get(Scheduler).tick();
  // The scheduler's writes are not this client's: read once the read models hold them.
  const names = async (session: Session) => {
    await api.app.get(ReadYourWrites).settle();
    return (await session.listCheckpoints()).map((c) => c.name);
  };

  beforeAll(async () => {
    api = await startLiveApi();
    api.app.get(Clock).now = () => now;
    manager = new SessionManager({ baseUrl: api.baseUrl, apiKey: api.ownerKey });
  });
  afterAll(() => api.close());

  it('Batch Sessions: createBatchSession({ name, materials, sharedContext: true })', async () => {
    const materialsList = ['LiFePO4', 'LiCoO2', 'LiMn2O4', 'not a formula'];
    const batchSession = await manager.createBatchSession({
      name: 'materials_library_screening',
      materials: materialsList,
      sharedContext: true,
    });
    expect(batchSession.type).toBe('batch');
    await api.app.get(BatchRunner).idle();

    const progress = await batchSession.waitForBatch();
    expect(progress).toMatchObject({ total: 4, done: 3, failed: 1, remaining: 0, completed: true });
    expect(progress.items[3]).toMatchObject({ formula: 'not a formula', status: 'failed', error: expect.stringMatching(/invalid formula/) });
    // Shared context: the session holds every material analysed, in the order asked.
    const context = await batchSession.getContext();
    expect(context.recentMaterials).toEqual(expect.arrayContaining(['LiFePO4', 'LiCoO2', 'LiMn2O4']));
    expect((await batchSession.getHistory({ lastN: 10 })).items.map((t) => t.question)).toEqual(['Analyse LiFePO4', 'Analyse LiCoO2', 'Analyse LiMn2O4']);
  });

  it('Research Sessions: createResearchSession({ name, durationDays: 30, checkpointFrequency: "daily" })', async () => {
    now = '2026-12-05T09:00:00.000Z';
    const researchSession = await manager.createResearchSession({
      name: 'solid_state_battery_design',
      durationDays: 30,
      checkpointFrequency: 'daily',
    });
    await researchSession.addContext('electrolyte', 'Li7La3Zr2O12 garnet');
    now = '2026-12-05T18:00:00.000Z';
    await tick();
    await researchSession.addHypothesis('Ta doping stabilises the cubic phase');
    now = '2026-12-06T08:00:00.000Z';
    await tick();
    await tick();
    expect(await names(researchSession)).toEqual(['auto-2026-12-05', 'auto-2026-12-06']);

    now = '2027-01-04T09:00:00.000Z';
    await tick();
    const schedule = await researchSession.getSchedule();
    expect(schedule.research).toMatchObject({ durationDays: 30, checkpointFrequency: 'daily', endsAt: '2027-01-04T09:00:00.000Z', ended: true });
    const reloaded = await manager.loadSession(researchSession.id, { lazyLoad: true });
    expect(reloaded.status).not.toBe('archived');
  });

  it('Saving Sessions: configureAutosave({ enabled, frequencyMinutes: 5, onDiscovery, onPause }) and save()', async () => {
    now = '2026-12-07T10:00:00.000Z';
    const session = await manager.createSession({ name: 'autosaved', metadata: { project: 'cathode_materials_discovery' } });
    await session.start();

    // Auto-save configuration
    await session.configureAutosave({
      enabled: true,
      frequencyMinutes: 5,
      onDiscovery: true,
      onPause: true,
    });
    await session.query('Analyse LiFePO4');
    now = '2026-12-07T10:03:00.000Z';
    await tick();
    const discoveryId = await session.recordDiscovery({ type: 'structure_property', description: 'Olivine channels give 1D Li diffusion', materials: ['LiFePO4'], confidence: 0.9 });
    await tick();
    await session.pause();
    await tick();
    expect(await names(session)).toEqual(['autosave-2026-12-07T10-00', `autosave-discovery-${discoveryId}`, expect.stringMatching(/^autosave-pause-r\d+$/)]);

    // Manual save
    const backup = await session.save();
    expect(backup.events?.at(-1)?.type).toBe('CheckpointSaved');
    expect(await session.savedRevision()).toBe(Number(backup.session.revision));
  });
});
