// Issue 15, defect 7: an Idempotency-Key used on a command that changed nothing must answer its
// first result on a repeat, even after the state moved on, instead of being decided again.
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('Idempotency-Key of a command that changed nothing', () => {
  let t: TestApp;
  const post = (url: string, body: unknown = {}, headers: Record<string, string> = {}, key?: string) => t.request('POST', url, { body, headers, ...(key ? { key } : {}) });
  const newSession = async () => (await post('/v1/sessions', { name: 'idempotent no-ops' })).body.id as string;
  const eventTypes = async (id: string) => (await t.request('GET', `/v1/sessions/${id}/events?limit=1000`)).body.items.map((e: { type: string }) => e.type) as string[];
  const contextValue = async (id: string, key: string) => (await t.request('GET', `/v1/sessions/${id}/context`)).body.items.find((i: { key: string }) => i.key === key)?.value;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('merge ours with nothing to merge, then a change in the branch: the repeated key answers the first result', async () => {
    const id = await newSession();
    const { branchId } = (await post(`/v1/sessions/${id}/branches`, { name: 'quiet' })).body;
    const merge = `/v1/sessions/${id}/branches/${branchId}/merge`;
    const headers = { 'idempotency-key': 'merge-ours-K' };

    const first = await post(merge, { strategy: 'ours' }, headers);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ events: [], replayed: false });
    const before = await eventTypes(id);

    expect((await t.request('PUT', `/v1/sessions/${id}/branches/${branchId}/focus`, { body: { focus: 'spinel' } })).status).toBe(200);
    const again = await post(merge, { strategy: 'ours' }, headers);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ events: [], replayed: true, revision: first.body.revision, position: first.body.position });
    expect(await eventTypes(id)).toEqual(before);
    expect(before).not.toContain('BranchMerged');
    // Without the key the merge is a new command, and there is now something to merge.
    expect((await post(merge, { strategy: 'ours' })).body.events).toEqual(['BranchMerged']);
  });

  it('context a=1, a=1 with K (no-op), a=2, a=1 with K: the repeat changes nothing', async () => {
    const id = await newSession();
    const context = `/v1/sessions/${id}/context`;
    const headers = { 'idempotency-key': 'context-a-K' };
    expect((await post(context, { key: 'a', value: 1 })).body.events).not.toEqual([]);

    const noop = await post(context, { key: 'a', value: 1 }, headers);
    expect(noop.status).toBe(201);
    expect(noop.body).toMatchObject({ events: [], replayed: false });
    expect((await post(context, { key: 'a', value: 2 })).body.events).not.toEqual([]);
    const before = await eventTypes(id);

    const again = await post(context, { key: 'a', value: 1 }, headers);
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ events: [], replayed: true, revision: noop.body.revision, position: noop.body.position });
    expect(await eventTypes(id)).toEqual(before);
    expect(await contextValue(id, 'a')).toBe(2);
  });

  it('compress-history with nothing due, then turns to compress: the repeated key answers the first result', async () => {
    const id = await newSession();
    const compress = `/v1/sessions/${id}/hygiene/compress-history`;
    const headers = { 'idempotency-key': 'compress-K' };
    const first = await post(compress, { keepLast: 0 }, headers);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ events: [], replayed: false, compressed: 0 });

    expect((await post(`/v1/sessions/${id}/queries`, { text: 'Analyse LiFePO4' })).status).toBe(201);
    const before = await eventTypes(id);
    const again = await post(compress, { keepLast: 0 }, headers);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ events: [], replayed: true, compressed: 0, revision: first.body.revision, position: first.body.position });
    expect(await eventTypes(id)).toEqual(before);
    expect((await post(compress, { keepLast: 0 })).body).toMatchObject({ events: ['HistorySummarised'], compressed: 1 });
  });

  it('keeps a key to its user: another user sending it is refused as for an unknown session, never answered the owner\'s result', async () => {
    const id = await newSession();
    const context = `/v1/sessions/${id}/context`;
    const headers = { 'idempotency-key': 'shared-K' };
    await post(context, { key: 'a', value: 1 });
    const noop = await post(context, { key: 'a', value: 1 }, headers);
    expect(noop.body).toMatchObject({ events: [], replayed: false });
    const before = await eventTypes(id);

    const stranger = (await post('/v1/users', { name: 'Mallory' })).body.apiKey as string;
    const refused = await post(context, { key: 'a', value: 1 }, headers, stranger);
    // A non-member learns nothing, not even that the session exists (issue 15, defect 10).
    expect(refused.status).toBe(404);
    expect(refused.body).not.toHaveProperty('revision');
    // The stranger's own session: the same key is a new command there.
    const own = (await post('/v1/sessions', { name: 'mine' }, {}, stranger)).body.id as string;
    expect((await post(`/v1/sessions/${own}/context`, { key: 'a', value: 1 }, headers, stranger)).body).toMatchObject({ replayed: false });
    expect((await post(`/v1/sessions/${own}/context`, { key: 'a', value: 1 }, headers, stranger)).body).toMatchObject({ replayed: true });

    expect(await eventTypes(id)).toEqual(before);
    expect((await post(context, { key: 'a', value: 1 }, headers)).body).toMatchObject({ replayed: true, revision: noop.body.revision });
  });
});
