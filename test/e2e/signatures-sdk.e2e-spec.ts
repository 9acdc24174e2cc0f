// Signatures and the audit bundle through the SDK, against the real app on a real port.
import { SessionManager } from '@crystalyse/sdk';
import { verifyBundle } from '../../apps/cli/src/verify-bundle.js';
import { startLiveApi, type LiveApi } from '../acceptance/live-api.js';

describe('signatures through the SDK', () => {
  let api: LiveApi;
  let manager: SessionManager;

  beforeAll(async () => {
    api = await startLiveApi({ signingScryptLog2N: 12 });
    manager = new SessionManager({ baseUrl: api.baseUrl, apiKey: api.ownerKey });
  });
  afterAll(() => api.close());

  it('sets a passphrase, signs a checkpoint and a discovery, lists them and fetches a bundle that verifies', async () => {
    expect(await manager.setSigningPassphrase('reviewer passphrase 1')).toMatchObject({ set: true });
    const session = await manager.createSession({ metadata: { project: 'cathode_materials_discovery' } });
    await session.start();
    const discoveryId = await session.recordDiscovery({ type: 'structure_property', description: 'Olivine helps Li+ mobility', materials: ['LiFePO4'], confidence: 0.9 });
    await session.saveCheckpoint('reviewed');

    const signed = await session.sign({ target: { checkpoint: 'reviewed' }, meaning: 'approved', passphrase: 'reviewer passphrase 1' });
    expect(signed.events).toEqual(['SignatureRecorded']);
    await session.sign({ target: { discoveryId }, meaning: 'reviewed', passphrase: 'reviewer passphrase 1' });
    await expect(session.sign({ target: { discoveryId }, meaning: 'reviewed', passphrase: 'not my passphrase' })).rejects.toMatchObject({ status: 403, code: 'signing_passphrase_wrong' });

    const signatures = await session.getSignatures();
    expect(signatures.map((s) => [s.meaning, s.valid])).toEqual([['approved', true], ['reviewed', true]]);

    const bundle = await session.getAuditBundle();
    expect(bundle.verification.ok).toBe(true);
    expect(await verifyBundle(bundle as never)).toMatchObject({ ok: true, signatures: 2 });

    // A copy made from a backup shows the original's signatures as records of it, none as its own.
    expect(await session.getImportedSignatures()).toEqual([]);
    const copy = await manager.createFromBackup(await session.save());
    expect(await copy.getSignatures()).toEqual([]);
    const imported = await copy.getImportedSignatures();
    expect(imported.map((s) => [s.meaning, s.signedIn, s.valid, s.signer.userId])).toEqual([['approved', session.id, true, signatures[0]!.signer.userId], ['reviewed', session.id, true, signatures[0]!.signer.userId]]);

    // The passphrase changes only with the current one.
    await expect(manager.setSigningPassphrase('another passphrase 2')).rejects.toMatchObject({ status: 400 });
    expect(await manager.setSigningPassphrase('another passphrase 2', 'reviewer passphrase 1')).toMatchObject({ set: true });
  });
});
