// Conditional requests over every GET of a session resource: each answers an ETag, honours
// If-None-Match with 304, and never answers 304 for a representation that changed. The routes are
// read from the controllers the app registered (test/support/registered-routes.ts), so a GET added
// later is covered without editing this file.
import { startTestApp, type TestApp, type TestResponse } from '../support/test-app.js';
import { registeredRoutes, RequestMethod } from '../support/registered-routes.js';

const TAG = /^"(\d+-)?[\w-]{22}"$/;

/** Query strings a route needs to answer 200 (its required parameters). */
const QUERIES: Record<string, string> = {
  'sessions/search': '?q=LiFePO4',
  'sessions/:id/diff': '?from=0',
  'sessions/:id/branches/:branchId/diff': '?from=0',
};

/** Answers that are made anew on every request (they carry the time they were made): never 304. */
const MADE_PER_REQUEST = new Set(['sessions/:id/export', 'sessions/:id/branches/:branchId/export']);

describe('conditional requests (ETag / If-None-Match) on every session GET', () => {
  let t: TestApp;
  const post = (url: string, body: unknown = {}) => t.request('POST', url, { body });
  const params: Record<string, string> = {};
  let urls: { route: string; url: string }[] = [];
  const skipped: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    const created = await post('/v1/sessions', { name: 'etag probe', metadata: { project: 'caching' } });
    params.id = created.body.id;
    await post(`/v1/sessions/${params.id}/start`);
    const asked = await post(`/v1/sessions/${params.id}/queries`, { text: 'Analyse LiFePO4' });
    expect(asked.status).toBe(201);
    await post(`/v1/sessions/${params.id}/checkpoints`, { name: 'cp1' });
    params.name = 'cp1';
    const branch = await post(`/v1/sessions/${params.id}/branches`, { name: 'probe_branch' });
    params.branchId = branch.body.branchId;
    const discoveries = await t.request('GET', `/v1/sessions/${params.id}/discoveries`);
    params.did = params.discoveryId = discoveries.body.items?.[0]?.id ?? 'none';

    const gets = registeredRoutes(t.app).filter((r) => r.method === RequestMethod.GET && r.path.startsWith('sessions'));
    for (const route of gets) {
      if (route.sse || route.path.endsWith('/stream')) {
        skipped.push(`${route.path}: server-sent events (a stream has no representation to validate)`);
        continue;
      }
      if (route.path.endsWith('/batch')) {
        skipped.push(`${route.path}: the probe session is not a batch (404); a batch's progress changes as its runner works`);
        continue;
      }
      if (route.path.endsWith('/audit')) {
        // The bundle says when it was generated: each GET is a new document (its tag changes).
        skipped.push(`${route.path}: generated afresh on every read (generatedAt)`);
        continue;
      }
      const missing = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!).filter((p) => params[p] === undefined);
      if (missing.length) {
        skipped.push(`${route.path}: no fixture for :${missing.join(', :')}`);
        continue;
      }
      const url = `/v1/${route.path.replace(/:(\w+)/g, (_m, p: string) => encodeURIComponent(params[p]!))}${QUERIES[route.path] ?? ''}`;
      urls.push({ route: route.path, url });
    }
    urls = [...new Map(urls.map((u) => [u.url, u])).values()];
    if (skipped.length) console.warn(`conditional requests: not probed:\n  ${skipped.join('\n  ')}`);
  });
  afterAll(() => t.close());

  it('covers the session routes (detail, state, history, events, discoveries, checkpoints, branches, statistics, context...)', () => {
    const covered = urls.map((u) => u.route);
    for (const route of ['sessions', 'sessions/:id', 'sessions/:id/state', 'sessions/:id/history', 'sessions/:id/events', 'sessions/:id/discoveries',
      'sessions/:id/checkpoints', 'sessions/:id/branches', 'sessions/:id/branches/:branchId', 'sessions/:id/statistics', 'sessions/:id/context',
      'sessions/:id/branches/:branchId/state', 'sessions/:id/branches/:branchId/history']) {
      expect(covered).toContain(route);
    }
  });

  it('every GET answers an ETag and Cache-Control: private, no-cache; the same tag again is 304 without a body', async () => {
    for (const { route, url } of urls) {
      const first = await t.request('GET', url);
      expect([route, first.status]).toEqual([route, 200]);
      expect([route, first.headers.etag]).toEqual([route, expect.stringMatching(TAG)]);
      expect(first.headers['cache-control']).toBe('private, no-cache');
      const etag = first.headers.etag as string;
      const again = await t.request('GET', url, { headers: { 'if-none-match': etag } });
      if (MADE_PER_REQUEST.has(route)) {
        expect([route, again.status]).toEqual([route, 200]);
        continue;
      }
      expect([route, again.status, again.body]).toEqual([route, 304, undefined]);
      expect(again.headers.etag).toBe(etag);
      // Weak comparison, lists and `*` (RFC 9110): all match the current representation.
      expect((await t.request('GET', url, { headers: { 'if-none-match': `"nope", W/${etag}` } })).status).toBe(304);
      expect((await t.request('GET', url, { headers: { 'if-none-match': '*' } })).status).toBe(304);
      expect((await t.request('GET', url, { headers: { 'if-none-match': '"0-AAAAAAAAAAAAAAAAAAAAAA"' } })).status).toBe(200);
    }
  });

  it('after a write, no GET answers 304 to the old tag unless its representation is unchanged; the session\'s own reads all change', async () => {
    const before = new Map<string, TestResponse>();
    for (const { url } of urls) before.set(url, await t.request('GET', url));
    // One write on the main line and one in the branch.
    expect((await post(`/v1/sessions/${params.id}/context`, { key: 'after_write', value: 1 })).status).toBe(201);
    expect((await post(`/v1/sessions/${params.id}/branches/${params.branchId}/hypotheses`, { statement: 'spinel conducts in 3D' })).status).toBe(201);

    const mustChange = new Set(['sessions/:id', 'sessions/:id/state', 'sessions/:id/events', 'sessions/:id/context', 'sessions/:id/branches/:branchId/state',
      'sessions/:id/branches/:branchId/events', 'sessions/:id/branches/:branchId/context']);
    let changed = 0;
    for (const { route, url } of urls) {
      const old = before.get(url)!;
      const conditional = await t.request('GET', url, { headers: { 'if-none-match': old.headers.etag as string } });
      const fresh = await t.request('GET', url);
      if (conditional.status === 304) {
        // A 304 claims the representation is the one the client has: it must be.
        expect([route, fresh.headers.etag]).toEqual([route, old.headers.etag]);
        expect([route, fresh.body]).toEqual([route, old.body]);
        expect(mustChange.has(route)).toBe(false);
      } else {
        expect([route, conditional.status]).toEqual([route, 200]);
        if (!MADE_PER_REQUEST.has(route)) {
          expect([route, conditional.headers.etag]).toEqual([route, fresh.headers.etag]);
          expect([route, fresh.headers.etag]).not.toEqual([route, old.headers.etag]);
        }
        changed += 1;
      }
    }
    expect(changed).toBeGreaterThanOrEqual(mustChange.size);
  });

  it('read-your-writes: with X-Min-Position of a write and the tag from before it, the detail answers the new revision', async () => {
    const url = `/v1/sessions/${params.id}`;
    const old = await t.request('GET', url);
    const write = await t.request('PATCH', url, { body: { name: 'renamed for etag' } });
    expect(write.status).toBe(200);
    const after = await t.request('GET', url, { headers: { 'if-none-match': old.headers.etag as string, 'x-min-position': write.body.position } });
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ name: 'renamed for etag', revision: write.body.revision });
    expect(after.headers.etag).toMatch(new RegExp(`^"${write.body.revision}-`));
  });

  it('the tag of a read still works as If-Match: its revision is what the change is based on', async () => {
    const url = `/v1/sessions/${params.id}`;
    const read = await t.request('GET', url);
    const etag = read.headers.etag as string;
    expect(etag).toMatch(new RegExp(`^"${read.body.revision}-`));
    const changed = await t.request('PATCH', url, { body: { name: 'based on a read tag' }, headers: { 'if-match': etag } });
    expect(changed.status).toBe(200);
    // A change answers the bare revision, as before.
    expect(changed.headers.etag).toBe(`"${changed.body.revision}"`);
    expect((await t.request('PATCH', url, { body: { name: 'x' }, headers: { 'if-match': '"not-a-revision"' } })).status).toBe(400);
  });

  it('another user gets 404, never a 304, with a tag copied from the owner', async () => {
    const user = await post('/v1/users', { name: 'stranger' });
    const key = user.body.apiKey ?? user.body.key;
    expect(typeof key).toBe('string');
    const url = `/v1/sessions/${params.id}`;
    const etag = (await t.request('GET', url)).headers.etag as string;
    const theirs = await t.request('GET', url, { key, headers: { 'if-none-match': etag } });
    expect(theirs.status).toBe(404);
  });
});
