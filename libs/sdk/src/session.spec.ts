import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthError, ConflictError, SessionError } from './errors.js';
import { SessionManager } from './session-manager.js';
import { commandBody, startFakeApi, type FakeApi, type RecordedRequest, type Reply } from './testing/fake-api.js';
import type { SessionView } from './types.js';

const view = (revision: number, changes: Partial<SessionView> = {}): SessionView => ({
  id: 's1',
  name: 'cathodes',
  type: 'interactive',
  status: 'active',
  ownerId: 'owner',
  metadata: { project: 'p', phase: 'screening' },
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  revision,
  counts: { queries: 0, materials: 0, discoveries: 0, contextItems: 0, hypotheses: 0, tasks: 0, openTasks: 0, checkpoints: 0 },
  ...changes,
});

const conflict = (conflicts: Array<{ field: string; local: unknown; remote: unknown }>): Reply => ({
  status: 409,
  body: { error: { code: 'conflict', message: `conflicting changes to ${conflicts.map((c) => c.field).join(', ')}`, conflicts, recoverable: true } },
});

/** Routes by "METHOD path" (without /v1 and the query); anything else is a 500 the test will see. */
function routes(table: Record<string, (request: RecordedRequest) => Reply>) {
  return (request: RecordedRequest): Reply => {
    const route = table[`${request.method} ${request.url.replace(/^\/v1/, '').split('?')[0]}`];
    return route ? route(request) : { status: 500, body: { error: { code: 'unrouted', message: `${request.method} ${request.url}` } } };
  };
}

