import { AuthError, PermissionError } from './errors.js';
import { SessionManager } from './session-manager.js';
import { commandBody, routes, sessionView, startFakeApi, type FakeApi, type RecordedRequest } from './testing/fake-api.js';

const sent = (api: FakeApi) => api.requests.filter((r: RecordedRequest) => r.method !== 'GET').map((r) => [r.method, r.url.replace(/^\/v1/, ''), r.body]);

describe('collaboration over a scripted API', () => {
  let api: FakeApi;
  let manager: SessionManager;
  beforeEach(async () => {
    api = await startFakeApi();
    manager = new SessionManager({ baseUrl: api.baseUrl, apiKey: 'k' });
  });
  afterEach(() => api.close());

  it('createCollaborativeSession creates a collaborative session and adds each member with the preset or their own permissions', async () => {
    api.answer(routes({
      'POST /sessions': () => ({ status: 201, body: commandBody(0, '1', ['SessionCreated'], 's1') }),
      'GET /sessions/s1': () => ({ body: sessionView(0, { type: 'collaborative' }) }),
      'PUT /sessions/s1/members/u2': () => ({ body: commandBody(1, '2', ['MemberPermissionsSet'], 's1') }),
      'PUT /sessions/s1/members/u3': () => ({ body: commandBody(2, '3', ['MemberPermissionsSet'], 's1') }),
    }));
    const session = await manager.createCollaborativeSession({ name: 'team', members: ['u2', { userId: 'u3', permissions: ['read'] }] });
    expect(session.type).toBe('collaborative');
    expect(sent(api)).toEqual([
      ['POST', '/sessions', { name: 'team', type: 'collaborative' }],
      ['PUT', '/sessions/s1/members/u2', { permissions: ['read', 'comment', 'write', 'add_materials'] }],
      ['PUT', '/sessions/s1/members/u3', { permissions: ['read'] }],
    ]);
  });

  it('sends members, comments and share links to their routes, and reads contributions by user', async () => {
    api.answer(routes({
      'GET /sessions/s1': () => ({ body: sessionView(0) }),
      'PUT /sessions/s1/members/u2': () => ({ body: commandBody(1, '2', ['MemberPermissionsSet'], 's1') }),
      'DELETE /sessions/s1/members/u2': () => ({ body: commandBody(2, '3', ['MemberRemoved'], 's1') }),
      'POST /sessions/s1/comments': () => ({ status: 201, body: { ...commandBody(3, '4', ['CommentAdded'], 's1'), commentId: 'c1' } }),
      'POST /sessions/s1/share-links': () => ({ status: 201, body: { ...commandBody(4, '5', ['ShareLinkCreated'], 's1'), linkId: 'l1', token: 's1.tok', url: '/v1/shared/s1.tok', expiresAt: 'x' } }),
      'DELETE /sessions/s1/share-links/l1': () => ({ body: commandBody(5, '6', ['ShareLinkRevoked'], 's1') }),
      'GET /sessions/s1/contributions': () => ({ body: { sessionId: 's1', users: { u2: { queries: 2, discoveries: 1, materials: 3, comments: 0, signatures: 0, lastAt: 'x' } } } }),
    }));
    const session = await manager.loadSession('s1', { lazyLoad: true });
    await session.shareWithUser({ userId: 'u2', permissions: ['read', 'comment'] });
    await session.removeMember('u2', 'left');
    expect(await session.addComment({ turnId: 'q1' }, 'check')).toMatchObject({ commentId: 'c1' });
    expect(await session.createShareLink({ permissions: 'read', expiresInDays: 7 })).toMatchObject({ linkId: 'l1', token: 's1.tok' });
    await session.revokeShareLink('l1', 'done');
    expect(sent(api)).toEqual([
      ['PUT', '/sessions/s1/members/u2', { permissions: ['read', 'comment'] }],
      ['DELETE', '/sessions/s1/members/u2', { reason: 'left' }],
      ['POST', '/sessions/s1/comments', { on: { turnId: 'q1' }, text: 'check' }],
      ['POST', '/sessions/s1/share-links', { permissions: 'read', expiresInDays: 7 }],
      ['DELETE', '/sessions/s1/share-links/l1', { reason: 'done' }],
    ]);
    expect(session.revision).toBe(5);
    expect((await session.getContributions()).u2).toMatchObject({ queries: 2, discoveries: 1 });
  });

  it('throws a PermissionError (an AuthError) for a 403', async () => {
    api.answer(routes({
      'GET /sessions/s1': () => ({ body: sessionView(0) }),
      'PUT /sessions/s1/members/u2': () => ({ status: 403, body: { error: { code: 'forbidden', message: 'this needs the manage permission on the session' } } }),
    }));
    const session = await manager.loadSession('s1', { lazyLoad: true });
    const refused = await session.setPermissions({ user: 'u2', permissions: ['read'] }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PermissionError);
    expect(refused).toBeInstanceOf(AuthError);
    expect(refused).toMatchObject({ status: 403, message: 'this needs the manage permission on the session' });
  });
});
