import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('identity over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('creates the owner on first start and keeps the key in owner.key with mode 600', async () => {
    const file = join(t.config.dataDir, 'owner.key');
    expect(readFileSync(file, 'utf8').trim()).toBe(t.ownerKey);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const me = await t.request('GET', '/v1/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: 'owner', role: 'owner' });
  });

  it('answers 401 without a key, with a malformed key and with an unknown key', async () => {
    expect((await t.request('GET', '/v1/me', { key: null })).status).toBe(401);
    const malformed = await t.request('GET', '/v1/me', { key: 'not-a-key' });
    expect(malformed.status).toBe(401);
    expect(malformed.body.error.code).toBe('unauthorized');
    const unknown = await t.request('GET', '/v1/me', { key: `${t.ownerKey.slice(0, -4)}AAAA` });
    expect(unknown.status).toBe(401);
  });

  it('lets /health through without a key', async () => {
    const health = await t.request('GET', '/health', { key: null });
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
  });

  it('issues a user key once, authenticates with it, and stops it at once on revoke', async () => {
    const created = await t.request('POST', '/v1/users', { body: { name: 'Ada' } });
    expect(created.status).toBe(201);
    const { id, apiKey, keyId } = created.body;
    expect(apiKey).toMatch(/^csk\./);
    expect((await t.request('GET', '/v1/me', { key: apiKey })).body).toMatchObject({ id, name: 'Ada', role: 'member' });

    const second = await t.request('POST', `/v1/users/${id}/keys`, { key: apiKey, body: { label: 'laptop' } });
    expect(second.status).toBe(201);
    const revoked = await t.request('DELETE', `/v1/users/${id}/keys/${keyId}`, { key: second.body.apiKey });
    expect(revoked.status).toBe(200);
    expect((await t.request('GET', '/v1/me', { key: apiKey })).status).toBe(401);
    expect((await t.request('GET', '/v1/me', { key: second.body.apiKey })).status).toBe(200);
  });

  it('refuses member actions on users with 403 and bad bodies with 400 naming the field', async () => {
    const member = (await t.request('POST', '/v1/users', { body: { name: 'Bob' } })).body;
    const forbidden = await t.request('POST', '/v1/users', { key: member.apiKey, body: { name: 'Eve' } });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('forbidden');
    const bad = await t.request('POST', '/v1/users', { body: { name: '' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'validation_failed', field: 'name' });
    const extra = await t.request('POST', '/v1/users', { body: { name: 'X', admin: true } });
    expect(extra.status).toBe(400);
    expect(extra.body.error.field).toBe('admin');
  });
});
