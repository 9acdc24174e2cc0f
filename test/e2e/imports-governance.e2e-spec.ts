// Backups of sessions with governance in them, through HTTP: a member's backup imported by that
// member (who owns the copy), and a signed session (whose signatures the copy records as the
// original's, never as its own). Both keep the copy's hash chain whole and write nothing on a
// refusal.
import { verifyBundle } from '../../apps/cli/src/verify-bundle.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const PASSPHRASE = 'correct horse battery staple';

describe('importing backups that carry governance', () => {
  let t: TestApp;
  let bob: { id: string; apiKey: string };
  beforeAll(async () => {
    // A lower scrypt cost keeps the suite quick; the hash format and the code path are the same.
    t = await startTestApp({ signingScryptLog2N: 12 });
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

  it('imports a signed session: its signatures become records of the original\'s, listed apart, and the copy is signed anew by its own signers', async () => {
    expect((await t.request('PUT', '/v1/me/signing-passphrase', { body: { passphrase: PASSPHRASE } })).status).toBe(200);
    const id = (await t.request('POST', '/v1/sessions', { body: { name: 'signed study' } })).body.id;
    await t.request('POST', `/v1/sessions/${id}/start`);
    const { discoveryId } = (await t.request('POST', `/v1/sessions/${id}/discoveries`, {
      body: { type: 'structure_property', description: 'Olivine helps Li+ mobility', materials: ['LiFePO4'], confidence: 0.9 },
    })).body;
    await t.request('POST', `/v1/sessions/${id}/checkpoints`, { body: { name: 'reviewed_state' } });
    for (const target of [{ discoveryId }, { checkpoint: 'reviewed_state' }]) {
      expect((await t.request('POST', `/v1/sessions/${id}/signatures`, { body: { target, meaning: 'approved', passphrase: PASSPHRASE } })).status).toBe(201);
    }
    const signed = (await t.request('GET', `/v1/sessions/${id}/signatures`)).body;
    expect(signed.imported).toEqual([]);

    const backup = (await t.request('GET', `/v1/sessions/${id}/export?includeEvents=true`)).body;
    const imported = await t.request('POST', '/v1/sessions/import', { body: backup });
    expect(imported.status).toBe(201);
    const copy = imported.body.id as string;

    const listed = (await t.request('GET', `/v1/sessions/${copy}/signatures`)).body;
    expect(listed.items).toEqual([]);
    expect(listed.imported).toEqual(signed.items.map(({ revision, ...s }: { revision: number }) => ({ ...s, revision, signedIn: id })));
    expect(listed.imported.map((s: { valid: boolean }) => s.valid)).toEqual([true, true]);

    // The copy's audit bundle checks offline: its chain is whole and it claims no signature of its own.
    const bundle = (await t.request('GET', `/v1/sessions/${copy}/audit`)).body;
    expect(bundle.verification).toMatchObject({ ok: true, signatures: { total: 0 } });
    expect(bundle.streams[0].events.filter((e: { type: string }) => e.type === 'SignatureImported')).toHaveLength(2);
    expect(await verifyBundle(bundle)).toMatchObject({ ok: true, problems: [] });

    // Signing the copy records the copy's own signature beside the carried ones.
    const again = await t.request('POST', `/v1/sessions/${copy}/signatures`, { body: { target: { discoveryId }, meaning: 'reviewed', passphrase: PASSPHRASE } });
    expect(again.status).toBe(201);
    const after = (await t.request('GET', `/v1/sessions/${copy}/signatures`)).body;
    expect(after.items.map((s: { meaning: string; valid: boolean }) => [s.meaning, s.valid])).toEqual([['reviewed', true]]);
    expect(after.imported).toHaveLength(2);
  });

  it('refuses a backup whose signature does not match what it signed (400 naming the field) and writes nothing', async () => {
    const id = (await t.request('POST', '/v1/sessions', { body: { name: 'forged study' } })).body.id;
    await t.request('POST', `/v1/sessions/${id}/start`);
    const { discoveryId } = (await t.request('POST', `/v1/sessions/${id}/discoveries`, {
      body: { type: 'structure_property', description: 'Spinels are stable', materials: ['LiMn2O4'], confidence: 0.8 },
    })).body;
    await t.request('POST', `/v1/sessions/${id}/signatures`, { body: { target: { discoveryId }, meaning: 'approved', passphrase: PASSPHRASE } });
    const backup = (await t.request('GET', `/v1/sessions/${id}/export?includeEvents=true`)).body;
    const at = backup.events.findIndex((e: { type: string }) => e.type === 'SignatureRecorded');
    backup.events[at].data.contentHash = 'b'.repeat(64);
    const before = await idsOf(t.ownerKey);
    const refused = await t.request('POST', '/v1/sessions/import', { body: backup });
    expect(refused.status).toBe(400);
    expect(refused.body.error.field).toBe(`events[${at}].data.contentHash`);
    expect(await idsOf(t.ownerKey)).toEqual(before);
  });
});
