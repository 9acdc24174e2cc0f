// Issue 15, defect 8: only the owner, or the user themself for their own keys, issues or revokes a
// user's keys; nobody but the owner touches the owner's keys; every issue and revoke is an event
// naming its actor and reason; a refused request appends nothing.
import type { EventStore } from '@crystalyse/event-store';
import { EVENT_STORE } from '../../apps/api/src/infrastructure/tokens.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('API keys over HTTP (issue 15, defect 8)', () => {
  let t: TestApp;
  let store: EventStore;
  let admin: { id: string; apiKey: string; keyId: string };
  let ada: { id: string; apiKey: string; keyId: string };
  let bob: { id: string; apiKey: string; keyId: string };
  const ownerKeyId = () => t.ownerKey.split('.')[2]!;
  const userEvents = async (userId: string) => (await store.readStream(`user-${userId}`)).map((e) => ({ type: e.type, data: e.data as Record<string, unknown>, actor: e.metadata.actor }));

  beforeAll(async () => {
    t = await startTestApp();
    store = t.app.get(EVENT_STORE);
    admin = (await t.request('POST', '/v1/users', { body: { name: 'Adm', role: 'admin' } })).body;
    ada = (await t.request('POST', '/v1/users', { body: { name: 'Ada' } })).body;
    bob = (await t.request('POST', '/v1/users', { body: { name: 'Bob' } })).body;
  });
  afterAll(() => t.close());

  it('refuses an admin a key for the owner and the revocation of the owner\'s key, appending nothing', async () => {
    const before = await userEvents('owner');
    const issued = await t.request('POST', '/v1/users/owner/keys', { key: admin.apiKey, body: { label: 'takeover' } });
    expect(issued.status).toBe(403);
    expect(issued.body.error.code).toBe('forbidden');
    expect(issued.body.apiKey).toBeUndefined();
    const revoked = await t.request('DELETE', `/v1/users/owner/keys/${ownerKeyId()}`, { key: admin.apiKey });
    expect(revoked.status).toBe(403);
    expect(await userEvents('owner')).toEqual(before);
    expect((await t.request('GET', '/v1/me')).status).toBe(200);
  });

  it('refuses an admin (and any other user) keys for someone else, so nobody can read another user\'s sessions', async () => {
    const secret = (await t.request('POST', '/v1/sessions', { key: ada.apiKey, body: { name: 'ada private work' } })).body.id;
    const before = await userEvents(ada.id);
    for (const caller of [admin.apiKey, bob.apiKey]) {
      const issued = await t.request('POST', `/v1/users/${ada.id}/keys`, { key: caller, body: {} });
      expect(issued.status).toBe(403);
      expect(issued.body.apiKey).toBeUndefined();
      expect((await t.request('DELETE', `/v1/users/${ada.id}/keys/${ada.keyId}`, { key: caller })).status).toBe(403);
    }
    expect(await userEvents(ada.id)).toEqual(before);
    expect((await t.request('GET', `/v1/sessions/${secret}`, { key: ada.apiKey })).status).toBe(200);
  });

  it('refuses before looking the user up: an admin learns nothing about which users exist', async () => {
    const unknown = await t.request('POST', '/v1/users/nobody-here/keys', { key: admin.apiKey, body: {} });
    expect(unknown.status).toBe(403);
    expect((await t.request('POST', '/v1/users/nobody-here/keys', { body: {} })).status).toBe(404);
  });

  it('lets an admin still create users, whose first key works', async () => {
    const created = await t.request('POST', '/v1/users', { key: admin.apiKey, body: { name: 'Cy' } });
    expect(created.status).toBe(201);
    expect((await t.request('GET', '/v1/me', { key: created.body.apiKey })).body).toMatchObject({ id: created.body.id, role: 'member' });
    const events = await userEvents(created.body.id);
    expect(events.map((e) => e.type)).toEqual(['UserRegistered', 'ApiKeyIssued']);
    expect(events.every((e) => (e.actor as { userId: string }).userId === admin.id)).toBe(true);
  });

  it('lets the owner issue and revoke a user\'s keys, recording actor and reason', async () => {
    const issued = await t.request('POST', `/v1/users/${bob.id}/keys`, { body: { label: 'recovery', reason: 'Bob lost his laptop' } });
    expect(issued.status).toBe(201);
    expect((await t.request('GET', '/v1/me', { key: issued.body.apiKey })).body.id).toBe(bob.id);
    const revoked = await t.request('DELETE', `/v1/users/${bob.id}/keys/${bob.keyId}`, { body: { reason: 'laptop stolen' } });
    expect(revoked.status).toBe(200);
    expect((await t.request('GET', '/v1/me', { key: bob.apiKey })).status).toBe(401);
    const byQuery = await t.request('DELETE', `/v1/users/${bob.id}/keys/${issued.body.keyId}?reason=${encodeURIComponent('rotated')}`);
    expect(byQuery.status).toBe(200);

    const events = (await userEvents(bob.id)).slice(-3);
    expect(events).toEqual([
      { type: 'ApiKeyIssued', data: expect.objectContaining({ keyId: issued.body.keyId, label: 'recovery', reason: 'Bob lost his laptop' }), actor: { userId: 'owner', via: 'api' } },
      { type: 'ApiKeyRevoked', data: expect.objectContaining({ keyId: bob.keyId, reason: 'laptop stolen' }), actor: { userId: 'owner', via: 'api' } },
      { type: 'ApiKeyRevoked', data: expect.objectContaining({ keyId: issued.body.keyId, reason: 'rotated' }), actor: { userId: 'owner', via: 'api' } },
    ]);
  });

  it('lets a user issue and revoke their own keys, and the owner rotate the owner\'s', async () => {
    const second = await t.request('POST', `/v1/users/${ada.id}/keys`, { key: ada.apiKey, body: { label: 'desktop', reason: 'new machine' } });
    expect(second.status).toBe(201);
    expect((await t.request('DELETE', `/v1/users/${ada.id}/keys/${ada.keyId}`, { key: second.body.apiKey, body: { reason: 'old laptop retired' } })).status).toBe(200);
    const last = (await userEvents(ada.id)).at(-1)!;
    expect(last).toEqual({ type: 'ApiKeyRevoked', data: expect.objectContaining({ reason: 'old laptop retired' }), actor: { userId: ada.id, via: 'api' } });

    const rotated = await t.request('POST', '/v1/users/owner/keys', { body: { reason: 'rotation' } });
    expect(rotated.status).toBe(201);
    expect((await t.request('GET', '/v1/me', { key: rotated.body.apiKey })).body.role).toBe('owner');
  });

  it('validates the reason, naming the field', async () => {
    const long = await t.request('POST', `/v1/users/${bob.id}/keys`, { body: { reason: 'x'.repeat(501) } });
    expect(long.status).toBe(400);
    expect(long.body.error.field).toBe('reason');
    const twice = await t.request('DELETE', `/v1/users/${bob.id}/keys/${bob.keyId}?reason=a`, { body: { reason: 'b' } });
    expect(twice.status).toBe(400);
    expect(twice.body.error.field).toBe('reason');
  });
});
