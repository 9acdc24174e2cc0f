// Issue 15, defect 9: every branch route answers 404 branch_not_found when the branch is not in
// the session of the path, before any other check, exactly as for a branch that does not exist.
import { BRANCH_ROUTES } from '../support/workspace-routes.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('branch routes check that the branch is the session\'s (issue 15, defect 9)', () => {
  let t: TestApp;
  let ada: string;
  let bob: string;
  const as = (key: string) => ({
    post: (url: string, body: unknown = {}) => t.request('POST', url, { key, body }),
    get: (url: string) => t.request('GET', url, { key }),
  });

  beforeAll(async () => {
    t = await startTestApp();
    ada = (await t.request('POST', '/v1/users', { body: { name: 'Ada' } })).body.apiKey;
    bob = (await t.request('POST', '/v1/users', { body: { name: 'Bob' } })).body.apiKey;
  });
  afterAll(() => t.close());

  it('does not verify another user\'s branch under the caller\'s own session', async () => {
    const theirs = (await as(ada).post('/v1/sessions', { name: 'ada secret' })).body.id;
    await as(ada).post(`/v1/sessions/${theirs}/context`, { key: 'secret', value: 'ada data' });
    const theirBranch = (await as(ada).post(`/v1/sessions/${theirs}/branches`, { name: 'ada_branch' })).body.branchId;
    const mine = (await as(bob).post('/v1/sessions', { name: 'bob work' })).body.id;

    const verify = await as(bob).get(`/v1/sessions/${mine}/branches/${theirBranch}/verify`);
    expect(verify.status).toBe(404);
    expect(verify.body).toEqual({ error: { code: 'branch_not_found', message: `branch ${theirBranch} not found` } });
  });

  it('answers every branch route with the same 404 for another session\'s branch as for no branch, and changes nothing', async () => {
    const theirs = (await as(ada).post('/v1/sessions', { name: 'ada secret' })).body.id;
    await as(ada).post(`/v1/sessions/${theirs}/tasks`, { title: 'secret task' });
    const theirBranch = (await as(ada).post(`/v1/sessions/${theirs}/branches`, { name: 'ada_branch' })).body.branchId;
    await as(ada).post(`/v1/sessions/${theirs}/branches/${theirBranch}/checkpoints`, { name: 'probe' });
    const before = (await as(ada).get(`/v1/sessions/${theirs}/branches/${theirBranch}/events`)).body.items.length;
    const mine = (await as(bob).post('/v1/sessions', { name: 'bob work' })).body.id;
    // Bob's own second session: a branch of the same user's other session is just as foreign.
    const other = (await as(bob).post('/v1/sessions', { name: 'bob other' })).body.id;
    const otherBranch = (await as(bob).post(`/v1/sessions/${other}/branches`, { name: 'bob_branch' })).body.branchId;
    const unknown = '00000000-0000-4000-8000-000000000000';

    for (const [method, path, body] of BRANCH_ROUTES) {
      const answers = [];
      for (const branchId of [theirBranch, otherBranch, unknown]) {
        const response = await t.request(method, `/v1/sessions/${mine}/branches/${branchId}${path}`, { key: bob, body });
        answers.push({ route: `${method} ${path}`, status: response.status, body: JSON.stringify(response.body).replaceAll(branchId, '<branch>') });
      }
      const expected = { route: `${method} ${path}`, status: 404, body: JSON.stringify({ error: { code: 'branch_not_found', message: 'branch <branch> not found' } }) };
      expect(answers).toEqual([expected, expected, expected]);
    }
    expect((await as(ada).get(`/v1/sessions/${theirs}/branches/${theirBranch}/events`)).body.items).toHaveLength(before);
    expect((await as(bob).get(`/v1/sessions/${mine}/events`)).body.items).toHaveLength(1);
  });
});
