import { SessionManager } from './session-manager.js';
import { commandBody, routes, sessionView, startFakeApi, type FakeApi } from './testing/fake-api.js';

const sent = (api: FakeApi) => api.requests.filter((r) => r.method !== 'GET');

describe('batch, research and autosave over a scripted API', () => {
  let api: FakeApi;
  let manager: SessionManager;
  beforeEach(async () => {
    api = await startFakeApi();
    manager = new SessionManager({ baseUrl: api.baseUrl, apiKey: 'k' });
  });
  afterEach(() => api.close());

  it('createBatchSession posts the list to /sessions/batch and loads the batch session after that write', async () => {
    api.answer(routes({
      'POST /sessions/batch': () => ({ status: 201, body: { ...commandBody(2, '17', ['SessionCreated', 'SessionStarted', 'BatchPlanned'], 'b1'), total: 2, invalid: 0 } }),
      'GET /sessions/b1': () => ({ body: sessionView(2, { id: 'b1', name: 'screening', type: 'batch', status: 'active' }) }),
      'GET /sessions/b1/batch': () => ({ body: { sessionId: 'b1', total: 2, done: 2, failed: 0, remaining: 0, paused: false, completed: true, running: false, items: [], ratePerMinute: 4, etaSeconds: 0 } }),
      'POST /sessions/b1/batch/pause': () => ({ body: commandBody(3, '18', ['BatchPaused'], 'b1') }),
      'POST /sessions/b1/batch/resume': () => ({ body: commandBody(4, '19', ['BatchResumed'], 'b1') }),
    }));
    const session = await manager.createBatchSession({ name: 'screening', materials: ['LiFePO4', 'NaCl'], sharedContext: false, concurrency: 2 });
    expect(sent(api)[0]!.body).toEqual({ name: 'screening', materials: ['LiFePO4', 'NaCl'], sharedContext: false, concurrency: 2 });
    expect(api.requests[1]).toMatchObject({ method: 'GET', url: '/v1/sessions/b1', headers: { 'x-min-position': '17' } });
    expect(session.type).toBe('batch');
    expect(await session.waitForBatch()).toMatchObject({ done: 2, completed: true });
    await session.pauseBatch();
    await session.resumeBatch();
    expect(sent(api).map((r) => r.url)).toEqual(['/v1/sessions/batch', '/v1/sessions/b1/batch/pause', '/v1/sessions/b1/batch/resume']);
  });

  it('createResearchSession is a research session with durationDays and checkpointFrequency in its config', async () => {
    api.answer(routes({
      'POST /sessions': () => ({ status: 201, body: commandBody(0, '5', ['SessionCreated'], 'r1') }),
      'GET /sessions/r1': () => ({ body: sessionView(0, { id: 'r1', name: 'solid_state_battery_design', type: 'research' }) }),
    }));
    await manager.createResearchSession({ name: 'solid_state_battery_design', durationDays: 30, checkpointFrequency: 'daily' });
    expect(sent(api)[0]!.body).toEqual({ name: 'solid_state_battery_design', type: 'research', config: { durationDays: 30, checkpointFrequency: 'daily' } });
  });

  it('configureAutosave PUTs the settings; savedRevision answers the durable revision', async () => {
    api.answer(routes({
      'POST /sessions': () => ({ status: 201, body: commandBody(0, '5', ['SessionCreated'], 's1') }),
      'GET /sessions/s1': () => ({ body: sessionView(0, { id: 's1' }) }),
      'PUT /sessions/s1/autosave': () => ({ body: commandBody(1, '6', ['AutosaveConfigured'], 's1') }),
      'POST /sessions/s1/save': () => ({ body: { id: 's1', revision: 1, durable: true } }),
    }));
    const session = await manager.createSession({ name: 'x' });
    await session.configureAutosave({ enabled: true, frequencyMinutes: 5, onDiscovery: true, onPause: true });
    expect(sent(api)[1]).toMatchObject({ method: 'PUT', url: '/v1/sessions/s1/autosave', body: { enabled: true, frequencyMinutes: 5, onDiscovery: true, onPause: true } });
    expect(await session.savedRevision()).toBe(1);
  });
});
