// The audit bundle: fetched over HTTP, checked offline by the CLI's verify-bundle code (the same
// function `npm run cli -- verify-bundle audit.json` runs), with tampering of every kind caught;
// and the RO-Crate zip with its metadata describing the session, its files and signatures.
import { unzipSync, strFromU8 } from 'fflate';
import { verifyBundle } from '../../apps/cli/src/verify-bundle.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const PASSPHRASE = 'audit trail passphrase';
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));

describe('the audit bundle', () => {
  let t: TestApp;
  let id: string;
  let bundle: any;

  beforeAll(async () => {
    t = await startTestApp({ signingScryptLog2N: 12 });
    await t.request('PUT', '/v1/me/signing-passphrase', { body: { passphrase: PASSPHRASE } });
    id = (await t.request('POST', '/v1/sessions', { body: { name: 'audited session' } })).body.id;
    await t.request('POST', `/v1/sessions/${id}/start`);
    const d1 = (await t.request('POST', `/v1/sessions/${id}/discoveries`, { body: { type: 'structure_property', description: 'first', materials: ['LiFePO4'], confidence: 0.8 } })).body.discoveryId;
    const d2 = (await t.request('POST', `/v1/sessions/${id}/discoveries`, { body: { type: 'stability_insight', description: 'second', materials: [], confidence: 0.6 } })).body.discoveryId;
    await t.request('POST', `/v1/sessions/${id}/checkpoints`, { body: { name: 'cp' } });
    const branch = (await t.request('POST', `/v1/sessions/${id}/branches`, { body: { name: 'side' } })).body;
    await t.request('PUT', `/v1/sessions/${id}/branches/${branch.branchId}/focus`, { body: { focus: 'spinels' } });
    for (const target of [{ discoveryId: d1 }, { discoveryId: d2 }, { checkpoint: 'cp' }]) {
      expect((await t.request('POST', `/v1/sessions/${id}/signatures`, { body: { target, meaning: 'approved', passphrase: PASSPHRASE } })).status).toBe(201);
    }
    // d2 is edited after it was signed: its signature no longer holds.
    await t.request('POST', `/v1/sessions/${id}/discoveries/${d2}/validate`, { body: {} });
    const response = await t.request('GET', `/v1/sessions/${id}/audit`);
    expect(response.status).toBe(200);
    bundle = response.body;
  });
  afterAll(() => t.close());

  it('holds every event with actor, channel and time, the chains, the signatures and the verification', () => {
    expect(bundle).toMatchObject({ format: 'crystalyse.audit-bundle', version: 1, session: { id, name: 'audited session' } });
    const [session, branch] = bundle.streams;
    expect(session).toMatchObject({ streamId: `session-${id}`, kind: 'session' });
    expect(branch).toMatchObject({ kind: 'branch' });
    expect(session.events[0]).toMatchObject({ revision: 0, type: 'SessionCreated', channel: 'api', actor: expect.any(String), time: expect.any(String) });
    expect(session.events.map((e: { type: string }) => e.type)).toContain('SignatureRecorded');
    expect(bundle.signatures.map((s: { valid: boolean }) => s.valid)).toEqual([true, false, true]);
    expect(bundle.verification).toMatchObject({ ok: true, signatures: { total: 3, valid: 2, invalid: 1 } });
    expect(bundle.verification.chains.every((c: { ok: boolean }) => c.ok)).toBe(true);
  });

  it('verifies offline with the CLI\'s verify-bundle', async () => {
    expect(await verifyBundle(clone(bundle))).toMatchObject({ ok: true, problems: [], streams: 2, signatures: 3 });
  });

  it('catches tampering: an edited event, a dropped first event, a reordered stream, a forged validity, an unlisted or extra signature', async () => {
    const edited = clone(bundle);
    edited.streams[0].events[2].data.description = 'something else';
    expect((await verifyBundle(edited)).problems.join('\n')).toMatch(/chain broken at revision 2: content does not match its hash/);

    const actor = clone(bundle);
    actor.streams[0].events[1].metadata.actor.userId = 'someone-else';
    expect((await verifyBundle(actor)).ok).toBe(false);

    const dropped = clone(bundle);
    dropped.streams[0].events.shift();
    expect((await verifyBundle(dropped)).problems.join('\n')).toMatch(/does not start at revision 0/);

    const reordered = clone(bundle);
    const events = reordered.streams[0].events;
    [events[1], events[2]] = [events[2], events[1]];
    expect((await verifyBundle(reordered)).ok).toBe(false);

    const forged = clone(bundle);
    forged.signatures[1].valid = true;
    expect((await verifyBundle(forged)).problems).toEqual([expect.stringMatching(/listed valid=true, recomputed valid=false/)]);

    const missing = clone(bundle);
    missing.signatures.pop();
    expect((await verifyBundle(missing)).ok).toBe(false);

    const renamed = clone(bundle);
    renamed.signatures[0].signer.name = 'Someone Else';
    expect((await verifyBundle(renamed)).problems).toEqual([expect.stringMatching(/differs from the recorded one/)]);

    const head = clone(bundle);
    head.streams[1].headHash = '0'.repeat(64);
    expect((await verifyBundle(head)).problems.join('\n')).toMatch(/does not end on the stated head hash/);

    expect((await verifyBundle({ format: 'something' } as never)).ok).toBe(false);
  });

  it('packages the same as an RO-Crate zip', async () => {
    const fastify = t.app.getHttpAdapter().getInstance();
    const response = await fastify.inject({ method: 'GET', url: `/v1/sessions/${id}/audit?format=ro-crate`, headers: { authorization: `Bearer ${t.ownerKey}` } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(String(response.headers['content-disposition'])).toContain('ro-crate.zip');
    const files = unzipSync(new Uint8Array(response.rawPayload));
    expect(Object.keys(files).sort()).toEqual(['audit.json', 'events.json', 'export.json', 'ro-crate-metadata.json', 'signatures.json']);
    const metadata = JSON.parse(strFromU8(files['ro-crate-metadata.json']!));
    expect(metadata['@context']).toBe('https://w3id.org/ro/crate/1.1/context');
    const byId = new Map(metadata['@graph'].map((e: { '@id': string }) => [e['@id'], e]));
    expect(byId.get('ro-crate-metadata.json')).toMatchObject({ '@type': 'CreativeWork', about: { '@id': './' }, conformsTo: { '@id': 'https://w3id.org/ro/crate/1.1' } });
    expect(byId.get('./')).toMatchObject({ '@type': 'Dataset', identifier: id, name: 'audited session' });
    expect((byId.get('./') as { hasPart: unknown[] }).hasPart).toEqual(['events.json', 'export.json', 'signatures.json', 'audit.json'].map((p) => ({ '@id': p })));
    expect((byId.get('./') as { mentions: unknown[] }).mentions).toHaveLength(3);
    expect(byId.get('events.json')).toMatchObject({ '@type': 'File', encodingFormat: 'application/json', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const signatures = JSON.parse(strFromU8(files['signatures.json']!));
    expect(signatures.map((s: { valid: boolean }) => s.valid)).toEqual([true, false, true]);
    expect(JSON.parse(strFromU8(files['export.json']!))).toMatchObject({ format: 'crystalyse.session-export' });
    // The bundle inside the crate verifies as the JSON one does.
    expect((await verifyBundle(JSON.parse(strFromU8(files['audit.json']!)))).ok).toBe(true);
    expect((await t.request('GET', `/v1/sessions/${id}/audit?format=pdf`)).status).toBe(400);
  });
});
