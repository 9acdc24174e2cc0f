// Backups of sessions with governance in them, through HTTP: a member's backup imported by that
// member (who owns the copy). The copy's hash chain stays whole.
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('importing backups that carry governance', () => {
  let t: TestApp;
  let bob: { id: string; apiKey: string };
  beforeAll(async () => {
    t = await startTestApp();
    bob = (await t.request('POST', '/v1/users', { body: { name: 'Bob' } })).body;
  });
  afterAll(() => t.close());

  const idsOf = async (key: string) => (await t.request('GET', '/v1/sessions?limit=100', { key })).body.items.map((s: { id: string }) => s.id) as string[];

  it('imports a member\'s backup for that member: they own the copy, and its history keeps their membership', async () => {
    const id = (await t.request('POST', '/v1/sessions', { body: { name: 'team study' } })).body.id;
    await t.request('POST', `/v1/sessions/${id}/context`, { body: { key: 'goal', value: 'cathodes' } });
    expect((await t.request('PUT', `/v1/sessions/${id}/members/${bob.id}`, { body: { permissions: ['write'] } })).status).toBe(200);
    await t.request('POST', `/v1/sessions/${id}/context`, { key: bob.apiKey, body: { key: 'bob', value: 'was here' } });
    expect((await t.request('PUT', `/v1/sessions/${id}/members/${bob.id}`, { body: { permissions: ['write', 'manage'], reason: 'lead' } })).status).toBe(200);

    const backup = (await t.request('GET', `/v1/sessions/${id}/export?includeEvents=true`, { key: bob.apiKey })).body;
    const imported = await t.request('POST', '/v1/sessions/import', { key: bob.apiKey, body: backup });
    expect(imported.status).toBe(201);
    const copy = imported.body.id as string;

    const members = (await t.request('GET', `/v1/sessions/${copy}/members`, { key: bob.apiKey })).body;
    expect(members.owner).toEqual({ userId: bob.id });
    expect(members.items).toEqual([{ userId: bob.id, permissions: ['read', 'comment', 'write', 'add_materials', 'manage', 'share'], owner: true }]);
    const events = (await t.request('GET', `/v1/sessions/${copy}/events?limit=100`, { key: bob.apiKey })).body.items;
    expect(events.filter((e: { type: string }) => e.type === 'MemberPermissionsSet').map((e: { data: { userId: string } }) => e.data.userId)).toEqual([bob.id, bob.id]);
    expect(events.map((e: { type: string }) => e.type)).toEqual([...backup.events.map((e: { type: string }) => e.type), 'SessionImported']);
    expect((await t.request('GET', `/v1/sessions/${copy}/verify`, { key: bob.apiKey })).body).toMatchObject({ ok: true });
    const { revision: _copyRevision, ...copied } = (await t.request('GET', `/v1/sessions/${copy}/context`, { key: bob.apiKey })).body;
    const { revision: _revision, ...original } = (await t.request('GET', `/v1/sessions/${id}/context`)).body;
    expect(copied).toEqual(original);
    // Bob lists it once, as his; the original's owner does not see it.
    expect((await idsOf(bob.apiKey)).filter((s) => s === copy)).toHaveLength(1);
    expect((await t.request('GET', `/v1/sessions/${copy}`)).status).toBe(404);
  });
});
