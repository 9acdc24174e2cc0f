// Issue 15, "Imports trust whatever they are given": each scenario as the issue tells it, through
// HTTP, with a restart of the app on the same data directory where the issue names one. Where a
// scenario needs a stream the fixed import refuses to write (a log poisoned before the fix), the
// test appends it as the old import did: events copied as given, no decision.
import { sessionStream, type SessionEvent } from '@crystalyse/domain';
import { PendingQueriesRecovery } from '../../apps/api/src/agent/pending-queries.recovery.js';
import { CommandRunner } from '../../apps/api/src/infrastructure/command-runner.js';
import { SessionCommandBus } from '../../apps/api/src/sessions/session-command.bus.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const AT = '2025-02-01T10:00:00.000Z';

/** Appends events as the import did before the fix: copied, never decided. */
async function appendUndecided(t: TestApp, sessionId: string, events: SessionEvent[], userId = 'owner'): Promise<void> {
  const context = { actor: { userId, via: 'api' as const }, occurredAt: AT, correlationId: `poison-${sessionId}` };
  await t.app.get(CommandRunner).appendDecided(sessionStream(sessionId), events.map((event) => ({ event, metadata: {} })), context, 'no_stream');
}

const created = (sessionId: string, ownerId = 'owner'): SessionEvent => ({
  type: 'SessionCreated',
  data: { sessionId, ownerId, sessionType: 'interactive', name: `poisoned ${sessionId}`, metadata: {}, config: {}, at: AT },
});

/** A backup of a fresh session, cut to its SessionCreated, with `events` appended after it. */
async function backupWith(t: TestApp, events: Array<{ type: string; data: unknown }>, key?: string): Promise<Record<string, any>> {
  const { id } = (await t.request('POST', '/v1/sessions', { body: { name: 'source' }, key })).body;
  const backup = (await t.request('GET', `/v1/sessions/${id}/export?includeEvents=true`, { key })).body;
  const first = backup.events[0];
  backup.events = [first, ...events.map((e, i) => ({ ...first, eventId: `forged-${i}`, type: e.type, data: e.data, revision: String(i + 1) }))];
  return backup;
}

const sessionCount = async (t: TestApp) => (await t.request('GET', '/v1/sessions?limit=100')).body.items.length as number;

describe('issue 15, defect 1: an imported pending query on a created session', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('refuses the import (400, the event named) and appends nothing', async () => {
    const backup = await backupWith(t, [{ type: 'QueryAsked', data: { queryId: 'q-lost', text: 'Analyse LiFePO4', at: AT } }]);
    const before = await sessionCount(t);
    const refused = await t.request('POST', '/v1/sessions/import', { body: backup });
    expect(refused.status).toBe(400);
    expect(refused.body.error.field).toBe('events[1].type');
    expect(refused.body.error.message).toMatch(/session is created/);
    expect(await sessionCount(t)).toBe(before);
  });

  it('restarts on a log that holds such a session: recovery skips it and recovers the others', async () => {
    await appendUndecided(t, 'poisoned-query', [created('poisoned-query'), { type: 'QueryAsked', data: { queryId: 'q-lost', text: 'Analyse LiFePO4', at: AT } }]);
    const healthy = (await t.request('POST', '/v1/sessions', { body: { name: 'healthy' } })).body.id as string;
    const ctx = { user: { userId: 'owner', name: 'Owner', role: 'owner' as const, keyId: 'k' }, actor: { userId: 'owner', via: 'api' as const }, correlationId: 'c' };
    await t.app.get(SessionCommandBus).send(ctx, healthy, 'AskQuery', { queryId: 'q-interrupted', text: 'Analyse LiCoO2' });

    t = await t.restart();
    // What main.ts does once the server listens: before the fix this threw and the process exited with 1.
    await expect(t.app.get(PendingQueriesRecovery).recover()).resolves.toBe(1);
    const turn = (await t.request('GET', `/v1/sessions/${healthy}/history`)).body.items[0];
    expect(turn).toMatchObject({ id: 'q-interrupted', status: 'failed' });
    expect((await t.request('GET', '/v1/sessions/poisoned-query')).status).toBe(200);
    // And on every later start too.
    t = await t.restart();
    await expect(t.app.get(PendingQueriesRecovery).recover()).resolves.toBe(0);
  });
});

