import { startTestApp, type TestApp } from '../support/test-app.js';

describe('sessions over HTTP', () => {
  let t: TestApp;
  const create = async (body: Record<string, unknown> = {}) => {
    const response = await t.request('POST', '/v1/sessions', { body: { name: 'battery_materials_project', ...body } });
    expect(response.status).toBe(201);
    return response.body as { id: string; revision: number; position: string };
  };

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('creates a session and answers with id, revision, position and the ETag', async () => {
    const response = await t.request('POST', '/v1/sessions', {
      body: { name: 'cathodes', type: 'research', metadata: { project: 'cathode_materials_discovery', phase: 'structure_optimization' } },
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ revision: 0, status: 'created', events: ['SessionCreated'] });
    expect(response.headers.etag).toBe('"0"');
    const got = await t.request('GET', `/v1/sessions/${response.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id: response.body.id, name: 'cathodes', type: 'research', status: 'created', ownerId: 'owner', revision: 0 });
    expect(got.body.metadata).toEqual({ project: 'cathode_materials_discovery', phase: 'structure_optimization' });
    expect(got.body.counts).toMatchObject({ queries: 0, checkpoints: 0 });
    expect(got.body).not.toHaveProperty('conversation');
  });

  it('walks the lifecycle and refuses what the status forbids with 409 naming the way out', async () => {
    const { id } = await create();
    expect((await t.request('POST', `/v1/sessions/${id}/start`)).body.events).toEqual(['SessionStarted']);
    expect((await t.request('POST', `/v1/sessions/${id}/pause`, { body: { reason: 'lunch' } })).status).toBe(200);
    const paused = await t.request('POST', `/v1/sessions/${id}/pause`, { body: {} });
    expect(paused.status).toBe(409);
    expect(paused.body.error.code).toBe('illegal_transition');
    expect(paused.body.error.message).toMatch(/paused/);
    expect((await t.request('POST', `/v1/sessions/${id}/archive`, { body: {} })).status).toBe(200);
    const refused = await t.request('POST', `/v1/sessions/${id}/context`, { body: { key: 'k', value: 'v' } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/archived.*resume/i);
    expect((await t.request('POST', `/v1/sessions/${id}/resume`)).body.events).toEqual(['SessionResumed']);
    expect((await t.request('GET', `/v1/sessions/${id}`)).body.status).toBe('active');
  });

  it('lists newest first with filters and a cursor, and searches names and metadata', async () => {
    const a = await create({ name: 'olivine structure analysis', metadata: { project: 'p-list' } });
    const b = await create({ name: 'spinel screening', metadata: { project: 'p-list' } });
    const c = await create({ name: 'perovskite stability', metadata: { project: 'p-list' }, type: 'batch' });
    const first = await t.request('GET', '/v1/sessions?project=p-list&limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items.map((s: { id: string }) => s.id)).toEqual([c.id, b.id]);
    const second = await t.request('GET', `/v1/sessions?project=p-list&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((s: { id: string }) => s.id)).toEqual([a.id]);
    expect(second.body.nextCursor).toBeNull();
    const batch = await t.request('GET', '/v1/sessions?project=p-list&type=batch');
    expect(batch.body.items.map((s: { id: string }) => s.id)).toEqual([c.id]);
    const search = await t.request('GET', '/v1/sessions/search?q=olivine%20analysis');
    expect(search.body.items[0].id).toBe(a.id);
    expect((await t.request('GET', '/v1/sessions?status=nonsense')).body.error.field).toBe('status');
    expect((await t.request('GET', '/v1/sessions?cursor=zzz')).body.error.field).toBe('cursor');
  });

  it('keeps context, focus, hypotheses and tasks, and clears context by kind or key', async () => {
    const { id } = await create();
    await t.request('POST', `/v1/sessions/${id}/context`, { body: { key: 'important_finding', value: 'This crystal structure shows enhanced stability' } });
    await t.request('POST', `/v1/sessions/${id}/context`, { body: { key: 'xrd', value: { peaks: 3 }, kind: 'tool_outputs' } });
    await t.request('PUT', `/v1/sessions/${id}/focus`, { body: { focus: 'olivine cathodes' } });
    const hypothesis = await t.request('POST', `/v1/sessions/${id}/hypotheses`, { body: { statement: 'Mn raises the voltage' } });
    expect(hypothesis.body.hypothesisId).toEqual(expect.any(String));
    const task = await t.request('POST', `/v1/sessions/${id}/tasks`, { body: { title: 'compare conductivity' } });
    expect((await t.request('POST', `/v1/sessions/${id}/tasks/${task.body.taskId}/complete`)).status).toBe(200);
    expect((await t.request('DELETE', `/v1/sessions/${id}/context?kind=tool_outputs`)).status).toBe(200);
    const context = (await t.request('GET', `/v1/sessions/${id}/context`)).body;
    expect(context.items.map((i: { key: string }) => i.key)).toEqual(['important_finding']);
    expect(context.focus).toBe('olivine cathodes');
    expect(context.tasks[0]).toMatchObject({ title: 'compare conductivity', status: 'completed' });
    expect((await t.request('DELETE', `/v1/sessions/${id}/context`)).body.error.field).toBe('kind');
    const config = await t.request('PUT', `/v1/sessions/${id}/context/config`, { body: { maxHistory: 10, relevanceThreshold: 2 } });
    expect(config.status).toBe(400);
    expect(config.body.error.field).toBe('relevanceThreshold');
  });

  it('saves, lists, restores and recovers checkpoints without touching governance', async () => {
    const { id } = await create();
    await t.request('POST', `/v1/sessions/${id}/context`, { body: { key: 'a', value: 1 } });
    const saved = await t.request('POST', `/v1/sessions/${id}/checkpoints`, { body: { name: 'after_lifepo4_analysis' } });
    expect(saved.status).toBe(201);
    expect((await t.request('POST', `/v1/sessions/${id}/checkpoints`, { body: { name: 'after_lifepo4_analysis' } })).status).toBe(409);
    await t.request('POST', `/v1/sessions/${id}/context`, { body: { key: 'b', value: 2 } });
    await t.request('PATCH', `/v1/sessions/${id}`, { body: { name: 'renamed after checkpoint' } });
    const listed = await t.request('GET', `/v1/sessions/${id}/checkpoints`);
    expect(listed.body.items).toEqual([expect.objectContaining({ name: 'after_lifepo4_analysis', revision: 1 })]);
    const restored = await t.request('POST', `/v1/sessions/${id}/checkpoints/after_lifepo4_analysis/restore`);
    expect(restored.body.events).toEqual(['CheckpointRestored']);
    const context = (await t.request('GET', `/v1/sessions/${id}/context`)).body;
    expect(context.items.map((i: { key: string }) => i.key)).toEqual(['a']);
    expect((await t.request('GET', `/v1/sessions/${id}`)).body.name).toBe('renamed after checkpoint');
    expect((await t.request('POST', `/v1/sessions/${id}/checkpoints/nope/restore`)).status).toBe(404);
    expect((await t.request('POST', `/v1/sessions/${id}/recover`)).status).toBe(200);
    const fresh = await create();
    const none = await t.request('POST', `/v1/sessions/${fresh.id}/recover`);
    expect(none.status).toBe(404);
  });

  it('travels in time, diffs, pages events and verifies the hash chain', async () => {
    const { id } = await create();
    await t.request('POST', `/v1/sessions/${id}/context`, { body: { key: 'a', value: 1 } });
    await t.request('PUT', `/v1/sessions/${id}/focus`, { body: { focus: 'LiFePO4' } });
    const at1 = await t.request('GET', `/v1/sessions/${id}/state?at=1`);
    expect(at1.body.atRevision).toBe(1);
    expect(at1.body.workspace.focus).toBeNull();
    expect(at1.body.workspace.contextItems).toHaveLength(1);
    const byInstant = await t.request('GET', `/v1/sessions/${id}/state?at=2000-01-01T00:00:00Z`);
    expect(byInstant.body.atRevision).toBe(-1);
    const diff = await t.request('GET', `/v1/sessions/${id}/diff?from=1&to=2`);
    expect(diff.body.diff.workspace.focus.changed).toEqual([expect.objectContaining({ from: null, to: 'LiFePO4' })]);
    const page = await t.request('GET', `/v1/sessions/${id}/events?from=1&limit=1`);
    expect(page.body.items).toHaveLength(1);
    expect(page.body.items[0]).toMatchObject({ type: 'ContextItemAdded', revision: 1 });
    expect(page.body.items[0].metadata).toMatchObject({ actor: { userId: 'owner', via: 'api' }, schemaVersion: 1 });
    expect(page.body.next).toBe(2);
    const verify = await t.request('GET', `/v1/sessions/${id}/verify`);
    expect(verify.body).toMatchObject({ ok: true, eventsChecked: 3 });
    expect((await t.request('GET', `/v1/sessions/${id}/state?at=99`)).body.error.field).toBe('revision');
  });

  it('exports with flags and imports a backup into a new session keeping provenance', async () => {
    const { id } = await create({ metadata: { project: 'export-me' } });
    await t.request('POST', `/v1/sessions/${id}/hypotheses`, { body: { statement: 'olivine is stable' } });
    const light = await t.request('GET', `/v1/sessions/${id}/export?includeDiscoveries=false`);
    expect(light.body.workspace).not.toHaveProperty('discoveries');
    expect(light.body).not.toHaveProperty('events');
    const backup = (await t.request('GET', `/v1/sessions/${id}/export?includeEvents=true`)).body;
    expect(backup.events).toHaveLength(2);
    const imported = await t.request('POST', '/v1/sessions/import', { body: backup });
    expect(imported.status).toBe(201);
    expect(imported.body.id).not.toBe(id);
    const events = (await t.request('GET', `/v1/sessions/${imported.body.id}/events`)).body.items;
    expect(events[1].metadata.importedFrom).toMatchObject({ sessionId: id, revision: '1', actor: { userId: 'owner', via: 'api' } });
    const state = (await t.request('GET', `/v1/sessions/${imported.body.id}/state`)).body;
    expect(state.workspace.hypotheses[0].statement).toBe('olivine is stable');
    const bad = await t.request('POST', '/v1/sessions/import', { body: { ...backup, version: 99 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('version');
  });

  it('honours If-Match: rebases commuting changes, lists conflicts, 412 for an unknown revision', async () => {
    const { id } = await create();
    await t.request('PATCH', `/v1/sessions/${id}`, { body: { name: 'remote name' }, headers: { 'if-match': '"0"' } });
    const conflict = await t.request('PATCH', `/v1/sessions/${id}`, { body: { name: 'local name' }, headers: { 'if-match': '"0"' } });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.conflicts).toEqual([{ field: 'governance.name', local: 'local name', remote: 'remote name', base: 'battery_materials_project' }]);
    const rebased = await t.request('POST', `/v1/sessions/${id}/hypotheses`, { body: { statement: 'h' }, headers: { 'if-match': '"0"' } });
    expect(rebased.status).toBe(201);
    expect(rebased.headers.etag).toBe('"2"');
    expect((await t.request('PATCH', `/v1/sessions/${id}`, { body: { name: 'x' }, headers: { 'if-match': '"42"' } })).status).toBe(412);
    expect((await t.request('PATCH', `/v1/sessions/${id}`, { body: { name: 'x' }, headers: { 'if-match': 'abc' } })).body.error.field).toBe('If-Match');
  });

  it('returns the first result for a repeated Idempotency-Key and appends nothing', async () => {
    const { id } = await create();
    const headers = { 'idempotency-key': `add-task-${id}` };
    const first = await t.request('POST', `/v1/sessions/${id}/context`, { body: { key: 'k', value: 'v' }, headers });
    const again = await t.request('POST', `/v1/sessions/${id}/context`, { body: { key: 'k', value: 'v' }, headers });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ revision: first.body.revision, replayed: true, events: [] });
    expect((await t.request('GET', `/v1/sessions/${id}/events`)).body.items).toHaveLength(2);
  });

  it('keeps other users out (the 404 of an unknown session, nothing leaked), 404 for unknown sessions, 413 for huge bodies', async () => {
    const { id } = await create({ name: 'secret project' });
    const stranger = (await t.request('POST', '/v1/users', { body: { name: 'Stranger' } })).body.apiKey;
    for (const [method, url] of [['GET', `/v1/sessions/${id}`], ['GET', `/v1/sessions/${id}/state`], ['POST', `/v1/sessions/${id}/pause`]] as const) {
      const response = await t.request(method, url, { key: stranger, body: method === 'POST' ? {} : undefined });
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('session_not_found');
      expect(JSON.stringify(response.body)).not.toContain('secret project');
    }
    expect((await t.request('GET', '/v1/sessions', { key: stranger })).body.items).toEqual([]);
    expect((await t.request('GET', '/v1/sessions/does-not-exist')).status).toBe(404);
    const huge = await t.request('POST', '/v1/sessions', { body: { name: 'x', metadata: { blob: 'x'.repeat(2 * 1024 * 1024) } } });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('payload_too_large');
  });
});

