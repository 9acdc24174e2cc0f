// Pinned discoveries end to end: the SDK, the HTTP routes (POST .../discoveries/:did/pin and
// /unpin) and the session's discoveries slice, against the real app on a real port, on the main
// line and on a branch whose pin a merge brings to the session.
import { SessionManager } from '@crystalyse/sdk';
import { startLiveApi, type LiveApi } from '../acceptance/live-api.js';

describe('pinned discoveries through the SDK and HTTP', () => {
  let api: LiveApi;
  let manager: SessionManager;

  beforeAll(async () => {
    api = await startLiveApi();
    manager = new SessionManager({ baseUrl: api.baseUrl, apiKey: api.ownerKey });
  });
  afterAll(() => api.close());

  it('pins and unpins a discovery; pinning again appends nothing; an unknown one is 404; a branch\'s pin merges', async () => {
    const session = await manager.createSession({ metadata: { project: 'cathode_materials_discovery' } });
    await session.start();
    const id = await session.recordDiscovery({ type: 'structure_property', description: 'Olivine helps Li+ mobility', materials: ['LiFePO4'], confidence: 0.9 });

    expect((await session.pinDiscovery(id)).events).toEqual(['DiscoveryPinned']);
    expect((await session.getDiscoveries()).items.find((d) => d.id === id)).toMatchObject({ pinned: true });
    expect((await session.pinDiscovery(id)).events).toEqual([]);

    expect((await session.unpinDiscovery(id)).events).toEqual(['DiscoveryPinned']);
    expect((await session.getDiscoveries()).items.find((d) => d.id === id)).not.toHaveProperty('pinned');
    await expect(session.pinDiscovery('d-unknown')).rejects.toMatchObject({ status: 404 });

    const branch = await session.createBranch('pin_in_a_branch');
    expect((await branch.pinDiscovery(id)).events).toEqual(['DiscoveryPinned']);
    expect((await session.getDiscoveries()).items.find((d) => d.id === id)).not.toHaveProperty('pinned');
    await session.mergeBranch(branch.id);
    expect((await session.getDiscoveries()).items.find((d) => d.id === id)).toMatchObject({ pinned: true });
  });
});
