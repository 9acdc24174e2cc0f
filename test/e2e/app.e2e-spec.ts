import { startTestApp, type TestApp } from '../support/test-app.js';

describe('the application shell', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('serves the OpenAPI document and its UI without a key', async () => {
    const ui = await t.request('GET', '/docs', { key: null });
    expect(ui.status).toBe(200);
    expect(String(ui.headers['content-type'])).toContain('text/html');
    const json = await t.request('GET', '/docs-json', { key: null });
    expect(json.status).toBe(200);
    expect(Object.keys(json.body.paths)).toEqual(expect.arrayContaining(['/v1/sessions', '/v1/sessions/{id}/checkpoints/{name}/restore', '/health']));
  });

  it('answers unknown routes with the error shape', async () => {
    const response = await t.request('GET', '/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('not_found');
  });

  it('reports the store head position on /health', async () => {
    const before = BigInt((await t.request('GET', '/health', { key: null })).body.position);
    const created = await t.request('POST', '/v1/sessions', { body: { name: 'health check' } });
    const after = BigInt((await t.request('GET', '/health', { key: null })).body.position);
    expect(after).toBe(BigInt(created.body.position));
    expect(after).toBeGreaterThan(before);
  });

  it('lets an operator see projections and rebuild one from zero, members not', async () => {
    await t.request('POST', '/v1/sessions', { body: { name: 'rebuild me' } });
    const status = await t.request('GET', '/v1/admin/projections');
    expect(status.body.items.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['session-state', 'branch-graph', 'templates']));
    const rebuilt = await t.request('POST', '/v1/admin/projections/session-state/rebuild');
    expect(rebuilt.status).toBe(201);
    expect(rebuilt.body).toMatchObject({ projection: 'session-state', caughtUp: true });
    expect(rebuilt.body.events).toBeGreaterThan(0);
    expect((await t.request('GET', '/v1/sessions')).body.items.map((s: { name: string }) => s.name)).toContain('rebuild me');
    expect((await t.request('POST', '/v1/admin/projections/nope/rebuild')).status).toBe(404);
    const member = (await t.request('POST', '/v1/users', { body: { name: 'M' } })).body.apiKey;
    expect((await t.request('GET', '/v1/admin/projections', { key: member })).status).toBe(403);
  });
});
