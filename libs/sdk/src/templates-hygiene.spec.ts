import { SessionError } from './errors.js';
import { SessionManager } from './session-manager.js';
import { commandBody, routes, sessionView, startFakeApi, type FakeApi, type RecordedRequest } from './testing/fake-api.js';

const path = (r: RecordedRequest) => r.url.replace(/^\/v1/, '');
const sent = (api: FakeApi) => api.requests.filter((r) => r.method !== 'GET');

const builtIn = {
  name: 'materials_discovery_workflow',
  version: 1,
  savedAt: '2026-01-01T00:00:00.000Z',
  savedBy: 'system',
  fromSessionId: null,
  parameters: ['application', 'structure'],
  content: { name: '{{structure}} materials for {{application}}', focus: '{{structure}} materials for {{application}}', tasks: ['Screen {{structure}} candidates'] },
};

describe('SessionManager templates over a scripted API', () => {
  let api: FakeApi;
  let manager: SessionManager;
  beforeEach(async () => {
    api = await startFakeApi();
    manager = new SessionManager({ baseUrl: api.baseUrl, apiKey: 'k' });
  });
  afterEach(() => api.close());

  it('createFromTemplate posts the template and its parameters, then loads the new session after that write', async () => {
    api.answer(routes({
      'POST /sessions/from-template': () => ({ status: 201, body: { ...commandBody(0, '42', ['SessionCreated', 'ContextItemAdded'], 's2'), name: 'perovskite materials for solid state battery', template: { name: 'materials_discovery_workflow', version: 1 } } }),
      'GET /sessions/s2': () => ({ body: sessionView(0, { id: 's2', name: 'perovskite materials for solid state battery', type: 'research', status: 'created' }) }),
    }));
    const session = await manager.createFromTemplate({ template: 'materials_discovery_workflow', parameters: { application: 'solid state battery', structure: 'perovskite' } });
    expect(sent(api)[0]!.body).toEqual({ template: 'materials_discovery_workflow', parameters: { application: 'solid state battery', structure: 'perovskite' } });
    expect(api.requests[1]).toMatchObject({ method: 'GET', url: '/v1/sessions/s2', headers: { 'x-min-position': '42' } });
    expect(session).toMatchObject({ id: 's2', name: 'perovskite materials for solid state battery', type: 'research', history: undefined });

    await manager.createFromTemplate({ template: 'my_workflow', parameters: {}, version: 2 });
    expect(sent(api)[1]!.body).toEqual({ template: 'my_workflow', parameters: {}, version: 2 });
  });

  it('passes on a missing parameter or an unknown template as the server words it', async () => {
    api.answer(routes({
      'POST /sessions/from-template': (r) =>
        (r.body as { template: string }).template === 'nope'
          ? { status: 404, body: { error: { code: 'not_found', message: 'template nope not found' } } }
          : { status: 400, body: { error: { code: 'validation_failed', message: 'parameters.structure is missing', field: 'parameters.structure' } } },
    }));
    await expect(manager.createFromTemplate({ template: 'materials_discovery_workflow', parameters: { application: 'solid state battery' } })).rejects.toMatchObject({
      name: 'SessionError', status: 400, field: 'parameters.structure',
    });
    await expect(manager.createFromTemplate({ template: 'nope' })).rejects.toMatchObject({ name: 'NotFoundError', status: 404 });
    expect(sent(api)[1]!.body).toEqual({ template: 'nope', parameters: {} });
  });

  it('saveTemplate sends name, fromSession and parameters; listTemplates and getTemplate read them back', async () => {
    api.answer(routes({
      'POST /templates': (r) => ({ status: 201, body: { name: (r.body as { name: string }).name, version: 2, parameters: ['structure'], revision: 1, position: '50', replayed: false } }),
      'GET /templates': () => ({ body: { items: [{ name: 'materials_discovery_workflow', builtIn: true, latestVersion: 1, parameters: ['application', 'structure'] }] } }),
      'GET /templates/materials_discovery_workflow': () => ({ body: builtIn }),
    }));
    const saved = await manager.saveTemplate({ name: 'my_materials_screening_workflow', fromSession: 's1', parameters: { structure: 'garnet' } });
    expect(saved).toEqual({ name: 'my_materials_screening_workflow', version: 2, parameters: ['structure'], revision: 1, position: '50', replayed: false });
    await manager.saveTemplate({ name: 'plain', fromSession: 's1' });
    expect(sent(api).map((r) => r.body)).toEqual([
      { name: 'my_materials_screening_workflow', fromSession: 's1', parameters: { structure: 'garnet' } },
      { name: 'plain', fromSession: 's1' },
    ]);
    expect(sent(api)[0]!.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);

    expect((await manager.listTemplates()).map((t) => [t.name, t.builtIn, t.parameters])).toEqual([['materials_discovery_workflow', true, ['application', 'structure']]]);
    expect(await manager.getTemplate('materials_discovery_workflow')).toEqual(builtIn);
    // The list waits for this client's last write: a template just saved is in it.
    expect(api.requests.find((r) => r.method === 'GET' && path(r) === '/templates')!.headers['x-min-position']).toBe('50');
    await expect(manager.getTemplate('a/b')).rejects.toBeInstanceOf(SessionError);
    expect(path(api.requests.at(-1)!)).toBe('/templates/a%2Fb');
  });
});

describe('Session hygiene over a scripted API', () => {
  let api: FakeApi;
  beforeEach(async () => {
    api = await startFakeApi();
  });
  afterEach(() => api.close());

  it('cleanupOldContext, compressHistory and archiveCompletedTasks post to /hygiene and keep the revision', async () => {
    let revision = 3;
    api.answer(routes({
      'GET /sessions/s1': () => ({ body: sessionView(3) }),
      'POST /sessions/s1/hygiene/cleanup-context': () => ({ body: commandBody(++revision, '60', ['ContextItemsExpired']) }),
      'POST /sessions/s1/hygiene/compress-history': (r) =>
        (r.body as { keepLast?: number }).keepLast === 0
          ? { body: { id: 's1', revision, events: [], replayed: false, compressed: 0 } }
          : { body: { ...commandBody(++revision, '61', ['HistorySummarised']), compressed: 2 } },
      'POST /sessions/s1/hygiene/archive-completed-tasks': () => ({ body: commandBody(++revision, '62', ['TasksArchived']) }),
    }));
    const session = await new SessionManager({ baseUrl: api.baseUrl, apiKey: 'k', optimisticConcurrency: true }).loadSession('s1', { lazyLoad: true });
    expect((await session.cleanupOldContext({ days: 7 })).events).toEqual(['ContextItemsExpired']);
    expect(await session.compressHistory()).toMatchObject({ compressed: 2, events: ['HistorySummarised'] });
    expect(await session.compressHistory({ keepLast: 0 })).toMatchObject({ compressed: 0, events: [] });
    expect((await session.archiveCompletedTasks()).events).toEqual(['TasksArchived']);
    expect(sent(api).map((r) => [path(r), r.body, r.headers['if-match']])).toEqual([
      ['/sessions/s1/hygiene/cleanup-context', { days: 7 }, '"3"'],
      ['/sessions/s1/hygiene/compress-history', {}, '"4"'],
      ['/sessions/s1/hygiene/compress-history', { keepLast: 0 }, '"5"'],
      ['/sessions/s1/hygiene/archive-completed-tasks', {}, '"5"'],
    ]);
    expect(session.revision).toBe(6);
    expect(api.requests.filter((r) => r.method === 'GET')).toHaveLength(1);
  });
});
