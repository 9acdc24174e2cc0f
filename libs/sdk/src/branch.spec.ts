import { Branch } from './branch.js';
import { ConflictError, SessionError } from './errors.js';
import { SessionManager } from './session-manager.js';
import { commandBody, routes, sessionView, startFakeApi, type FakeApi, type RecordedRequest, type Reply } from './testing/fake-api.js';

const S = '/sessions/s1';
const B = `${S}/branches/b1`;
const focusConflict = [{ field: 'workspace.focus', local: 'layered oxides', remote: 'spinel', base: 'olivine' }];
const refusal = (conflicts: unknown[]): Reply => ({ status: 409, body: { error: { code: 'conflict', message: 'conflicting changes to workspace.focus', conflicts, recoverable: true } } });
const forked = (branchId: string, forkRevision: number, position: string) => ({ status: 201, body: { ...commandBody(0, position, ['BranchForked']), branchId, forkRevision } });
const detail = (branchId: string, parentBranchId: string | null, revision = 0) => ({
  body: { branchId, sessionId: 's1', name: `n_${branchId}`, parentBranchId, parentStream: 'x', forkRevision: 4, at: 't', revision, status: 'open', divergence: { parent: {}, branch: {} } },
});
const path = (r: RecordedRequest) => r.url.replace(/^\/v1/, '');
const sent = (api: FakeApi) => api.requests.filter((r) => r.method !== 'GET');

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => { throw new Error('expected a rejection'); }, (error: unknown) => error);
}

