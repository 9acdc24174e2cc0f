import { startTestApp, type TestApp } from '../support/test-app.js';

describe('templates and hygiene over HTTP', () => {
  let t: TestApp;
  const post = (url: string, body: unknown = {}) => t.request('POST', url, { body });

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('creates a session from the built-in materials_discovery_workflow with the parameters filled in', async () => {
    const listed = (await t.request('GET', '/v1/templates')).body.items;
    expect(listed).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'materials_discovery_workflow', builtIn: true, parameters: ['application', 'structure'] })]));
    const created = await post('/v1/sessions/from-template', { template: 'materials_discovery_workflow', parameters: { application: 'solid state battery', structure: 'perovskite' } });
    expect(created.status).toBe(201);
    const context = (await t.request('GET', `/v1/sessions/${created.body.id}/context`)).body;
    const text = JSON.stringify(context);
    expect(text).toContain('solid state battery');
    expect(text).toContain('perovskite');
    expect(text).not.toContain('{{');
    expect(context.openTasks.length).toBeGreaterThan(0);
    const missing = await post('/v1/sessions/from-template', { template: 'materials_discovery_workflow', parameters: { application: 'solid state battery' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.field).toBe('parameters.structure');
    expect((await post('/v1/sessions/from-template', { template: 'no_such_template' })).status).toBe(404);
  });

  it('saves a session as a versioned template with marked parameters, and instantiates it', async () => {
    const id = (await post('/v1/sessions', { name: 'garnet screening', metadata: { project: 'electrolytes' } })).body.id;
    await t.request('PUT', `/v1/sessions/${id}/focus`, { body: { focus: 'garnet electrolytes for solid state battery' } });
    await post(`/v1/sessions/${id}/tasks`, { title: 'Screen garnet candidates' });
    const saved = await post('/v1/templates', { name: 'my_materials_screening_workflow', fromSession: id, parameters: { structure: 'garnet' } });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ version: 1, parameters: ['structure'] });
    expect((await post('/v1/templates', { name: 'my_materials_screening_workflow', fromSession: id, parameters: { structure: 'garnet' } })).body.version).toBe(2);
    const template = (await t.request('GET', '/v1/templates/my_materials_screening_workflow')).body;
    expect(template.content.focus).toBe('{{structure}} electrolytes for solid state battery');
    const fresh = await post('/v1/sessions/from-template', { template: 'my_materials_screening_workflow', parameters: { structure: 'NASICON' } });
    const context = (await t.request('GET', `/v1/sessions/${fresh.body.id}/context`)).body;
    expect(context.focus).toBe('NASICON electrolytes for solid state battery');
    expect(context.openTasks.map((task: { title: string }) => task.title)).toEqual(['Screen NASICON candidates']);
    expect((await post('/v1/templates', { name: 'Bad Name', fromSession: id })).body.error.field).toBe('name');
    const stranger = (await post('/v1/users', { name: 'Other' })).body.apiKey;
    expect((await t.request('GET', '/v1/templates/my_materials_screening_workflow', { key: stranger })).status).toBe(404);
  });

  it('cleans old context, compresses history and archives completed tasks, keeping the log', async () => {
    const id = (await post('/v1/sessions', { name: 'tidy' })).body.id;
    await post(`/v1/sessions/${id}/context`, { key: 'old_note', value: 'from last week' });
    for (const formula of ['LiFePO4', 'LiCoO2', 'NaCl']) await post(`/v1/sessions/${id}/queries`, { text: `Analyse ${formula}` });
    const task = (await post(`/v1/sessions/${id}/tasks`, { title: 'done soon' })).body.taskId;
    await post(`/v1/sessions/${id}/tasks/${task}/complete`);

    const nothingOld = await post(`/v1/sessions/${id}/hygiene/cleanup-context`, { days: 7 });
    expect(nothingOld.body.events).toEqual([]);
    const cleaned = await post(`/v1/sessions/${id}/hygiene/cleanup-context`, { days: 0 });
    expect(cleaned.body.events).toEqual(['ContextItemsExpired']);
    const compressed = await post(`/v1/sessions/${id}/hygiene/compress-history`, { keepLast: 1 });
    expect(compressed.body).toMatchObject({ events: ['HistorySummarised'], compressed: 2 });
    const archived = await post(`/v1/sessions/${id}/hygiene/archive-completed-tasks`);
    expect(archived.body.events).toEqual(['TasksArchived']);

    const context = (await t.request('GET', `/v1/sessions/${id}/context`)).body;
    expect(context.items).toEqual([]);
    expect(context.summary).toContain('LiFePO4');
    expect(context.conversation.map((turn: { question: string }) => turn.question)).toEqual(['Analyse NaCl']);
    expect(context.tasks).toEqual([]);
    const events = (await t.request('GET', `/v1/sessions/${id}/events?limit=1000`)).body.items.map((e: { type: string }) => e.type);
    expect(events).toEqual(expect.arrayContaining(['ContextItemAdded', 'QueryAnswered', 'TaskCompleted']));
    expect((await post(`/v1/sessions/${id}/hygiene/cleanup-context`, { days: -1 })).body.error.field).toBe('days');
  });
});
