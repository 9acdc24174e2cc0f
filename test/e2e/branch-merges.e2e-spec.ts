// Issue 15, defects 4 and 5 through HTTP: after merges that archive or take back records, the
// session detail, the session list and a session imported from its backup count what /state
// holds, and a merge that takes back a turn takes it whole.
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Ws {
  conversation: unknown[];
  materials: unknown[];
  discoveries: Array<{ status: string }>;
  contextItems: unknown[];
  hypotheses: unknown[];
  tasks: Array<{ status: string }>;
  archivedTasks: unknown[];
  toolInvocations: unknown[];
}

// Written out here rather than borrowed from the domain: the test must not share the code it checks.
const countsOf = (ws: Ws) => ({
  queries: ws.conversation.length,
  materials: ws.materials.length,
  discoveries: ws.discoveries.filter((d) => d.status !== 'rejected').length,
  contextItems: ws.contextItems.length,
  hypotheses: ws.hypotheses.length,
  tasks: ws.tasks.length,
  openTasks: ws.tasks.filter((task) => task.status === 'pending').length,
});

describe('merges over HTTP: counts and taken-back records', () => {
  let t: TestApp;
  const post = (url: string, body: unknown = {}) => t.request('POST', url, { body });
  const get = async (url: string) => (await t.request('GET', url)).body;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  /** The detail, the list and an import of the session's backup all count what /state holds. */
  async function expectCountsAgree(id: string, expected: ReturnType<typeof countsOf>) {
    const ws: Ws = (await get(`/v1/sessions/${id}/state`)).workspace;
    expect(countsOf(ws)).toEqual(expected);
    expect((await get(`/v1/sessions/${id}`)).counts).toMatchObject(expected);
    const listed = (await get('/v1/sessions?limit=100')).items.find((s: { id: string }) => s.id === id);
    expect(listed.counts).toMatchObject(expected);
    const backup = await get(`/v1/sessions/${id}/export?includeEvents=true`);
    expect(countsOf(backup.workspace)).toEqual(expected);
    const imported = await post('/v1/sessions/import', backup);
    expect(imported.status).toBe(201);
    expect(countsOf((await get(`/v1/sessions/${imported.body.id}/state`)).workspace)).toEqual(expected);
    expect((await get(`/v1/sessions/${imported.body.id}`)).counts).toMatchObject(expected);
  }

  it('4a: a task completed and archived in a branch is no longer counted once merged', async () => {
    const id = (await post('/v1/sessions', { name: 'archived in a branch' })).body.id;
    const taskId = (await post(`/v1/sessions/${id}/tasks`, { title: 'T' })).body.taskId;
    const { branchId } = (await post(`/v1/sessions/${id}/branches`, { name: 'tidy' })).body;
    const branch = `/v1/sessions/${id}/branches/${branchId}`;
    expect((await post(`${branch}/tasks/${taskId}/complete`)).status).toBe(200);
    expect((await post(`${branch}/hygiene/archive-completed-tasks`)).body.events).toEqual(['TasksArchived']);
    expect((await post(`${branch}/merge`, { strategy: 'merge' })).body.events).toEqual(['BranchMerged']);

    const ws: Ws = (await get(`/v1/sessions/${id}/state`)).workspace;
    expect([ws.tasks.length, ws.archivedTasks.length]).toEqual([0, 1]);
    await expectCountsAgree(id, { queries: 0, materials: 0, discoveries: 0, contextItems: 0, hypotheses: 0, tasks: 0, openTasks: 0 });
  });

  it('4b and 5: a second merge after a restore in the branch takes back the turn with its tool calls and material, and the counts follow', async () => {
    const id = (await post('/v1/sessions', { name: 'taken back' })).body.id;
    const { branchId } = (await post(`/v1/sessions/${id}/branches`, { name: 'explore' })).body;
    const branch = `/v1/sessions/${id}/branches/${branchId}`;
    expect((await post(`${branch}/checkpoints`, { name: 'c0' })).status).toBe(201);
    await post(`${branch}/hypotheses`, { statement: 'spinel frameworks conduct Li+ in 3D' });
    await post(`${branch}/tasks`, { title: 'compare LiMn2O4' });
    expect((await post(`${branch}/queries`, { text: 'Analyse LiFePO4' })).body.status).toBe('answered');
    // The offline analyst detects nothing in that answer: record the discovery the issue counts.
    const discovery = { type: 'structure_property', description: 'Olivine structure increases ionic conductivity', materials: ['LiFePO4'], evidence: { from: 'analysis' }, confidence: 0.9 };
    expect((await post(`${branch}/discoveries`, discovery)).status).toBe(201);
    expect((await post(`${branch}/merge`, { strategy: 'merge' })).status).toBe(200);

    const merged: Ws = (await get(`/v1/sessions/${id}/state`)).workspace;
    const one = { queries: 1, materials: 1, discoveries: 1, contextItems: 0, hypotheses: 1, tasks: 1, openTasks: 1 };
    expect(countsOf(merged)).toMatchObject(one);
    expect(merged.toolInvocations).toHaveLength(3);
    expect((await get(`/v1/sessions/${id}`)).counts).toMatchObject(one);

    expect((await post(`${branch}/checkpoints/c0/restore`)).body.events).toEqual(['CheckpointRestored']);
    expect((await post(`${branch}/merge`, { strategy: 'merge' })).body.events).toEqual(['BranchMerged']);

    const after: Ws = (await get(`/v1/sessions/${id}/state`)).workspace;
    expect(after.conversation).toEqual([]);
    expect(after.toolInvocations).toEqual([]);
    expect(after.materials).toEqual([]);
    expect((await get(`/v1/sessions/${id}/history`)).total).toBe(0);
    await expectCountsAgree(id, { queries: 0, materials: 0, discoveries: 0, contextItems: 0, hypotheses: 0, tasks: 0, openTasks: 0 });
  });
});
