// Electronic signatures through HTTP: a passphrase kept as a slow hash, signatures on a discovery
// and a checkpoint, validity that follows the target, the lockout after five wrong passphrases
// (with the app's Clock moved by hand, never slept), and reasons on restores, merges and discards.
import { Clock } from '../../apps/api/src/infrastructure/clock.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const PASSPHRASE = 'correct horse battery staple';

describe('electronic signatures', () => {
  let t: TestApp;
  let now: number;
  beforeAll(async () => {
    // A lower scrypt cost keeps the suite quick; the hash format and the code path are the same.
    t = await startTestApp({ signingScryptLog2N: 12 });
    now = Date.parse('2026-03-01T10:00:00.000Z');
    // The app's one Clock, moved by hand: the lockout is tested without sleeping.
    t.app.get(Clock).now = () => new Date(now).toISOString();
  });
  afterAll(() => t.close());

  async function sessionWithDiscovery() {
    const session = (await t.request('POST', '/v1/sessions', { body: { name: 'signed work' } })).body;
    await t.request('POST', `/v1/sessions/${session.id}/start`);
    const discovery = await t.request('POST', `/v1/sessions/${session.id}/discoveries`, {
      body: { type: 'structure_property', description: 'Olivine helps Li+ mobility', materials: ['LiFePO4'], confidence: 0.9 },
    });
    expect(discovery.status).toBe(201);
    return { id: session.id as string, discoveryId: discovery.body.discoveryId as string };
  }

  const newUser = async (name: string) => (await t.request('POST', '/v1/users', { body: { name } })).body.apiKey as string;
  const head = async () => BigInt((await t.request('GET', '/health', { key: null })).body.position);

  it('keeps only a scrypt hash of the passphrase, and needs the current one to change it', async () => {
    const key = await newUser('Hash Keeper');
    expect((await t.request('PUT', '/v1/me/signing-passphrase', { key, body: { passphrase: 'short' } })).status).toBe(400);
    const set = await t.request('PUT', '/v1/me/signing-passphrase', { key, body: { passphrase: PASSPHRASE } });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ set: true });
    expect(JSON.stringify(set.body)).not.toContain(PASSPHRASE);
    const changeWithout = await t.request('PUT', '/v1/me/signing-passphrase', { key, body: { passphrase: 'another long passphrase' } });
    expect(changeWithout.status).toBe(400);
    expect(changeWithout.body.error.field).toBe('currentPassphrase');
    const changed = await t.request('PUT', '/v1/me/signing-passphrase', { key, body: { passphrase: 'another long passphrase', currentPassphrase: PASSPHRASE } });
    expect(changed.status).toBe(200);
  });

  it('signs a discovery; the signature reads valid until the discovery is edited', async () => {
    await t.request('PUT', '/v1/me/signing-passphrase', { body: { passphrase: PASSPHRASE } });
    const { id, discoveryId } = await sessionWithDiscovery();
    const signed = await t.request('POST', `/v1/sessions/${id}/signatures`, { body: { target: { discoveryId }, meaning: 'reviewed', passphrase: PASSPHRASE } });
    expect(signed.status).toBe(201);
    expect(signed.body.events).toEqual(['SignatureRecorded']);
    expect(JSON.stringify(signed.body)).not.toContain(PASSPHRASE);

    const listed = (await t.request('GET', `/v1/sessions/${id}/signatures`)).body.items;
    expect(listed).toEqual([
      expect.objectContaining({ signatureId: signed.body.signatureId, meaning: 'reviewed', target: { discoveryId }, hashAlgorithm: 'sha256', valid: true, at: '2026-03-01T10:00:00.000Z' }),
    ]);
    expect(listed[0].contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(listed[0].signer).toMatchObject({ name: expect.any(String), userId: expect.any(String) });

    // Pinning is a bookmark, not an edit.
    await t.request('POST', `/v1/sessions/${id}/discoveries/${discoveryId}/pin`);
    expect((await t.request('GET', `/v1/sessions/${id}/signatures`)).body.items[0].valid).toBe(true);
    // Tagging edits the record: the signature no longer holds.
    expect((await t.request('POST', `/v1/sessions/${id}/discoveries/${discoveryId}/tags`, { body: { tags: ['olivine'] } })).status).toBe(200);
    const after = (await t.request('GET', `/v1/sessions/${id}/signatures`)).body.items[0];
    expect(after).toMatchObject({ valid: false, reason: expect.stringMatching(/changed after it was signed/) });
  });

  it('signs a checkpoint with the hash of its content, still valid after later work', async () => {
    const { id } = await sessionWithDiscovery();
    expect((await t.request('POST', `/v1/sessions/${id}/checkpoints`, { body: { name: 'reviewed_state' } })).status).toBe(201);
    const signed = await t.request('POST', `/v1/sessions/${id}/signatures`, { body: { target: { checkpoint: 'reviewed_state' }, meaning: 'approved', passphrase: PASSPHRASE } });
    expect(signed.status).toBe(201);
    await t.request('POST', `/v1/sessions/${id}/discoveries`, { body: { type: 'stability_insight', description: 'later finding', materials: [], confidence: 0.5 } });
    const [item] = (await t.request('GET', `/v1/sessions/${id}/signatures`)).body.items;
    expect(item).toMatchObject({ meaning: 'approved', target: { checkpoint: 'reviewed_state', revision: 2 }, valid: true });
  });

  it('refuses bad input with 400 naming the field, unknown targets with 404, and appends nothing', async () => {
    const { id } = await sessionWithDiscovery();
    const before = await head();
    const cases: Array<[unknown, number, string?]> = [
      [{ target: { discoveryId: 'nope' }, meaning: 'reviewed', passphrase: PASSPHRASE }, 404],
      [{ target: { checkpoint: 'nope' }, meaning: 'reviewed', passphrase: PASSPHRASE }, 404],
      [{ target: { discoveryId: 'x', checkpoint: 'y' }, meaning: 'reviewed', passphrase: PASSPHRASE }, 400, 'target'],
      [{ target: { discoveryId: 'x' }, meaning: 'witnessed', passphrase: PASSPHRASE }, 400],
      [{ target: { discoveryId: 'x' }, meaning: 'reviewed' }, 400],
      [{ target: 'x', meaning: 'reviewed', passphrase: PASSPHRASE }, 400],
    ];
    for (const [body, status, field] of cases) {
      const response = await t.request('POST', `/v1/sessions/${id}/signatures`, { body });
      expect([response.status, body]).toEqual([status, body]);
      if (field) expect(response.body.error.field).toBe(field);
    }
    expect(await head()).toBe(before);
  });

  it('answers 404 to someone who may not see the session, before looking at the passphrase', async () => {
    const { id, discoveryId } = await sessionWithDiscovery();
    const stranger = await newUser('Stranger');
    await t.request('PUT', '/v1/me/signing-passphrase', { key: stranger, body: { passphrase: PASSPHRASE } });
    const before = await head();
    expect((await t.request('POST', `/v1/sessions/${id}/signatures`, { key: stranger, body: { target: { discoveryId }, meaning: 'approved', passphrase: 'wrong passphrase!' } })).status).toBe(404);
    expect((await t.request('GET', `/v1/sessions/${id}/signatures`, { key: stranger })).status).toBe(404);
    expect((await t.request('GET', `/v1/sessions/${id}/audit`, { key: stranger })).status).toBe(404);
    expect(await head()).toBe(before);
  });

  it('needs a passphrase set first', async () => {
    const key = await newUser('No Passphrase');
    const session = (await t.request('POST', '/v1/sessions', { key, body: { name: 'mine' } })).body;
    await t.request('POST', `/v1/sessions/${session.id}/checkpoints`, { key, body: { name: 'cp' } });
    const response = await t.request('POST', `/v1/sessions/${session.id}/signatures`, { key, body: { target: { checkpoint: 'cp' }, meaning: 'authored', passphrase: PASSPHRASE } });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('signing_passphrase_not_set');
  });

  it('counts wrong passphrases and locks signing for 15 minutes after five in a row', async () => {
    const key = await newUser('Forgetful');
    await t.request('PUT', '/v1/me/signing-passphrase', { key, body: { passphrase: PASSPHRASE } });
    const session = (await t.request('POST', '/v1/sessions', { key, body: { name: 'lockout' } })).body;
    await t.request('POST', `/v1/sessions/${session.id}/checkpoints`, { key, body: { name: 'cp' } });
    const sign = (passphrase: string) => t.request('POST', `/v1/sessions/${session.id}/signatures`, { key, body: { target: { checkpoint: 'cp' }, meaning: 'authored', passphrase } });

    for (let i = 1; i <= 4; i++) {
      const wrong = await sign(`wrong passphrase ${i}`);
      expect(wrong.status).toBe(403);
      expect(wrong.body.error).toMatchObject({ code: 'signing_passphrase_wrong', details: { failures: i } });
    }
    const fifth = await sign('wrong passphrase 5');
    expect(fifth.status).toBe(403);
    expect(fifth.body.error.details).toEqual({ failures: 5, lockedUntil: '2026-03-01T10:15:00.000Z' });

    // Locked: even the right passphrase is refused, and nothing is appended to the session.
    now += 14 * 60_000 + 59_000;
    const locked = await sign(PASSPHRASE);
    expect(locked.status).toBe(423);
    expect(locked.headers['retry-after']).toBe('1');
    expect(locked.body.error).toMatchObject({ code: 'signing_locked', details: { lockedUntil: '2026-03-01T10:15:00.000Z' } });
    expect((await t.request('PUT', '/v1/me/signing-passphrase', { key, body: { passphrase: 'a brand new passphrase', currentPassphrase: PASSPHRASE } })).status).toBe(423);
    expect((await t.request('GET', `/v1/sessions/${session.id}/signatures`, { key })).body.items).toEqual([]);

    // Fifteen minutes after the fifth failure the lock is over; a success starts the count again.
    now += 1_000;
    expect((await sign(PASSPHRASE)).status).toBe(201);
    const again = await sign('wrong once more');
    expect(again.body.error.details).toEqual({ failures: 1 });
    now = Date.parse('2026-03-01T10:00:00.000Z');
  });
});

