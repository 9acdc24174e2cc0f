// Issue 15, defect 10: authorisation comes first, everywhere. Someone who may not see a session
// gets the 404 an unknown session gets, on every route, whatever else is wrong with the request
// (If-Match, branch, stream); template names are the caller's own.
import { BUILT_IN_TEMPLATES, legacyTemplateStream, templateDecider, type TemplateCommand } from '@crystalyse/domain';
import { CommandRunner } from '../../apps/api/src/infrastructure/command-runner.js';
import { BRANCH_ROUTES, SESSION_ROUTES } from '../support/workspace-routes.js';
import { startTestApp, type TestApp, type TestResponse } from '../support/test-app.js';

const UNKNOWN = '00000000-0000-4000-8000-00000000dead';
const notFound = (id = '<session>') => JSON.stringify({ error: { code: 'session_not_found', message: `session ${id} not found` } });
const answer = (response: TestResponse, ...ids: string[]) => ({
  status: response.status,
  body: ids.reduce((text, id) => text.replaceAll(id, '<session>'), typeof response.body === 'string' ? response.body : JSON.stringify(response.body)),
});

describe('access checks reveal nothing before they refuse (issue 15, defect 10)', () => {
  let t: TestApp;
  let ada: { id: string; apiKey: string };
  let bob: { id: string; apiKey: string };
  let victim: string;
  let victimBranch: string;
  const as = (who: { apiKey: string }) => ({
    post: (url: string, body: unknown = {}, headers?: Record<string, string>) => t.request('POST', url, { key: who.apiKey, body, headers }),
    get: (url: string) => t.request('GET', url, { key: who.apiKey }),
  });

  beforeAll(async () => {
    t = await startTestApp();
    ada = (await t.request('POST', '/v1/users', { body: { name: 'Ada' } })).body;
    bob = (await t.request('POST', '/v1/users', { body: { name: 'Bob' } })).body;
    victim = (await as(ada).post('/v1/sessions', { name: 'ada secret project' })).body.id;
    for (let i = 0; i < 15; i++) await as(ada).post(`/v1/sessions/${victim}/context`, { key: `k${i}`, value: i });
    victimBranch = (await as(ada).post(`/v1/sessions/${victim}/branches`, { name: 'ada_branch' })).body.branchId;
  });
  afterAll(() => t.close());

  it('answers a stranger\'s PATCH with If-Match "999" with 404, not 412 naming the revision', async () => {
    const patched = await t.request('PATCH', `/v1/sessions/${victim}`, { key: bob.apiKey, body: { name: 'mine now' }, headers: { 'if-match': '"999"' } });
    expect(answer(patched, victim)).toEqual({ status: 404, body: notFound() });
    for (const headers of [{ 'if-match': '"3"' }, { 'if-match': '"999"' }]) {
      const paused = await as(bob).post(`/v1/sessions/${victim}/pause`, {}, headers);
      expect(answer(paused, victim)).toEqual({ status: 404, body: notFound() });
      const onBranch = await as(bob).post(`/v1/sessions/${victim}/branches/${victimBranch}/context`, { key: 'x', value: 1 }, headers);
      expect(answer(onBranch, victim)).toEqual({ status: 404, body: notFound() });
    }
  });

  it('gives a stranger on an existing session exactly what an unknown session gives, on every route', async () => {
    const before = (await as(ada).get(`/v1/sessions/${victim}/events?limit=1000`)).body.items.length;
    for (const [method, path, body] of SESSION_ROUTES) {
      const existing = await t.request(method, `/v1/sessions/${victim}${path}`, { key: bob.apiKey, body });
      const unknown = await t.request(method, `/v1/sessions/${UNKNOWN}${path}`, { key: bob.apiKey, body });
      const route = `${method} ${path}`;
      expect({ route, ...answer(existing, victim) }).toEqual({ route, status: 404, body: notFound() });
      expect({ route, ...answer(unknown, UNKNOWN) }).toEqual({ route, status: 404, body: notFound() });
    }
    expect((await as(ada).get(`/v1/sessions/${victim}/events?limit=1000`)).body.items).toHaveLength(before);
  });

  it('answers a stranger\'s branch routes with session_not_found, whether the branch is the session\'s or not', async () => {
    const own = (await as(bob).post('/v1/sessions', { name: 'bob work' })).body.id;
    const ownBranch = (await as(bob).post(`/v1/sessions/${own}/branches`, { name: 'bob_branch' })).body.branchId;
    for (const [method, path, body] of BRANCH_ROUTES) {
      const route = `${method} ${path}`;
      for (const [sessionId, branchId] of [[victim, victimBranch], [victim, ownBranch], [victim, UNKNOWN], [UNKNOWN, victimBranch]] as const) {
        const response = await t.request(method, `/v1/sessions/${sessionId}/branches/${branchId}${path}`, { key: bob.apiKey, body });
        expect({ route, branchId, ...answer(response, sessionId) }).toEqual({ route, branchId, status: 404, body: notFound() });
      }
    }
  });

  it('lists nothing of another user instead of refusing with 403', async () => {
    for (const url of [`/v1/sessions?userId=${ada.id}`, `/v1/sessions/search?q=secret&userId=${ada.id}`]) {
      const listed = await as(bob).get(url);
      expect(listed.status).toBe(200);
      expect(listed.body.items).toEqual([]);
    }
    expect((await as(ada).get(`/v1/sessions?userId=${ada.id}`)).body.items.map((s: { id: string }) => s.id)).toContain(victim);
  });

  it('refuses a streamed question before the stream starts: 404 for a stranger, 412 for a stale If-Match', async () => {
    const sse = { accept: 'text/event-stream' };
    const stranger = await as(bob).post(`/v1/sessions/${victim}/queries`, { text: 'Analyse LiFePO4' }, sse);
    expect(String(stranger.headers['content-type'])).toContain('application/json');
    expect(answer(stranger, victim)).toEqual({ status: 404, body: notFound() });
    const onBranch = await as(bob).post(`/v1/sessions/${victim}/branches/${victimBranch}/queries`, { text: 'Analyse LiFePO4' }, sse);
    expect(answer(onBranch, victim)).toEqual({ status: 404, body: notFound() });

    const stale = await as(ada).post(`/v1/sessions/${victim}/queries`, { text: 'Analyse LiFePO4' }, { ...sse, 'if-match': '"999"' });
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('precondition_failed');
    const wrongBranch = await as(ada).post(`/v1/sessions/${victim}/branches/${UNKNOWN}/queries`, { text: 'Analyse LiFePO4' }, sse);
    expect(wrongBranch.status).toBe(404);
    expect(wrongBranch.body.error.code).toBe('branch_not_found');
    const streamed = await as(ada).post(`/v1/sessions/${victim}/queries`, { text: 'Analyse LiFePO4' }, sse);
    expect(streamed.status).toBe(200);
    expect(String(streamed.body)).toMatch(/^event: accepted$/m);
  });

  it('refuses to make a template from another user\'s session with the 404 of an unknown one', async () => {
    const fromVictim = await as(bob).post('/v1/templates', { name: 'stolen', fromSession: victim });
    const fromUnknown = await as(bob).post('/v1/templates', { name: 'stolen', fromSession: UNKNOWN });
    expect(answer(fromVictim, victim)).toEqual({ status: 404, body: notFound() });
    expect(answer(fromUnknown, UNKNOWN)).toEqual({ status: 404, body: notFound() });
  });

  it('scopes template names to their owner: another user\'s name is neither revealed nor blocked', async () => {
    await as(ada).post(`/v1/sessions/${victim}/tasks`, { title: 'Screen garnet candidates' });
    const adaSaved = await as(ada).post('/v1/templates', { name: 'screening', fromSession: victim, parameters: { structure: 'garnet' } });
    expect(adaSaved.status).toBe(201);

    const own = (await as(bob).post('/v1/sessions', { name: 'bob screening' })).body.id;
    await as(bob).post(`/v1/sessions/${own}/tasks`, { title: 'Screen perovskite candidates' });
    const bobSaved = await as(bob).post('/v1/templates', { name: 'screening', fromSession: own, parameters: { structure: 'perovskite' } });
    expect(bobSaved.status).toBe(201);
    expect(bobSaved.body).toMatchObject({ name: 'screening', version: 1 });
    expect(JSON.stringify(bobSaved.body)).not.toContain(ada.id);

    const bobList = (await as(bob).get('/v1/templates')).body.items;
    expect(bobList.filter((item: { name: string }) => item.name === 'screening')).toEqual([expect.objectContaining({ name: 'screening', builtIn: false, latestVersion: 1 })]);
    expect(bobList.map((item: { name: string }) => item.name)).toContain('materials_discovery_workflow');
    expect((await as(bob).get('/v1/templates/screening')).body.content.tasks).toEqual(['Screen {{structure}} candidates']);
    expect((await as(ada).get('/v1/templates/screening')).body).toMatchObject({ version: 1, fromSessionId: victim });

    const made = await as(bob).post('/v1/sessions/from-template', { template: 'screening', parameters: { structure: 'NASICON' } });
    expect(made.status).toBe(201);
    const context = (await as(bob).get(`/v1/sessions/${made.body.id}/context`)).body;
    expect(context.openTasks.map((task: { title: string }) => task.title)).toEqual(['Screen NASICON candidates']);
    const adaAgain = await as(ada).post('/v1/templates', { name: 'screening', fromSession: victim, parameters: { structure: 'garnet' } });
    expect(adaAgain.body.version).toBe(2);

    // Ada's name that Bob never saved: as unknown to him as a name nobody saved.
    await as(ada).post('/v1/templates', { name: 'ada_only', fromSession: victim, parameters: { structure: 'garnet' } });
    const hers = await as(bob).get('/v1/templates/ada_only');
    const nobody = await as(bob).get('/v1/templates/nobody_saved_this');
    expect(hers.status).toBe(404);
    expect(JSON.stringify(hers.body).replace('ada_only', '<name>')).toBe(JSON.stringify(nobody.body).replace('nobody_saved_this', '<name>'));
    const fromHers = await as(bob).post('/v1/sessions/from-template', { template: 'ada_only', parameters: { structure: 'x' } });
    expect(fromHers.status).toBe(404);
  });

  it('keeps a template saved before names were scoped its first saver\'s, and nobody else\'s', async () => {
    const { parameters, content } = BUILT_IN_TEMPLATES.materials_discovery_workflow!;
    const at = new Date().toISOString();
    const command: TemplateCommand = { type: 'SaveTemplate', data: { actorId: ada.id, at, name: 'old_workflow', fromSessionId: victim, parameters: [...parameters], content: JSON.parse(JSON.stringify(content)) } };
    await t.app.get(CommandRunner).run(legacyTemplateStream('old_workflow'), templateDecider, command, { context: { actor: { userId: ada.id, via: 'api' }, occurredAt: at } });

    expect((await as(ada).get('/v1/templates/old_workflow')).body).toMatchObject({ version: 1, savedBy: ada.id });
    expect((await as(ada).get('/v1/templates')).body.items).toContainEqual(expect.objectContaining({ name: 'old_workflow', latestVersion: 1 }));
    expect((await as(bob).get('/v1/templates/old_workflow')).status).toBe(404);
    expect((await as(bob).get('/v1/templates')).body.items.map((item: { name: string }) => item.name)).not.toContain('old_workflow');

    expect((await as(ada).post('/v1/templates', { name: 'old_workflow', fromSession: victim })).body.version).toBe(2);
    const own = (await as(bob).post('/v1/sessions', { name: 'bob old' })).body.id;
    expect((await as(bob).post('/v1/templates', { name: 'old_workflow', fromSession: own })).body.version).toBe(1);
    expect((await as(ada).get('/v1/templates/old_workflow')).body.version).toBe(2);
  });
});