describe('idempotent creation over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('creates one session, one hypothesis and one import per Idempotency-Key', async () => {
    const headers = { 'idempotency-key': 'create-once' };
    const first = await t.request('POST', '/v1/sessions', { body: { name: 'once' }, headers });
    const again = await t.request('POST', '/v1/sessions', { body: { name: 'once' }, headers });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ id: first.body.id, replayed: true });
    expect((await t.request('GET', '/v1/sessions')).body.items).toHaveLength(1);

    const h = { 'idempotency-key': 'hyp-once' };
    const h1 = await t.request('POST', `/v1/sessions/${first.body.id}/hypotheses`, { body: { statement: 's' }, headers: h });
    const h2 = await t.request('POST', `/v1/sessions/${first.body.id}/hypotheses`, { body: { statement: 's' }, headers: h });
    expect(h2.body.hypothesisId).toBe(h1.body.hypothesisId);
    expect((await t.request('GET', `/v1/sessions/${first.body.id}/context`)).body.hypotheses).toHaveLength(1);

    const backup = (await t.request('GET', `/v1/sessions/${first.body.id}/export?includeEvents=true`)).body;
    const i = { 'idempotency-key': 'import-once' };
    const i1 = await t.request('POST', '/v1/sessions/import', { body: backup, headers: i });
    const i2 = await t.request('POST', '/v1/sessions/import', { body: backup, headers: i });
    expect(i2.status).toBe(201);
    expect(i2.body.id).toBe(i1.body.id);
    expect((await t.request('GET', '/v1/sessions')).body.items).toHaveLength(2);
  });
});