describe('issue 15, defect 2: an imported event a projection cannot apply', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const parked = async (name: string) => {
    const status = await t.request('GET', '/v1/admin/projections');
    expect(status.status).toBe(200);
    return status.body.items.find((p: { name: string }) => p.name === name).deadLetters as { count: number; latest: Array<Record<string, unknown>> };
  };

  it('refuses TasksArchived without taskIds (400 naming events[1].data.taskIds), appending nothing', async () => {
    const backup = await backupWith(t, [{ type: 'TasksArchived', data: { at: AT } }]);
    const before = await sessionCount(t);
    const refused = await t.request('POST', '/v1/sessions/import', { body: backup });
    expect(refused.status).toBe(400);
    expect(refused.body.error.field).toBe('events[1].data.taskIds');
    expect(await sessionCount(t)).toBe(before);
  });

  it('parks such an event already in the log, keeps every read model fresh, across a restart and a rebuild', async () => {
    const before = (await t.request('POST', '/v1/sessions', { body: { name: 'before the poison' } })).body.id as string;
    await appendUndecided(t, 'poisoned-tasks', [created('poisoned-tasks'), { type: 'TasksArchived', data: { at: AT } } as unknown as SessionEvent]);
    const after = (await t.request('POST', '/v1/sessions', { body: { name: 'after the poison' } })).body.id as string;

    // The projection went on past the poisoned event: what was written after it is there at once.
    expect((await t.request('GET', `/v1/sessions/${after}`)).status).toBe(200);
    const listed = (await t.request('GET', '/v1/sessions?limit=100')).body.items.map((s: { id: string }) => s.id);
    expect(listed).toEqual(expect.arrayContaining([before, after]));
    expect((await t.request('GET', '/v1/sessions/search?q=after')).body.items.map((s: { id: string }) => s.id)).toContain(after);
    const letters = await parked('session-state');
    expect(letters.count).toBe(1);
    expect(letters.latest[0]).toMatchObject({ projection: 'session-state', streamId: 'session-poisoned-tasks', type: 'TasksArchived', error: expect.stringMatching(/Cannot read properties of undefined/) });
    expect(letters.latest[0]).toEqual(expect.objectContaining({ position: expect.any(String), eventId: expect.any(String), parkedAt: expect.any(String) }));

    t = await t.restart();
    const third = (await t.request('POST', '/v1/sessions', { body: { name: 'after the restart' } })).body.id as string;
    expect((await t.request('GET', `/v1/sessions/${third}`)).status).toBe(200);
    expect((await parked('session-state')).count).toBe(1);

    const rebuilt = await t.request('POST', '/v1/admin/projections/session-state/rebuild');
    expect(rebuilt.status).toBe(201);
    expect(rebuilt.body.caughtUp).toBe(true);
    const relisted = (await t.request('GET', '/v1/sessions?limit=100')).body.items.map((s: { id: string }) => s.id);
    expect(relisted).toEqual(expect.arrayContaining([before, after, third]));
    // The rebuild cleared the old record and parked the same event again, once.
    expect((await parked('session-state')).count).toBe(1);
  });
});

