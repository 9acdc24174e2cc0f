// Issue 15: the import path under random event lists. Each run takes a real backup (a session the
// agent worked in, with a merged branch, a checkpoint, archived tasks and a question left
// pending) and edits it at random: events dropped, repeated, swapped, retyped, fields removed,
// retyped or added, another user's branch id slipped in, forged events inserted. Whatever it
// gets, the import either refuses with 400 and appends nothing, or imports; and then the service
// restarts cleanly on the same data directory, every projection reaches the head without parking
// anything, and another user's session documents (list, detail, branch graph) are unchanged.
import fc from 'fast-check';
import type { EventStore } from '@crystalyse/event-store';
import type { ProjectionEngine } from '@crystalyse/read-models';
import { PendingQueriesRecovery } from '../../apps/api/src/agent/pending-queries.recovery.js';
import { EVENT_STORE, PROJECTION_ENGINE } from '../../apps/api/src/infrastructure/tokens.js';
import { SessionCommandBus } from '../../apps/api/src/sessions/session-command.bus.js';
import { backupEdits, editEvents, type ExportedEventLike } from '../../libs/domain/src/testing/backup-edits.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('issue 15: importing random event lists', () => {
  let t: TestApp;
  let bystanderKey: string;
  let bystander: { id: string; branchId: string };
  let source: { id: string; events: ExportedEventLike[]; backup: Record<string, unknown>; queryId: string };
  let before: Record<string, unknown>;

  const documentsOf = async (key: string, id: string) => ({
    list: (await t.request('GET', '/v1/sessions?limit=100', { key })).body,
    detail: (await t.request('GET', `/v1/sessions/${id}`, { key })).body,
    graph: (await t.request('GET', `/v1/sessions/${id}/branches`, { key })).body,
    checkpoints: (await t.request('GET', `/v1/sessions/${id}/checkpoints`, { key })).body,
  });
  const othersDocuments = async () => ({ bystander: await documentsOf(bystanderKey, bystander.id), sourceGraph: (await t.request('GET', `/v1/sessions/${source.id}/branches`)).body });

  /** Every projection at the head, with nothing parked. */
  async function projectionsAtHead(): Promise<void> {
    const head = await t.app.get<EventStore>(EVENT_STORE).headPosition();
    const engine = t.app.get<ProjectionEngine>(PROJECTION_ENGINE);
    expect(await engine.waitForPosition(head, 5_000)).toBe(true);
    const parked = await engine.deadLetters();
    expect(Object.entries(parked).filter(([, d]) => d.count > 0)).toEqual([]);
  }

  async function sessionWithMergedBranch(key: string | undefined, name: string) {
    const post = (url: string, body: unknown = {}) => t.request('POST', url, { key, body });
    const id = (await post('/v1/sessions', { name })).body.id as string;
    await post(`/v1/sessions/${id}/queries`, { text: 'Analyse LiFePO4' });
    await post(`/v1/sessions/${id}/checkpoints`, { name: 'cp1' });
    const branchId = (await post(`/v1/sessions/${id}/branches`, { name: 'spinel_route' })).body.branchId as string;
    await post(`/v1/sessions/${id}/branches/${branchId}/queries`, { text: 'What about LiMn2O4?' });
    expect((await post(`/v1/sessions/${id}/branches/${branchId}/merge`, { strategy: 'merge' })).status).toBe(200);
    return { id, branchId };
  }

  beforeAll(async () => {
    t = await startTestApp();
    bystanderKey = (await t.request('POST', '/v1/users', { body: { name: 'Bystander' } })).body.apiKey;
    bystander = await sessionWithMergedBranch(bystanderKey, 'bystander research');

    const { id } = await sessionWithMergedBranch(undefined, 'source');
    const post = (url: string, body: unknown = {}) => t.request('POST', url, { body });
    const task = (await post(`/v1/sessions/${id}/tasks`, { title: 'measure conductivity' })).body.taskId;
    await post(`/v1/sessions/${id}/tasks/${task}/complete`);
    await post(`/v1/sessions/${id}/hygiene/archive-completed-tasks`);
    await post(`/v1/sessions/${id}/context`, { key: 'important_finding', value: 'olivine is stable' });
    const ctx = { user: { userId: 'owner', name: 'Owner', role: 'owner' as const, keyId: 'k' }, actor: { userId: 'owner', via: 'api' as const }, correlationId: 'c' };
    await t.app.get(SessionCommandBus).send(ctx, id, 'AskQuery', { queryId: 'q-pending', text: 'Analyse NaCl' });
    const backup = (await t.request('GET', `/v1/sessions/${id}/export?includeEvents=true`)).body;
    const events = backup.events as ExportedEventLike[];
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['QueryAnswered', 'BranchMerged', 'TasksArchived', 'CheckpointSaved']));
    source = { id, events, backup, queryId: 'q-pending' };
    // The backup as it is imports.
    expect((await t.request('POST', '/v1/sessions/import', { body: backup })).status).toBe(201);
    before = await othersDocuments();
  });
  afterAll(() => t.close());

  it('either refuses with 400 and appends nothing, or imports and the service restarts cleanly with every projection at the head', async () => {
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(backupEdits, async (edits) => {
        const events = editEvents(source.events, edits, bystander.branchId, source.queryId);
        const store = t.app.get<EventStore>(EVENT_STORE);
        const headBefore = await store.headPosition();
        const response = await t.request('POST', '/v1/sessions/import', { body: { ...source.backup, events } });
        if (response.status === 400) {
          refused++;
          expect(response.body.error).toMatchObject({ code: 'validation_failed', field: expect.any(String) });
          expect(await store.headPosition()).toBe(headBefore);
          return;
        }
        expect(response.status).toBe(201);
        accepted++;
        const copy = response.body.id as string;
        await projectionsAtHead();
        expect((await t.request('GET', `/v1/sessions/${copy}`)).status).toBe(200);

        t = await t.restart();
        const recovery = t.app.get(PendingQueriesRecovery);
        await recovery.recover();
        expect(recovery.skipped).toEqual([]);
        await projectionsAtHead();
        for (const path of ['', '/state', '/branches', '/history', '/checkpoints']) expect((await t.request('GET', `/v1/sessions/${copy}${path}`)).status).toBe(200);
        // Recovery settled every question the copy had left pending (an archived session keeps its log as it is).
        if ((await t.request('GET', `/v1/sessions/${copy}`)).body.status !== 'archived') {
          const turns = (await t.request('GET', `/v1/sessions/${copy}/history?last=100`)).body.items as Array<{ status: string }>;
          expect(turns.filter((turn) => turn.status === 'pending')).toEqual([]);
        }
        expect(await othersDocuments()).toEqual(before);
      }),
      { numRuns: 50 },
    );
    // The random edits reach both outcomes.
    expect(refused).toBeGreaterThan(5);
    expect(accepted).toBeGreaterThan(2);
  }, 120_000);
});