const changes = (api: FakeApi) => api.requests.filter((r) => r.method !== 'GET');

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('Session over a scripted API', () => {
  let api: FakeApi;
  beforeEach(async () => {
    api = await startFakeApi();
  });
  afterEach(() => api.close());
  const manager = (optimisticConcurrency = false) => new SessionManager({ baseUrl: api.baseUrl, apiKey: 'k', optimisticConcurrency });

  it('sends no If-Match by default, and the revision last seen once concurrency is on', async () => {
    let revision = 3;
    api.answer(routes({ 'GET /sessions/s1': () => ({ body: view(3) }), 'PATCH /sessions/s1': () => ({ body: commandBody(++revision, String(revision)) }) }));
    const session = await manager().loadSession('s1', { lazyLoad: true });
    await session.rename('a');
    session.withConcurrency();
    await session.rename('b');
    await session.updateMetadata({ phase: 'synthesis' }, ['project']);
    const [first, second, third] = changes(api);
    expect(first!.headers['if-match']).toBeUndefined();
    expect(second!.headers['if-match']).toBe('"4"');
    expect(third!.headers['if-match']).toBe('"5"');
    expect(third!.body).toEqual({ metadata: { phase: 'synthesis' }, removeMetadata: ['project'] });
    expect(session).toMatchObject({ revision: 6, name: 'b', metadata: { phase: 'synthesis' } });
  });

  it('reloads when a change was rebased over other writers, so its next If-Match is a revision it has seen', async () => {
    api.answer(routes({ 'GET /sessions/s1': () => ({ body: view(api.requests.length > 1 ? 9 : 2, { name: 'renamed remotely' }) }), 'PUT /sessions/s1/focus': () => ({ body: commandBody(8, '20') }) }));
    const session = await manager(true).loadSession('s1', { lazyLoad: true });
    await session.setFocus('olivine');
    expect(api.requests.map((r) => r.method)).toEqual(['GET', 'PUT', 'GET']);
    expect(api.requests[2]!.headers['x-min-position']).toBe('20');
    expect(session.revision).toBe(9);
  });

  it("keeps a refused change: save() throws its ConflictError until resolveConflicts('merge') re-sends what did not conflict", async () => {
    let patches = 0;
    api.answer(routes({
      'GET /sessions/s1': () => ({ body: view(patches === 0 ? 1 : 4) }),
      'PATCH /sessions/s1': () => (++patches === 1 ? conflict([{ field: 'governance.metadata.phase', local: 'mine', remote: 'theirs' }]) : { body: commandBody(5, '30') }),
    }));
    const session = await manager(true).loadSession('s1', { lazyLoad: true });
    const refused = await rejection(session.updateMetadata({ phase: 'mine', reviewer: 'ada' }));
    expect(refused).toBeInstanceOf(ConflictError);
    expect(session.conflicts.map((c) => c.field)).toEqual(['governance.metadata.phase']);
    expect(await rejection(session.save())).toBeInstanceOf(ConflictError);

    const result = await session.resolveConflicts({ strategy: 'merge' });
    expect(result.discarded).toEqual([{ field: 'governance.metadata.phase', local: 'mine', remote: 'theirs' }]);
    expect(result.applied).toMatchObject({ revision: 5 });
    const resent = changes(api)[1]!;
    expect(resent.body).toEqual({ metadata: { reviewer: 'ada' } });
    expect(resent.headers['if-match']).toBe('"4"');
    // The reload before re-sending must see the other writer: it does not wait for our position only.
    expect(api.requests.find((r, i) => r.method === 'GET' && i > 1)!.headers['x-min-position']).toBeUndefined();
    expect(session.conflicts).toEqual([]);
  });

  it("'ours' re-sends the whole change on the current revision; 'theirs' sends nothing; merging a rename is 'theirs'", async () => {
    const refusal = conflict([{ field: 'governance.name', local: 'ours', remote: 'theirs' }]);
    const patches: Reply[] = [refusal, { body: commandBody(8, '31') }, refusal, refusal];
    api.answer(routes({ 'GET /sessions/s1': () => ({ body: view(7, { name: 'theirs' }) }), 'PATCH /sessions/s1': () => patches.shift()! }));
    const session = await manager(true).loadSession('s1', { lazyLoad: true });
    await rejection(session.rename('ours'));
    expect((await session.resolveConflicts({ strategy: 'ours' })).applied).toMatchObject({ revision: 8 });
    expect(changes(api)[1]).toMatchObject({ body: { name: 'ours' }, headers: { 'if-match': '"7"' } });
    expect(session.name).toBe('ours');

    await rejection(session.rename('ours again'));
    expect(await session.resolveConflicts({ strategy: 'theirs' })).toMatchObject({ applied: null, discarded: [{ field: 'governance.name' }] });
    await rejection(session.rename('third'));
    expect(await session.resolveConflicts({ strategy: 'merge' })).toMatchObject({ applied: null, discarded: [{ field: 'governance.name' }] });
    expect(changes(api)).toHaveLength(4);
    expect(session.name).toBe('theirs');
    await expect(session.resolveConflicts({ strategy: 'merge' })).rejects.toMatchObject({ code: 'no_conflict', status: 0 });
  });

  it('clears a known context kind by kind and anything else by key', async () => {
    api.answer(routes({ 'GET /sessions/s1': () => ({ body: view(1) }), 'DELETE /sessions/s1/context': () => ({ body: commandBody(2, '3') }) }));
    const session = await manager().loadSession('s1', { lazyLoad: true });
    await session.clearContext('tool_outputs');
    await session.clearContext('important_finding');
    await session.clearContext({ key: 'materials' });
    expect(changes(api).map((r) => r.url)).toEqual([
      '/v1/sessions/s1/context?kind=tool_outputs',
      '/v1/sessions/s1/context?key=important_finding',
      '/v1/sessions/s1/context?key=materials',
    ]);
  });

  it('exports with the seed\'s includeMolecules as includeMaterials, writes outputPath, and keeps backups', async () => {
    const doc = { format: 'crystalyse.session-export', version: 1, session: { id: 's1' }, events: [] };
    api.answer(routes({ 'GET /sessions/s1': () => ({ body: view(1) }), 'GET /sessions/s1/export': () => ({ body: doc }) }));
    const session = await manager().loadSession('s1', { lazyLoad: true });
    const dir = await mkdtemp(join(tmpdir(), 'sdk-export-'));
    try {
      const outputPath = join(dir, 'session_export.json');
      await session.export({ format: 'json', includeDiscoveries: true, includeMolecules: false, outputPath });
      expect(api.requests[1]!.url).toBe('/v1/sessions/s1/export?includeDiscoveries=true&includeMaterials=false');
      expect(JSON.parse(await readFile(outputPath, 'utf8'))).toEqual(doc);
      expect(session.lastBackup).toBeUndefined();
      await session.save();
      expect(api.requests[2]!.url).toBe('/v1/sessions/s1/export?includeEvents=true');
      expect(session.lastBackup).toEqual(doc);
      await expect(session.export({ format: 'xml' as 'json' })).rejects.toMatchObject({ field: 'format', status: 0 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('creates a session only for the caller, and names it after its type by default', async () => {
    api.answer(routes({
      'GET /me': () => ({ body: { id: 'owner', name: 'Owner', role: 'owner', keyId: 'k1' } }),
      'POST /sessions': () => ({ status: 201, body: commandBody(0, '12') }),
      'GET /sessions/s1': () => ({ body: view(0, { status: 'created' }) }),
    }));
    const sessions = manager();
    const refused = await rejection(sessions.createSession({ userId: 'user_123' }));
    expect(refused).toBeInstanceOf(AuthError);
    expect(refused).toMatchObject({ field: 'userId', status: 0 });
    const session = await sessions.createSession({ userId: 'owner', sessionType: 'research', metadata: { project: 'p' } });
    expect(api.requests.find((r) => r.method === 'POST')!.body).toEqual({ name: 'research session', type: 'research', metadata: { project: 'p' } });
    expect(api.requests.at(-1)!.headers['x-min-position']).toBe('12');
    expect(session).toMatchObject({ id: 's1', status: 'created', createdAt: '2025-01-01T00:00:00.000Z' });
    expect(api.requests.filter((r) => r.url === '/v1/me')).toHaveLength(1);
  });

  it('follows list cursors up to the limit', async () => {
    api.answer(routes({
      'GET /sessions': (request) => {
        const cursor = new URL(request.url, 'http://x').searchParams.get('cursor');
        return { body: cursor ? { items: [view(0, { id: 'c' })], nextCursor: null } : { items: [view(0, { id: 'a' }), view(0, { id: 'b' })], nextCursor: 'next' } };
      },
    }));
    expect((await manager().listSessions({ status: 'active' })).map((s) => s.id)).toEqual(['a', 'b', 'c']);
    expect((await manager().listSessions({ limit: 2 })).map((s) => s.id)).toEqual(['a', 'b']);
    expect(api.requests[0]!.url).toBe('/v1/sessions?status=active&limit=200');
    expect(api.requests[1]!.url).toBe('/v1/sessions?status=active&limit=200&cursor=next');
    expect(api.requests).toHaveLength(3);
  });

  it('refuses createFromBackup without a backup or with text that is not JSON', async () => {
    await expect(manager().createFromBackup(undefined)).rejects.toMatchObject({ code: 'no_backup' });
    await expect(manager().createFromBackup('{oops')).rejects.toBeInstanceOf(SessionError);
    expect(api.requests).toHaveLength(0);
  });
});
