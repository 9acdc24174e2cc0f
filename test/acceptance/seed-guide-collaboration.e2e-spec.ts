// The seed guide's "Collaborative Sessions", "Collaborative Features" and "Session Sharing"
// (docs: session-management.md) through the TypeScript SDK, against the real app on a real port.
// Each `it` mirrors one example in camelCase; where the guide prints, the test asserts. Users
// are made by the owner (POST /v1/users), as an administrator would before the team starts.
import { PermissionError, NotFoundError, SessionManager, SharedSessionClient, SessionError } from '@crystalyse/sdk';
import { startLiveApi, type LiveApi } from './live-api.js';

interface Created {
  id: string;
  apiKey: string;
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('the seed guide through the SDK: collaboration and sharing', () => {
  let api: LiveApi;
  let lead: Created;
  const team: Record<string, Created> = {};
  let manager: SessionManager;
  const managerOf = (who: Created) => new SessionManager({ baseUrl: api.baseUrl, apiKey: who.apiKey });

  beforeAll(async () => {
    api = await startLiveApi();
    const user = async (name: string): Promise<Created> => {
      const response = await fetch(`${api.baseUrl}/v1/users`, {
        method: 'POST', headers: { authorization: `Bearer ${api.ownerKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ name }),
      });
      return (await response.json()) as Created;
    };
    lead = await user('lead_researcher');
    for (const name of ['materials_scientist1', 'physicist1', 'data_scientist1', 'researcher1', 'researcher2', 'collaborator_123']) team[name] = await user(name);
    manager = managerOf(lead);
  });
  afterAll(() => api.close());

  it('Collaborative Sessions: createCollaborativeSession({ name, members, permissions: "shared_write" })', async () => {
    const collabSession = await manager.createCollaborativeSession({
      name: 'team_materials_exploration',
      members: [team.researcher1!.id, team.researcher2!.id],
      permissions: 'shared_write',
    });
    expect(collabSession.type).toBe('collaborative');
    const members = await collabSession.getMembers();
    expect(members.filter((m) => !m.owner).map((m) => m.permissions)).toEqual([
      ['read', 'comment', 'write', 'add_materials'], ['read', 'comment', 'write', 'add_materials'],
    ]);
    // A member works in it with their own key.
    const asResearcher = await managerOf(team.researcher1!).loadSession(collabSession.id);
    await expect(asResearcher.query('Analyse LiFePO4')).resolves.toMatchObject({ status: 'answered' });
  });

  it('Collaborative Features › Multi-User Sessions: owner and members, setPermissions, getContributions', async () => {
    // Create collaborative session
    const collab = await manager.createCollaborativeSession({
      name: 'team_materials_design',
      owner: lead.id,
      members: [team.materials_scientist1!.id, team.physicist1!.id, team.data_scientist1!.id],
    });

    // Set permissions
    await collab.setPermissions({ user: team.materials_scientist1!.id, permissions: ['read', 'write', 'add_materials'] });
    expect((await collab.getMembers()).find((m) => m.userId === team.materials_scientist1!.id)?.permissions).toEqual(['read', 'write', 'add_materials']);

    // Work by several people
    const scientist = await managerOf(team.materials_scientist1!).loadSession(collab.id);
    await scientist.query('Analyse LiFePO4');
    await scientist.query('What about its ionic conductivity?');
    await collab.query('Show me similar cathode materials');
    const physicist = await managerOf(team.physicist1!).loadSession(collab.id);
    const turnId = (await physicist.getHistory()).items[0]!.id as string;
    await physicist.addComment({ turnId }, 'The conductivity claim needs a source');
    // A member without manage cannot change permissions.
    expect(await caught(physicist.setPermissions({ user: team.data_scientist1!.id, permissions: ['read'] }))).toBeInstanceOf(PermissionError);

    // Track contributions
    const contributions = await collab.getContributions();
    const lines = Object.entries(contributions).map(([user, stats]) => `${user}: ${stats.queries} queries, ${stats.discoveries} discoveries`);
    expect(lines).toContain(`${team.materials_scientist1!.id}: 2 queries, ${contributions[team.materials_scientist1!.id]!.discoveries} discoveries`);
    expect(contributions[lead.id]).toMatchObject({ queries: 1 });
    expect(contributions[team.physicist1!.id]).toMatchObject({ queries: 0, comments: 1 });
    expect(contributions[team.data_scientist1!.id]).toMatchObject({ queries: 0, discoveries: 0, comments: 0, lastAt: null });
    expect(contributions[team.materials_scientist1!.id]!.materials).toBeGreaterThan(0);
  });

  it('Session Sharing: createShareLink({ permissions: "read", expiresInDays: 7 }) and shareWithUser(...)', async () => {
    const session = await manager.createSession({ name: 'cathode_screening', metadata: { project: 'cathode_materials_discovery' } });
    await session.query('Analyse LiFePO4');

    // Share read-only view
    const shareLink = await session.createShareLink({ permissions: 'read', expiresInDays: 7 });
    expect(shareLink.token).toEqual(expect.any(String));
    const daysLeft = (Date.parse(shareLink.expiresAt) - Date.now()) / 86_400_000;
    expect(daysLeft).toBeGreaterThan(6.9);
    expect(daysLeft).toBeLessThanOrEqual(7);
    const viewer = new SharedSessionClient({ baseUrl: api.baseUrl, token: shareLink.url! });
    expect((await viewer.get()).session.id).toBe(session.id);
    expect((await viewer.history()).items).toHaveLength(1);
    expect(await caught(viewer.comment({ turnId: 'x' }, 'hi'))).toBeInstanceOf(PermissionError);
    expect(await manager.openSharedLink(shareLink.token!)).toMatchObject({ link: { permissions: 'read' } });

    // Share with specific user
    await session.shareWithUser({ userId: team.collaborator_123!.id, permissions: ['read', 'comment'] });
    const collaborator = managerOf(team.collaborator_123!);
    expect((await collaborator.listSessions()).map((s) => s.id)).toContain(session.id);
    const asCollaborator = await collaborator.loadSession(session.id);
    const turnId = (await asCollaborator.getHistory()).items[0]!.id as string;
    await asCollaborator.addComment({ turnId }, 'Looks right to me');
    expect(await caught(asCollaborator.query('Analyse LiCoO2'))).toBeInstanceOf(PermissionError);

    // The owner sees the links and their uses, and revokes; the link then opens nothing.
    expect((await session.listShareLinks()).map((l) => [l.permissions, l.status])).toEqual([['read', 'active']]);
    expect((await session.getAccessLog()).items.map((e) => `${e.action} ${e.outcome}`)).toEqual(
      expect.arrayContaining(['view allowed', 'history allowed', 'comment not_allowed']),
    );
    await session.revokeShareLink(shareLink.linkId, 'review finished');
    const gone = await caught(viewer.get());
    expect(gone).toBeInstanceOf(SessionError);
    expect((gone as SessionError).status).toBe(410);

    // Removing the collaborator: the session is gone for them, as if it never existed.
    await session.removeMember(team.collaborator_123!.id, 'project over');
    expect(await caught(collaborator.loadSession(session.id))).toBeInstanceOf(NotFoundError);
  });
});