describe('issue 15, defect 3: imports and branch graphs', () => {
  let t: TestApp;
  let victimKey: string;
  beforeAll(async () => {
    t = await startTestApp();
    victimKey = (await t.request('POST', '/v1/users', { body: { name: 'Victim' } })).body.apiKey;
  });
  afterAll(() => t.close());

  const as = (key: string) => ({
    post: (url: string, body: unknown = {}, headers?: Record<string, string>) => t.request('POST', url, { key, body, headers }),
    get: (url: string) => t.request('GET', url, { key }),
  });

  /** A session with one branch, merged once. */
  async function sessionWithMergedBranch(key: string, name: string) {
    const user = as(key);
    const id = (await user.post('/v1/sessions', { name })).body.id as string;
    await user.post(`/v1/sessions/${id}/hypotheses`, { statement: 'olivine is stable' });
    const branchId = (await user.post(`/v1/sessions/${id}/branches`, { name: 'spinel_route' })).body.branchId as string;
    await user.post(`/v1/sessions/${id}/branches/${branchId}/hypotheses`, { statement: 'spinels conduct in 3D' });
    expect((await user.post(`/v1/sessions/${id}/branches/${branchId}/merge`, { strategy: 'merge' })).status).toBe(200);
    return { id, branchId };
  }

  const graphOf = async (key: string, id: string) => {
    const response = await as(key).get(`/v1/sessions/${id}/branches`);
    expect(response.status).toBe(200);
    return response.body.items as Array<Record<string, any>>;
  };

  it("cannot rename, merge into or discard another session's branch by importing its id", async () => {
    const victim = await sessionWithMergedBranch(victimKey, 'victim');
    const graph = await graphOf(victimKey, victim.id);
    expect(graph).toEqual([expect.objectContaining({ branchId: victim.branchId, name: 'spinel_route', status: 'merged', merges: [expect.anything()] })]);

    const forged = await backupWith(t, [
      { type: 'BranchCreated', data: { branchId: victim.branchId, name: 'pwned', forkRevision: 0, createdBy: 'owner', at: AT } },
      { type: 'BranchMerged', data: { branchId: victim.branchId, branchRevision: 5, strategy: 'merge', changes: { focus: 'pwned' }, resolutions: [], at: AT } },
      { type: 'BranchDiscarded', data: { branchId: victim.branchId, at: AT } },
    ]);
    const imported = await t.request('POST', '/v1/sessions/import', { body: forged });
    expect(imported.status).toBe(201);
    expect(await graphOf(victimKey, victim.id)).toEqual(graph);
    // The ids were the original session's: the import gave them ids of its own.
    const own = await graphOf(t.ownerKey, imported.body.id);
    expect(own).toEqual([expect.objectContaining({ name: 'pwned', status: 'discarded', imported: true })]);
    expect(own[0]!.branchId).not.toBe(victim.branchId);
  });

  it("cannot move another session's branch into its own graph with BranchForked", async () => {
    const victim = await sessionWithMergedBranch(victimKey, 'victim 2');
    const graph = await graphOf(victimKey, victim.id);
    const forged = await backupWith(t, [
      { type: 'BranchForked', data: { branchId: victim.branchId, sessionId: 'mine', name: 'stolen', parentStream: 'session-mine', parentBranchId: null, forkRevision: 0, at: AT } },
    ]);
    const refused = await t.request('POST', '/v1/sessions/import', { body: forged });
    expect(refused.status).toBe(400);
    expect(refused.body.error.field).toBe('events[1].type');
    expect(await graphOf(victimKey, victim.id)).toEqual(graph);
  });

  it('keeps every stream to its own documents even for a log poisoned before the fix, also after a rebuild', async () => {
    const victim = await sessionWithMergedBranch(victimKey, 'victim 3');
    const graph = await graphOf(victimKey, victim.id);
    await appendUndecided(t, 'thief', [
      created('thief'),
      { type: 'BranchCreated', data: { branchId: victim.branchId, name: 'pwned', forkRevision: 0, createdBy: 'owner', at: AT } },
      { type: 'BranchForked', data: { branchId: victim.branchId, sessionId: 'thief', name: 'stolen', parentStream: 'session-thief', parentBranchId: null, forkRevision: 0, at: AT } },
      { type: 'BranchMerged', data: { branchId: victim.branchId, branchRevision: 9, strategy: 'merge', changes: {}, resolutions: [], at: AT } },
      { type: 'BranchDiscarded', data: { branchId: victim.branchId, at: AT } },
    ]);
    expect(await graphOf(victimKey, victim.id)).toEqual(graph);
    expect((await graphOf(t.ownerKey, 'thief')).map((b) => b.branchId)).not.toContain(victim.branchId);
    expect((await t.request('POST', '/v1/admin/projections/branch-graph/rebuild')).body.caughtUp).toBe(true);
    expect(await graphOf(victimKey, victim.id)).toEqual(graph);
  });

  it('re-imports an honest backup: the original keeps one merge, the copy has branches of its own', async () => {
    const original = await sessionWithMergedBranch(t.ownerKey, 'original');
    const backup = (await t.request('GET', `/v1/sessions/${original.id}/export?includeEvents=true`)).body;
    const headers = { 'idempotency-key': 'restore-original' };
    const imported = await t.request('POST', '/v1/sessions/import', { body: backup, headers });
    expect(imported.status).toBe(201);
    const copy = imported.body.id as string;

    const graph = await graphOf(t.ownerKey, original.id);
    expect(graph).toEqual([expect.objectContaining({ branchId: original.branchId, merges: [expect.anything()] })]);
    const copied = await graphOf(t.ownerKey, copy);
    expect(copied).toEqual([expect.objectContaining({ name: 'spinel_route', status: 'merged', imported: true, merges: [expect.anything()] })]);
    const copiedBranch = copied[0]!.branchId as string;
    expect(copiedBranch).not.toBe(original.branchId);
    // The copy's branch stream stayed with the original: the copy says so, and takes a new branch of that name.
    expect((await t.request('GET', `/v1/sessions/${copy}/branches/${copiedBranch}`)).status).toBe(404);
    const again = await t.request('POST', `/v1/sessions/${copy}/branches`, { body: { name: 'spinel_route' } });
    expect(again.status).toBe(201);
    expect((await t.request('GET', `/v1/sessions/${copy}/branches/${again.body.branchId}`)).status).toBe(200);
    expect(await graphOf(t.ownerKey, original.id)).toEqual(graph);

    // The same backup under the same key is the same import, with the same ids.
    const replay = await t.request('POST', '/v1/sessions/import', { body: backup, headers });
    expect(replay.body.id).toBe(copy);
    expect((await graphOf(t.ownerKey, copy)).map((b) => b.branchId)).toEqual([copiedBranch, again.body.branchId]);
  });
});