describe('reasons on destructive governance actions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const eventsOf = async (id: string, branchId?: string) =>
    (await t.request('GET', `/v1/sessions/${id}${branchId ? `/branches/${branchId}` : ''}/events?limit=1000`)).body.items as Array<{ type: string; data: Record<string, unknown> }>;

  it('records the reason of a restore, a merge with theirs and a discard in their events', async () => {
    const session = (await t.request('POST', '/v1/sessions', { body: { name: 'reasons' } })).body;
    const id = session.id as string;
    await t.request('POST', `/v1/sessions/${id}/start`);
    await t.request('POST', `/v1/sessions/${id}/checkpoints`, { body: { name: 'before' } });
    await t.request('PUT', `/v1/sessions/${id}/focus`, { body: { focus: 'spinels' } });
    const restored = await t.request('POST', `/v1/sessions/${id}/checkpoints/before/restore`, { body: { reason: 'focus was wrong' } });
    expect(restored.status).toBe(200);
    expect((await eventsOf(id)).find((e) => e.type === 'CheckpointRestored')?.data.reason).toBe('focus was wrong');
    expect((await t.request('POST', `/v1/sessions/${id}/recover`, { body: { reason: '' } })).status).toBe(400);

    const branch = (await t.request('POST', `/v1/sessions/${id}/branches`, { body: { name: 'alt' } })).body;
    await t.request('PUT', `/v1/sessions/${id}/branches/${branch.branchId}/focus`, { body: { focus: 'olivines' } });
    const merged = await t.request('POST', `/v1/sessions/${id}/branches/${branch.branchId}/merge`, { body: { strategy: 'theirs', reason: 'branch wins' } });
    expect(merged.status).toBe(200);
    expect((await eventsOf(id)).find((e) => e.type === 'BranchMerged')?.data).toMatchObject({ strategy: 'theirs', reason: 'branch wins' });

    const discarded = await t.request('POST', `/v1/sessions/${id}/branches/${branch.branchId}/discard`, { body: { reason: 'done with it' } });
    expect(discarded.status).toBe(200);
    expect((await eventsOf(id)).find((e) => e.type === 'BranchDiscarded')?.data.reason).toBe('done with it');
    expect((await eventsOf(id, branch.branchId)).find((e) => e.type === 'BranchDiscarded')?.data.reason).toBe('done with it');
  });
});
