// Issue 9: members and permissions, lists filtered to what a user may see, comments,
// contributions, share links and their access log, through HTTP.
import { Clock } from '../../apps/api/src/infrastructure/clock.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface User {
  id: string;
  apiKey: string;
  keyId: string;
}

describe('collaboration (issue 9)', () => {
  let t: TestApp;
  let ada: User;
  let bob: User;
  let cy: User;
  let session: string;
  const as = (who: User | null) => ({
    get: (url: string) => t.request('GET', url, { key: who ? who.apiKey : null }),
    post: (url: string, body: unknown = {}) => t.request('POST', url, { key: who ? who.apiKey : null, body }),
    put: (url: string, body: unknown = {}) => t.request('PUT', url, { key: who ? who.apiKey : null, body }),
    del: (url: string, body?: unknown) => t.request('DELETE', url, { key: who ? who.apiKey : null, body }),
  });
  const user = async (name: string): Promise<User> => (await t.request('POST', '/v1/users', { body: { name } })).body;

  beforeAll(async () => {
    t = await startTestApp();
    [ada, bob, cy] = [await user('Ada'), await user('Bob'), await user('Cy')];
    session = (await as(ada).post('/v1/sessions', { name: 'team_materials_design', type: 'collaborative' })).body.id;
    await as(ada).post(`/v1/sessions/${session}/start`);
  });
  afterAll(() => t.close());

  it('adds a member who then sees the session in lists, search and detail; a stranger sees none of it', async () => {
    expect((await as(bob).get(`/v1/sessions/${session}`)).status).toBe(404);
    const added = await as(ada).put(`/v1/sessions/${session}/members/${bob.id}`, { permissions: ['write', 'add_materials'], reason: 'joins' });
    expect(added.status).toBe(200);
    expect(added.body.events).toEqual(['MemberPermissionsSet']);
    expect((await as(bob).get(`/v1/sessions/${session}`)).body).toMatchObject({ id: session, ownerId: ada.id });
    expect((await as(bob).get('/v1/sessions')).body.items.map((s: { id: string }) => s.id)).toContain(session);
    expect((await as(bob).get('/v1/sessions/search?q=team_materials_design')).body.items.map((s: { id: string }) => s.id)).toContain(session);
    expect((await as(cy).get('/v1/sessions')).body.items).toEqual([]);
    expect((await as(cy).get('/v1/sessions/search?q=team_materials_design')).body.items).toEqual([]);
    const members = await as(bob).get(`/v1/sessions/${session}/members`);
    expect(members.body.items).toEqual([
      { userId: ada.id, permissions: ['read', 'comment', 'write', 'add_materials', 'manage', 'share'], owner: true },
      { userId: bob.id, permissions: ['read', 'write', 'add_materials'], owner: false },
    ]);
  });

  it('pages through the sessions a user owns and those they belong to, newest first, each once', async () => {
    const own = [(await as(bob).post('/v1/sessions', { name: 'bob one' })).body.id, (await as(bob).post('/v1/sessions', { name: 'bob two' })).body.id];
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await as(bob).get(`/v1/sessions?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.body.items.map((s) => s.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([own[1], own[0], session]);
    expect((await as(bob).get(`/v1/sessions?userId=${ada.id}`)).body.items.map((s: { id: string }) => s.id)).toEqual([session]);
    expect((await as(bob).get(`/v1/sessions?userId=${bob.id}`)).body.items.map((s: { id: string }) => s.id)).toEqual([own[1], own[0]]);
  });

  it('lets a member do what their permissions allow: 403 beyond, before the body is even read', async () => {
    expect((await as(bob).put(`/v1/sessions/${session}/focus`, { focus: 'cathodes' })).status).toBe(200);
    const pause = await as(bob).post(`/v1/sessions/${session}/pause`);
    expect(pause.status).toBe(403);
    expect(pause.body.error.message).toMatch(/manage/);
    // Authorisation before validation: a malformed body gets the 403, not a 400 describing the body.
    expect((await as(bob).put(`/v1/sessions/${session}/members/${cy.id}`, { permissions: 'nonsense' })).status).toBe(403);
    expect((await as(cy).put(`/v1/sessions/${session}/members/${cy.id}`, { permissions: 'nonsense' })).status).toBe(404);
    expect((await as(ada).put(`/v1/sessions/${session}/members/${cy.id}`, { permissions: 'nonsense' })).body.error.field).toBe('permissions');
  });

  it('never shows a member the findings of the owner\'s other sessions as relevant past findings', async () => {
    const other = (await as(ada).post('/v1/sessions', { name: 'ada private' })).body.id;
    await as(ada).post(`/v1/sessions/${other}/start`);
    await as(ada).post(`/v1/sessions/${other}/discoveries`, { type: 'stability_insight', description: 'secret garnet electrolyte result', materials: ['Li7La3Zr2O12'], confidence: 0.9 });
    await as(ada).get('/v1/sessions'); // waits for the read models (the context read does not)
    const forAda = (await as(ada).get(`/v1/sessions/${session}/context?q=${encodeURIComponent('secret garnet electrolyte result')}`)).body.relevantFindings;
    expect(JSON.stringify(forAda)).toContain('secret garnet');
    const forBob = (await as(bob).get(`/v1/sessions/${session}/context?q=${encodeURIComponent('secret garnet electrolyte result')}`)).body.relevantFindings;
    expect(JSON.stringify(forBob)).not.toContain('secret garnet');
  });

  it('never removes the owner, and refuses unknown users', async () => {
    expect((await as(ada).del(`/v1/sessions/${session}/members/${ada.id}`)).status).toBe(400);
    expect((await as(ada).put(`/v1/sessions/${session}/members/nobody-here`, { permissions: ['read'] })).status).toBe(404);
  });

  it('records comments on turns and discoveries, and counts contributions per user', async () => {
    const asked = await as(bob).post(`/v1/sessions/${session}/queries`, { text: 'Analyse LiFePO4' });
    expect(asked.status).toBe(201);
    const turnId = (await as(ada).get(`/v1/sessions/${session}/history`)).body.items[0].id;
    const discovery = await as(ada).post(`/v1/sessions/${session}/discoveries`, { type: 'stability_insight', description: 'olivine is stable', materials: ['LiFePO4'], confidence: 0.9 });
    await as(ada).put(`/v1/sessions/${session}/members/${cy.id}`, { permissions: ['comment'] });
    const onTurn = await as(cy).post(`/v1/sessions/${session}/comments`, { on: { turnId }, text: 'check the voltage' });
    expect(onTurn.status).toBe(201);
    expect((await as(cy).post(`/v1/sessions/${session}/comments`, { on: { discoveryId: discovery.body.discoveryId }, text: 'agreed' })).status).toBe(201);
    expect((await as(cy).post(`/v1/sessions/${session}/comments`, { on: { turnId: 'nope' }, text: 'x' })).status).toBe(404);
    expect((await as(cy).post(`/v1/sessions/${session}/comments`, { on: {}, text: 'x' })).status).toBe(400);
    expect((await as(cy).put(`/v1/sessions/${session}/focus`, { focus: 'x' })).status).toBe(403);

    const comments = (await as(ada).get(`/v1/sessions/${session}/comments`)).body.items;
    expect(comments.map((c: { text: string; authorId: string }) => [c.text, c.authorId])).toEqual([['check the voltage', cy.id], ['agreed', cy.id]]);
    const { users } = (await as(bob).get(`/v1/sessions/${session}/contributions`)).body;
    expect(users[bob.id]).toMatchObject({ queries: 1, comments: 0 });
    expect(users[bob.id].materials).toBeGreaterThan(0);
    expect(users[ada.id]).toMatchObject({ queries: 0, discoveries: 1 });
    expect(users[cy.id]).toMatchObject({ comments: 2, queries: 0 });
  });

  it('counts work done in a branch for whoever did it, in REST and GraphQL alike', async () => {
    const before = (await as(ada).get(`/v1/sessions/${session}/contributions`)).body.users[bob.id];
    const branch = await as(bob).post(`/v1/sessions/${session}/branches`, { name: 'bob-explores' });
    expect(branch.status).toBe(201);
    expect((await as(bob).post(`/v1/sessions/${session}/branches/${branch.body.branchId}/queries`, { text: 'Analyse LiMn2O4' })).status).toBe(201);
    const { users } = (await as(ada).get(`/v1/sessions/${session}/contributions`)).body;
    expect(users[bob.id]).toMatchObject({ queries: before.queries + 1, comments: 0 });
    expect(users[bob.id].materials).toBeGreaterThan(before.materials);
    expect(users[ada.id]).toMatchObject({ queries: 0, discoveries: 1 });
    const graph = await t.request('POST', '/graphql', { key: ada.apiKey, body: { query: `{ session(id: "${session}") { contributions { userId queries } } }` } });
    expect(graph.body.data.session.contributions).toContainEqual({ userId: bob.id, queries: before.queries + 1 });
  });

  it('removes a member with a reason; a restore of a checkpoint taken while they had access does not give it back', async () => {
    await as(ada).put(`/v1/sessions/${session}/members/${cy.id}`, { permissions: ['read', 'write'] });
    expect((await as(ada).post(`/v1/sessions/${session}/checkpoints`, { name: 'with_cy' })).status).toBe(201);
    const removed = await as(ada).del(`/v1/sessions/${session}/members/${cy.id}`, { reason: 'left the project' });
    expect(removed.body.events).toEqual(['MemberRemoved']);
    const events = (await as(ada).get(`/v1/sessions/${session}/events?limit=1000`)).body.items;
    expect(events.find((e: { type: string }) => e.type === 'MemberRemoved').data).toMatchObject({ userId: cy.id, reason: 'left the project' });
    expect((await as(cy).get(`/v1/sessions/${session}`)).status).toBe(404);

    expect((await as(ada).post(`/v1/sessions/${session}/checkpoints/with_cy/restore`)).status).toBe(200);
    const branch = await as(ada).post(`/v1/sessions/${session}/branches`, { name: 'after_cy', from: { checkpoint: 'with_cy' } });
    expect(branch.status).toBe(201);
    for (const url of [`/v1/sessions/${session}`, `/v1/sessions/${session}/history`, `/v1/sessions/${session}/events`, `/v1/sessions/${session}/export`, `/v1/sessions/${session}/state?at=0`,
      `/v1/sessions/${session}/branches/${branch.body.branchId}/state`]) {
      expect({ url, status: (await as(cy).get(url)).status }).toEqual({ url, status: 404 });
    }
    expect((await as(cy).get('/v1/sessions')).body.items).toEqual([]);
  });

  describe('share links', () => {
    let read: { linkId: string; token: string; url: string; expiresAt: string };
    let comment: { linkId: string; token: string };

    beforeAll(async () => {
      read = (await as(ada).post(`/v1/sessions/${session}/share-links`, { permissions: 'read', expiresInDays: 7 })).body;
      comment = (await as(ada).post(`/v1/sessions/${session}/share-links`, { permissions: 'comment', expiresInDays: 7 })).body;
    });

    it('shows a random token once and stores only its hash', async () => {
      expect(read.token).toMatch(new RegExp(`^${session}\\.[A-Za-z0-9_-]{43}$`));
      expect(read.url).toBe(`/v1/shared/${read.token}`);
      const listed = (await as(ada).get(`/v1/sessions/${session}/share-links`)).body.items;
      expect(listed).toHaveLength(2);
      expect(JSON.stringify(listed)).not.toContain(read.token.split('.')[1]);
      const events = JSON.stringify((await as(ada).get(`/v1/sessions/${session}/events?limit=1000`)).body);
      expect(events).not.toContain(read.token.split('.')[1]);
      expect(events).toContain('tokenHash');
      // A member without share may not see them.
      expect((await as(bob).get(`/v1/sessions/${session}/share-links`)).status).toBe(403);
    });

    it('opens the session read-only with its branches and history, without a key', async () => {
      const shared = await t.request('GET', read.url, { key: null });
      expect(shared.status).toBe(200);
      expect(shared.body.session.governance).not.toHaveProperty('members');
      expect(shared.body.session.governance).not.toHaveProperty('shareLinks');
      expect(shared.body.branches.map((b: { name: string }) => b.name)).toContain('after_cy');
      const history = await t.request('GET', `${read.url}/history`, { key: null });
      expect(history.body.items[0].question ?? history.body.items[0].text).toBeDefined();
      expect((await t.request('POST', `${read.url}/comments`, { key: null, body: { on: { turnId: history.body.items[0].id }, text: 'hi' } })).status).toBe(403);
      const commented = await t.request('POST', `/v1/shared/${comment.token}/comments`, { key: null, body: { on: { turnId: history.body.items[0].id }, text: 'from the review board' } });
      expect(commented.status).toBe(201);
      const comments = (await as(ada).get(`/v1/sessions/${session}/comments`)).body.items;
      expect(comments.at(-1)).toMatchObject({ text: 'from the review board', authorId: `link:${comment.linkId}` });
    });

    it('answers a guessed token 404 and a revoked or expired one 410, learning nothing; every use is in the access log', async () => {
      const guessed = `${session}.${'A'.repeat(43)}`;
      for (const token of [guessed, 'nonsense', `00000000-0000-4000-8000-000000000000.${'A'.repeat(43)}`]) {
        const answer = await t.request('GET', `/v1/shared/${token}`, { key: null });
        expect(answer.status).toBe(404);
        expect(JSON.stringify(answer.body)).not.toContain(session);
      }
      const revoked = await as(ada).del(`/v1/sessions/${session}/share-links/${read.linkId}`, { reason: 'sent to the wrong list' });
      expect(revoked.body.events).toEqual(['ShareLinkRevoked']);
      const gone = await t.request('GET', read.url, { key: null });
      expect(gone.status).toBe(410);
      expect(JSON.stringify(gone.body)).not.toMatch(/team_materials|wrong list/);

      const clock = t.app.get(Clock);
      const realNow = clock.now.bind(clock);
      clock.now = () => new Date(Date.parse(realNow()) + 8 * 86_400_000).toISOString();
      try {
        expect((await t.request('GET', `/v1/shared/${comment.token}`, { key: null })).status).toBe(410);
        const links = (await as(ada).get(`/v1/sessions/${session}/share-links`)).body.items;
        expect(links.map((l: { status: string }) => l.status).sort()).toEqual(['expired', 'revoked']);
      } finally {
        clock.now = realNow;
      }
      const log = (await as(ada).get(`/v1/sessions/${session}/access-log`)).body;
      expect(log.retentionDays).toBe(90);
      const uses = log.items.map((e: { linkId: string; action: string; outcome: string }) => `${e.linkId === read.linkId ? 'read' : 'comment'} ${e.action} ${e.outcome}`);
      expect(uses).toEqual(expect.arrayContaining(['read view allowed', 'read history allowed', 'read comment not_allowed', 'comment comment allowed', 'read view revoked', 'comment view expired']));
      expect((await as(bob).get(`/v1/sessions/${session}/access-log`)).status).toBe(403);
    });
  });
});