describe('Branch over a scripted API', () => {
  let api: FakeApi;
  beforeEach(async () => {
    api = await startFakeApi();
  });
  afterEach(() => api.close());
  const manager = (optimisticConcurrency = false) => new SessionManager({ baseUrl: api.baseUrl, apiKey: 'k', optimisticConcurrency });

  it('sends every workspace call of a branch under /sessions/:id/branches/:branchId, and reloads the parent after the fork', async () => {
    let revision = 0;
    api.answer((request) => {
      const url = path(request);
      if (request.method === 'POST' && url === `${S}/branches`) return forked('b1', 4, '10');
      if (url === S) return { body: sessionView(5) };
      if (request.method === 'GET') return { body: { items: [], states: {}, revision } };
      return { body: { ...commandBody(++revision, String(10 + revision), ['Changed']), branchId: 'b1' } };
    });
    const session = await manager().loadSession('s1', { lazyLoad: true });
    const branch = await session.createBranch('explore_different_structure');
    expect(sent(api)[0]!.body).toEqual({ name: 'explore_different_structure' });
    expect(api.requests[2]).toMatchObject({ method: 'GET', url: `/v1${S}`, headers: { 'x-min-position': '10' } });
    expect(branch).toBeInstanceOf(Branch);
    expect(branch).toMatchObject({ id: 'b1', sessionId: 's1', name: 'explore_different_structure', parentBranchId: null, forkRevision: 4, revision: 0, status: 'open' });
    expect(session.revision).toBe(5);
    expect('pause' in branch || 'rename' in branch || 'updateMetadata' in branch).toBe(false);

    const from = api.requests.length;
    await branch.query('What if we use a spinel structure instead?');
    await branch.addContext('note', 'spinel', 'custom');
    await branch.clearContext('tool_outputs');
    await branch.setFocus('spinel cathodes');
    await branch.addHypothesis('3D Li+ paths');
    await branch.addTask('compare LiMn2O4');
    await branch.completeTask('t 1');
    await branch.recordDiscovery({ type: 'structure_property', description: 'd', materials: ['LiMn2O4'], confidence: 0.8 });
    await branch.saveCheckpoint('cp');
    await branch.restoreCheckpoint('cp');
    await branch.recoverFromCheckpoint();
    await branch.cleanupOldContext({ days: 7 });
    await branch.compressHistory();
    await branch.archiveCompletedTasks();
    await branch.generateSummary();
    for (const read of [branch.getContext(), branch.getHistory({ lastN: 5 }), branch.stateAt(0), branch.diff(0, 2), branch.events({ from: 1 }), branch.verify(), branch.export(), branch.getToolStates(), branch.getStatistics(), branch.listCheckpoints(), branch.getDiscoveries()]) await read;
    expect(api.requests.slice(from).map((r) => `${r.method} ${path(r).replace(B, '~')}`)).toEqual([
      'POST ~/queries', 'POST ~/context', 'DELETE ~/context?kind=tool_outputs', 'PUT ~/focus', 'POST ~/hypotheses', 'POST ~/tasks', 'POST ~/tasks/t%201/complete',
      'POST ~/discoveries', 'POST ~/checkpoints', 'POST ~/checkpoints/cp/restore', 'POST ~/recover', 'POST ~/hygiene/cleanup-context', 'POST ~/hygiene/compress-history',
      'POST ~/hygiene/archive-completed-tasks', 'POST ~/summary', 'GET ~/context', 'GET ~/history?last=5', 'GET ~/state?at=0', 'GET ~/diff?from=0&to=2',
      'GET ~/events?from=1', 'GET ~/verify', 'GET ~/export', 'GET ~/tools', 'GET ~/statistics', 'GET ~/checkpoints', 'GET ~/discoveries',
    ]);
    expect(branch.revision).toBe(revision);
    expect(session.revision).toBe(5);
  });

  it('forks a branch of a branch from a checkpoint or a revision of it', async () => {
    api.answer(routes({
      [`GET ${S}`]: () => ({ body: sessionView(2) }),
      [`POST ${S}/branches`]: () => forked('b1', 2, '5'),
      [`POST ${B}/branches`]: (r) => forked((r.body as { name: string }).name === 'nested' ? 'b2' : 'b3', 1, '6'),
      [`GET ${B}`]: () => detail('b1', null, 3),
      [`POST ${S}/branches/b2/context`]: () => ({ body: { ...commandBody(1, '7'), branchId: 'b2' } }),
    }));
    const session = await manager().loadSession('s1', { lazyLoad: true });
    const branch = await session.createBranch('parent', { from: 'head' });
    const nested = await branch.createBranch('nested', { from: { checkpoint: 'cp1' } });
    await branch.createBranch('other', { from: { revision: 1 } });
    expect(sent(api).map((r) => [path(r), r.body])).toEqual([
      [`${S}/branches`, { name: 'parent' }],
      [`${B}/branches`, { name: 'nested', from: { checkpoint: 'cp1' } }],
      [`${B}/branches`, { name: 'other', from: { revision: 1 } }],
    ]);
    expect(nested).toMatchObject({ id: 'b2', parentBranchId: 'b1', forkRevision: 1, revision: 0 });
    // The parent branch was reloaded after each fork: it moved (BranchCreated).
    expect(branch.revision).toBe(3);
    expect(branch.detail?.divergence).toEqual({ parent: {}, branch: {} });
    await nested.addContext('c', 3);
    expect(path(api.requests.at(-1)!)).toBe(`${S}/branches/b2/context`);
  });

  it('sends the branch its own revision as If-Match, and none with a merge (decided in the parent)', async () => {
    api.answer(routes({
      [`GET ${S}`]: () => ({ body: sessionView(5) }),
      [`POST ${S}/branches`]: () => forked('b1', 4, '10'),
      [`POST ${B}/context`]: () => ({ body: { ...commandBody(1, '11'), branchId: 'b1' } }),
      [`GET ${B}`]: () => detail('b1', null, 1),
      [`POST ${B}/merge`]: () => ({ body: commandBody(6, '12', ['BranchMerged']) }),
    }));
    const session = await manager(true).loadSession('s1', { lazyLoad: true });
    const branch = await session.createBranch('b');
    await branch.addContext('k', 1);
    await session.mergeBranch(branch.id);
    await branch.merge({ strategy: 'theirs' });
    const [fork, add, merge, again] = sent(api);
    expect(fork!.headers['if-match']).toBe('"5"');
    expect(add!.headers['if-match']).toBe('"0"');
    expect([merge!.headers['if-match'], again!.headers['if-match']]).toEqual([undefined, undefined]);
    expect([merge!.body, again!.body]).toEqual([{ strategy: 'merge' }, { strategy: 'theirs' }]);
    expect(session.revision).toBe(6);
    expect(branch.revision).toBe(1); // the merge's answer is the parent's revision, not the branch's
  });

  it("keeps a refused merge: save() throws it, and resolveConflicts('theirs') merges again taking the branch's values", async () => {
    const merges: Reply[] = [refusal(focusConflict), { body: commandBody(9, '20', ['BranchMerged']) }];
    api.answer(routes({ [`GET ${S}`]: () => ({ body: sessionView(8) }), [`GET ${B}`]: () => detail('b1', null), [`POST ${B}/merge`]: () => merges.shift()! }));
    const session = await manager().loadSession('s1', { lazyLoad: true });
    const refused = await rejection(session.mergeBranch('b1'));
    expect(refused).toBeInstanceOf(ConflictError);
    expect((refused as ConflictError).conflicts).toEqual(focusConflict);
    expect(session.conflicts).toEqual(focusConflict);
    expect(await rejection(session.save())).toBeInstanceOf(ConflictError);

    const result = await session.resolveConflicts({ strategy: 'theirs' });
    expect(result).toEqual({ strategy: 'theirs', applied: expect.objectContaining({ events: ['BranchMerged'] }), discarded: focusConflict });
    expect(sent(api).map((r) => r.body)).toEqual([{ strategy: 'merge' }, { strategy: 'theirs' }]);
    expect(session.revision).toBe(9);
    expect(session.conflicts).toEqual([]);
    await expect(session.resolveConflicts({ strategy: 'theirs' })).rejects.toMatchObject({ code: 'no_conflict' });
  });

  it("'ours' merges again keeping the session's values; 'merge' does the same and reports the branch's values it could not merge", async () => {
    const merges: Reply[] = [refusal(focusConflict), { body: commandBody(9, '20', ['BranchMerged']) }, refusal(focusConflict), { body: commandBody(10, '21', ['BranchMerged']) }];
    api.answer(routes({ [`GET ${S}`]: () => ({ body: sessionView(8) }), [`GET ${B}`]: () => detail('b1', null), [`POST ${B}/merge`]: () => merges.shift()! }));
    const session = await manager().loadSession('s1', { lazyLoad: true });
    await rejection(session.mergeBranch('b1'));
    expect(await session.resolveConflicts({ strategy: 'ours' })).toMatchObject({ strategy: 'ours', applied: { revision: 9 }, discarded: [] });
    await rejection(session.mergeBranch('b1', { strategy: 'merge' }));
    expect(await session.resolveConflicts({ strategy: 'merge' })).toMatchObject({ strategy: 'merge', applied: { revision: 10 }, discarded: focusConflict });
    expect(sent(api).map((r) => (r.body as { strategy: string }).strategy)).toEqual(['merge', 'ours', 'merge', 'ours']);
  });

  it('settles a conflict of branch.merge() on the branch; refuses to merge a branch into a workspace it was not forked from', async () => {
    const merges: Reply[] = [refusal(focusConflict), { body: commandBody(9, '20', ['BranchMerged']) }];
    api.answer(routes({
      [`GET ${B}`]: () => detail('b1', null, 2),
      [`GET ${S}/branches/b2`]: () => detail('b2', 'b1'),
      [`POST ${B}/merge`]: () => merges.shift()!,
      [`GET ${S}/branches`]: () => ({ body: { sessionId: 's1', items: [{ branchId: 'b1', status: 'open', merges: [] }] } }),
      [`GET ${S}`]: () => ({ body: sessionView(8) }),
    }));
    const session = await manager().loadSession('s1', { lazyLoad: true });
    const branch = await session.getBranch('b1');
    expect(branch).toMatchObject({ id: 'b1', revision: 2, detail: { divergence: { parent: {}, branch: {} } } });
    await expect(branch.merge()).rejects.toBeInstanceOf(ConflictError);
    expect(session.conflicts).toEqual([]);
    expect(await branch.resolveConflicts({ strategy: 'theirs' })).toMatchObject({ applied: { events: ['BranchMerged'] } });
    expect(branch.revision).toBe(2);

    const wrongParent = await rejection(session.mergeBranch('b2'));
    expect(wrongParent).toBeInstanceOf(SessionError);
    expect(wrongParent).toMatchObject({ code: 'invalid_argument', field: 'branchId', status: 0, message: expect.stringContaining('forked from branch b1') });
    expect(sent(api).filter((r) => path(r).includes('b2'))).toEqual([]);
    expect((await session.listBranches()).map((b) => b.branchId)).toEqual(['b1']);
  });

  it('marks a discarded branch, and passes on the refusal of a later command as a SessionError', async () => {
    api.answer(routes({
      [`GET ${B}`]: () => detail('b1', null, 1),
      [`POST ${B}/discard`]: () => ({ body: { ...commandBody(2, '30', ['BranchDiscarded', 'BranchDiscarded']), branchId: 'b1' } }),
      [`POST ${B}/context`]: () => ({ status: 409, body: { error: { code: 'illegal_transition', message: 'cannot add context: branch n_b1 is discarded: create a new branch', recoverable: true } } }),
      [`GET ${S}`]: () => ({ body: sessionView(8) }),
    }));
    const branch = await (await manager().loadSession('s1', { lazyLoad: true })).getBranch('b1');
    await branch.discard();
    expect(branch).toMatchObject({ status: 'discarded', revision: 2 });
    const refused = await rejection(branch.addContext('late', 1));
    expect(refused).toBeInstanceOf(SessionError);
    expect(refused).not.toBeInstanceOf(ConflictError);
    expect(refused).toMatchObject({ status: 409, message: expect.stringContaining('discarded') });
  });
});
