import { startTestApp, type TestApp } from '../support/test-app.js';

describe('branches over HTTP', () => {
  let t: TestApp;
  const post = (url: string, body: unknown = {}) => t.request('POST', url, { body });
  const newSession = async () => (await post('/v1/sessions', { name: 'branching' })).body.id as string;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('forks at the head, works in the branch without touching the parent, and merges back', async () => {
    const id = await newSession();
    await post(`/v1/sessions/${id}/queries`, { text: 'Analyse LiFePO4' });
    const created = await post(`/v1/sessions/${id}/branches`, { name: 'explore_different_structure' });
    expect(created.status).toBe(201);
    const { branchId } = created.body;
    const base = `/v1/sessions/${id}/branches/${branchId}`;

    const inBranch = await post(`${base}/queries`, { text: 'What if we use a spinel structure instead?' });
    expect(inBranch.status).toBe(201);
    expect(inBranch.body.branchId).toBe(branchId);
    await post(`${base}/hypotheses`, { statement: 'spinel frameworks conduct Li+ in 3D' });
    const branchState = (await t.request('GET', `${base}/state`)).body;
    expect(branchState.workspace.conversation.map((turn: { question: string }) => turn.question)).toEqual(['Analyse LiFePO4', 'What if we use a spinel structure instead?']);
    expect((await t.request('GET', `/v1/sessions/${id}/history`)).body.total).toBe(1);

    const merged = await post(`${base}/merge`, { strategy: 'merge' });
    expect(merged.status).toBe(200);
    expect(merged.body.events).toEqual(['BranchMerged']);
    const history = (await t.request('GET', `/v1/sessions/${id}/history`)).body.items.map((turn: { question: string }) => turn.question);
    expect(history).toEqual(['Analyse LiFePO4', 'What if we use a spinel structure instead?']);
    expect((await t.request('GET', `/v1/sessions/${id}/context`)).body.hypotheses.map((h: { statement: string }) => h.statement)).toContain('spinel frameworks conduct Li+ in 3D');

    // Only what is new is merged the second time.
    await post(`${base}/tasks`, { title: 'compare LiMn2O4' });
    const again = await post(`${base}/merge`, { strategy: 'merge' });
    expect(again.body.events).toEqual(['BranchMerged']);
    expect((await t.request('GET', `/v1/sessions/${id}/history`)).body.total).toBe(2);
    const nothing = await post(`${base}/merge`, { strategy: 'merge' });
    expect(nothing.body.events).toEqual([]);

    const graph = (await t.request('GET', `/v1/sessions/${id}/branches`)).body.items;
    expect(graph).toEqual([expect.objectContaining({ branchId, name: 'explore_different_structure', status: 'merged', merges: [expect.anything(), expect.anything()] })]);
  });

  it('answers a question asked in a branch of a session not started yet, and merges it', async () => {
    const id = await newSession();
    const { branchId } = (await post(`/v1/sessions/${id}/branches`, { name: 'early' })).body;
    const asked = await post(`/v1/sessions/${id}/branches/${branchId}/queries`, { text: 'Analyse LiCoO2' });
    expect(asked.status).toBe(201);
    expect(asked.body.status).toBe('answered');
    expect((await t.request('GET', `/v1/sessions/${id}`)).body.status).toBe('created');
    expect((await post(`/v1/sessions/${id}/branches/${branchId}/merge`)).status).toBe(200);
  });

  it('lists conflicts field by field, and resolves them with ours or theirs', async () => {
    const id = await newSession();
    await t.request('PUT', `/v1/sessions/${id}/focus`, { body: { focus: 'olivine' } });
    const { branchId } = (await post(`/v1/sessions/${id}/branches`, { name: 'focus_fight' })).body;
    await t.request('PUT', `/v1/sessions/${id}/focus`, { body: { focus: 'layered oxides' } });
    await t.request('PUT', `/v1/sessions/${id}/branches/${branchId}/focus`, { body: { focus: 'spinel' } });
    const refused = await post(`/v1/sessions/${id}/branches/${branchId}/merge`, { strategy: 'merge' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.conflicts).toEqual([{ field: 'workspace.focus', local: 'layered oxides', remote: 'spinel', base: 'olivine' }]);
    expect((await post(`/v1/sessions/${id}/branches/${branchId}/merge`, { strategy: 'ours' })).status).toBe(200);
    expect((await t.request('GET', `/v1/sessions/${id}/context`)).body.focus).toBe('layered oxides');

    const second = (await post(`/v1/sessions/${id}/branches`, { name: 'focus_fight_2' })).body.branchId;
    await t.request('PUT', `/v1/sessions/${id}/focus`, { body: { focus: 'garnets' } });
    await t.request('PUT', `/v1/sessions/${id}/branches/${second}/focus`, { body: { focus: 'NASICON' } });
    expect((await post(`/v1/sessions/${id}/branches/${second}/merge`, { strategy: 'theirs' })).status).toBe(200);
    expect((await t.request('GET', `/v1/sessions/${id}/context`)).body.focus).toBe('NASICON');
  });

  it('forks from a checkpoint or a revision, branches a branch, and closes a discarded branch', async () => {
    const id = await newSession();
    await post(`/v1/sessions/${id}/context`, { key: 'a', value: 1 });
    await post(`/v1/sessions/${id}/checkpoints`, { name: 'cp1' });
    await post(`/v1/sessions/${id}/context`, { key: 'b', value: 2 });
    const fromCheckpoint = (await post(`/v1/sessions/${id}/branches`, { name: 'from_cp', from: { checkpoint: 'cp1' } })).body;
    expect(fromCheckpoint.forkRevision).toBe(1);
    const cpContext = (await t.request('GET', `/v1/sessions/${id}/branches/${fromCheckpoint.branchId}/context`)).body;
    expect(cpContext.items.map((i: { key: string }) => i.key)).toEqual(['a']);
    const fromRevision = (await post(`/v1/sessions/${id}/branches`, { name: 'from_rev', from: { revision: 0 } })).body;
    expect((await t.request('GET', `/v1/sessions/${id}/branches/${fromRevision.branchId}/context`)).body.items).toEqual([]);

    const nested = await post(`/v1/sessions/${id}/branches/${fromCheckpoint.branchId}/branches`, { name: 'nested' });
    expect(nested.status).toBe(201);
    await post(`/v1/sessions/${id}/branches/${nested.body.branchId}/context`, { key: 'c', value: 3 });
    const nestedContext = (await t.request('GET', `/v1/sessions/${id}/branches/${nested.body.branchId}/context`)).body;
    expect(nestedContext.items.map((i: { key: string }) => i.key)).toEqual(['a', 'c']);

    expect((await post(`/v1/sessions/${id}/branches/${fromRevision.branchId}/discard`)).status).toBe(200);
    const closed = await post(`/v1/sessions/${id}/branches/${fromRevision.branchId}/context`, { key: 'z', value: 0 });
    expect(closed.status).toBe(409);
    expect(closed.body.error.message).toMatch(/discarded/);
    const graph = (await t.request('GET', `/v1/sessions/${id}/branches`)).body.items;
    expect(graph.find((b: { branchId: string }) => b.branchId === nested.body.branchId)).toMatchObject({ parentBranchId: fromCheckpoint.branchId });
    expect(graph.find((b: { branchId: string }) => b.branchId === fromRevision.branchId).status).toBe('discarded');
  });

  it('gives branches time travel, verify, divergence, and the session\'s access rules', async () => {
    const id = await newSession();
    await post(`/v1/sessions/${id}/context`, { key: 'parent', value: 1 });
    const { branchId } = (await post(`/v1/sessions/${id}/branches`, { name: 'audited' })).body;
    const base = `/v1/sessions/${id}/branches/${branchId}`;
    await post(`${base}/context`, { key: 'branch', value: 2 });
    await post(`/v1/sessions/${id}/context`, { key: 'parent_later', value: 3 });
    expect((await t.request('GET', `${base}/verify`)).body).toMatchObject({ ok: true, eventsChecked: 2 });
    expect((await t.request('GET', `${base}/state?at=0`)).body.workspace.contextItems.map((i: { key: string }) => i.key)).toEqual(['parent']);
    const diff = (await t.request('GET', `${base}/diff?from=0&to=1`)).body.diff;
    expect(diff.workspace.contextItems.added).toHaveLength(1);
    const divergence = (await t.request('GET', base)).body.divergence;
    expect(divergence.parent.contextItems.added).toHaveLength(1);
    expect(divergence.branch.contextItems.added).toHaveLength(1);
    expect((await t.request('GET', `${base}/export?includeEvents=true`)).body.events).toHaveLength(2);

    const stranger = (await post('/v1/users', { name: 'Outsider' })).body.apiKey;
    for (const [method, url, body] of [['GET', `${base}/state`], ['POST', `${base}/context`, { key: 'x', value: 1 }]] as const) {
      const refused = await t.request(method, url, { key: stranger, body });
      expect(refused.status).toBe(404);
      expect(refused.body.error.code).toBe('session_not_found');
    }
    const other = await newSession();
    expect((await t.request('GET', `/v1/sessions/${other}/branches/${branchId}/state`)).status).toBe(404);
  });
});
