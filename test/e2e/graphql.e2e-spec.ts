// GraphQL at /graphql (issue 11): each query over a session with a conversation, discoveries and
// their links, materials, checkpoints, a fork and a merge; time travel; every refusal (no key,
// someone else's session, bad arguments), the depth and cost limits; no N+1 (store reads counted
// for a page of 50 sessions with their statistics); GraphiQL in development only; and a
// subscription receiving an event over WebSocket.
import type { AddressInfo } from 'node:net';
import { jest } from '@jest/globals';
import { WebSocket } from 'ws';
import type { DocumentStore } from '@crystalyse/read-models';
import type { EventStore } from '@crystalyse/event-store';
import { configFromEnv } from '../../apps/api/src/config/app-config.js';
import { DOCUMENT_STORE, EVENT_STORE } from '../../apps/api/src/infrastructure/tokens.js';
import { startTestApp, type TestApp, type TestResponse } from '../support/test-app.js';

type Gql = { status: number; data: any; errors: Array<{ message: string; extensions?: Record<string, unknown> }> | undefined; body: any };

function gqlOf(t: TestApp) {
  return async (query: string, variables?: Record<string, unknown>, key?: string | null): Promise<Gql> => {
    const response: TestResponse = await t.request('POST', '/graphql', { key, body: { query, variables } });
    return { status: response.status, data: response.body?.data, errors: response.body?.errors, body: response.body };
  };
}

describe('GraphQL queries', () => {
  let t: TestApp;
  let gql: ReturnType<typeof gqlOf>;
  let ada: { id: string; apiKey: string };
  let bob: { id: string; apiKey: string };
  let id: string;
  let branchId: string;
  let discoveryIds: string[];
  let linkId: string;
  let createdAt: string;
  const as = (who: { apiKey: string }) => ({
    post: (url: string, body: unknown = {}) => t.request('POST', url, { key: who.apiKey, body }),
  });

  beforeAll(async () => {
    t = await startTestApp();
    gql = gqlOf(t);
    ada = (await t.request('POST', '/v1/users', { body: { name: 'Ada' } })).body;
    bob = (await t.request('POST', '/v1/users', { body: { name: 'Bob' } })).body;
    id = (await as(ada).post('/v1/sessions', { name: 'cathodes', type: 'research', metadata: { project: 'cathode_materials_discovery' } })).body.id;
    await as(ada).post(`/v1/sessions/${id}/start`);
    expect((await as(ada).post(`/v1/sessions/${id}/queries`, { text: 'Analyse LiFePO4' })).status).toBe(201);
    await as(ada).post(`/v1/sessions/${id}/checkpoints`, { name: 'after_lifepo4' });
    discoveryIds = [];
    for (const description of ['Olivine helps Li+ mobility', 'Phosphate frameworks are stable']) {
      discoveryIds.push((await as(ada).post(`/v1/sessions/${id}/discoveries`, { type: 'structure_property', description, materials: ['LiFePO4'], confidence: 0.9 })).body.discoveryId);
    }
    linkId = (await as(ada).post(`/v1/sessions/${id}/discoveries/links`, { discoveryIds, relationship: 'supports' })).body.linkId;
    branchId = (await as(ada).post(`/v1/sessions/${id}/branches`, { name: 'doping' })).body.branchId;
    await as(ada).post(`/v1/sessions/${id}/branches/${branchId}/context`, { key: 'dopant', value: 'Mn' });
    expect((await as(ada).post(`/v1/sessions/${id}/branches/${branchId}/merge`, { strategy: 'merge' })).status).toBe(200);
    await as(ada).post('/v1/sessions', { name: 'anodes', metadata: { project: 'anodes' } });
    await as(ada).post('/v1/sessions', { name: 'silicon anodes', type: 'batch', metadata: { project: 'anodes' } });
    await as(bob).post('/v1/sessions', { name: 'bob cathodes', metadata: { project: 'cathode_materials_discovery' } });
    createdAt = (await t.request('GET', `/v1/sessions/${id}`, { key: ada.apiKey })).body.createdAt;
  });
  afterAll(() => t.close());

  it('me: the caller', async () => {
    const { data } = await gql('{ me { id name role } }', {}, ada.apiKey);
    expect(data.me).toEqual({ id: ada.id, name: 'Ada', role: 'member' });
  });

  it('sessions: the caller\'s only, newest first, as a cursor connection', async () => {
    const page = async (after?: string) => (await gql('query($after: String) { sessions(first: 2, after: $after) { edges { cursor node { name ownerId } } pageInfo { hasNextPage endCursor } } }', { after }, ada.apiKey)).data.sessions;
    const first = await page();
    expect(first.edges.map((e: any) => e.node.name)).toEqual(['silicon anodes', 'anodes']);
    expect(first.pageInfo).toEqual({ hasNextPage: true, endCursor: first.edges[1].cursor });
    const second = await page(first.pageInfo.endCursor);
    expect(second.edges.map((e: any) => e.node.name)).toEqual(['cathodes']);
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect([...first.edges, ...second.edges].every((e: any) => e.node.ownerId === ada.id)).toBe(true);
  });

  it('sessions: filtered by status, type, project and text', async () => {
    const names = async (filter: Record<string, string>) =>
      (await gql('query($f: SessionFilter) { sessions(filter: $f) { edges { node { name } } } }', { f: filter }, ada.apiKey)).data.sessions.edges.map((e: any) => e.node.name).sort();
    expect(await names({ status: 'active' })).toEqual(['cathodes']);
    expect(await names({ type: 'batch' })).toEqual(['silicon anodes']);
    expect(await names({ project: 'anodes' })).toEqual(['anodes', 'silicon anodes']);
    expect(await names({ text: 'anodes' })).toEqual(['anodes', 'silicon anodes']);
    expect(await names({ text: 'anodes', type: 'interactive' })).toEqual(['anodes']);
    // Text reaches questions too, and never another user's sessions.
    expect(await names({ text: 'LiFePO4' })).toEqual(['cathodes']);
    expect(await names({ text: 'cathodes' })).toEqual(['cathodes']);
  });

  it('session: its document, statistics, history, discoveries with links, materials, checkpoints, branch graph, members, contributions', async () => {
    const { data, errors } = await gql(`query($id: ID!) { session(id: $id) {
      id name type status project metadata createdAt revision counts { queries checkpoints discoveries }
      statistics { queryCount answeredCount failedCount pendingCount materialCount discoveryCount checkpointCount durationMinutes toolUsage { tool count } tokens { promptTokens completionTokens totalTokens } }
      history(last: 10) { total nextBefore items { index question status answer materials } }
      discoveries { id description status links { id relationship discoveryIds } }
      discoveryLinks { id relationship }
      materials { formula mentions properties }
      checkpoints { name revision savedBy restoredCount }
      branches { branchId name parentBranchId forkRevision status merges { strategy branchRevision } }
      members { userId role permissions }
      contributions { userId queries comments }
    } }`, { id }, ada.apiKey);
    expect(errors).toBeUndefined();
    const s = data.session;
    const rest = (await t.request('GET', `/v1/sessions/${id}`, { key: ada.apiKey })).body;
    expect(s).toMatchObject({ id, name: 'cathodes', type: 'research', status: 'active', project: 'cathode_materials_discovery', metadata: { project: 'cathode_materials_discovery' }, createdAt, revision: rest.revision });
    expect(s.counts).toMatchObject({ queries: 1, checkpoints: 1, discoveries: rest.counts.discoveries });
    const restStats = (await t.request('GET', `/v1/sessions/${id}/statistics`, { key: ada.apiKey })).body;
    expect(s.statistics).toMatchObject({
      queryCount: 1, answeredCount: 1, failedCount: 0, pendingCount: 0, checkpointCount: 1,
      materialCount: restStats.materialCount, discoveryCount: restStats.discoveryCount, tokens: restStats.tokens,
    });
    expect(Object.fromEntries(s.statistics.toolUsage.map((u: any) => [u.tool, u.count]))).toEqual(restStats.toolUsage);
    expect(s.history).toMatchObject({ total: 1, nextBefore: null, items: [{ index: 0, question: 'Analyse LiFePO4', status: 'answered' }] });
    expect(s.history.items[0].answer).toEqual(expect.any(String));
    expect(s.materials.map((m: any) => m.formula)).toContain('LiFePO4');
    const linked = s.discoveries.filter((d: any) => discoveryIds.includes(d.id));
    expect(linked).toHaveLength(2);
    for (const d of linked) expect(d.links).toEqual([{ id: linkId, relationship: 'supports', discoveryIds }]);
    expect(s.discoveryLinks).toEqual([{ id: linkId, relationship: 'supports' }]);
    expect(s.checkpoints).toEqual([{ name: 'after_lifepo4', revision: expect.any(Number), savedBy: ada.id, restoredCount: 0 }]);
    expect(s.branches).toEqual([{ branchId, name: 'doping', parentBranchId: null, forkRevision: expect.any(Number), status: 'merged', merges: [{ strategy: 'merge', branchRevision: expect.any(Number) }] }]);
    expect(s.branches).toEqual((await t.request('GET', `/v1/sessions/${id}/branches`, { key: ada.apiKey })).body.items.map((b: any) => ({
      branchId: b.branchId, name: b.name, parentBranchId: b.parentBranchId, forkRevision: b.forkRevision, status: b.status, merges: b.merges.map((m: any) => ({ strategy: m.strategy, branchRevision: m.branchRevision })),
    })));
    expect(s.members).toEqual([{ userId: ada.id, role: 'owner', permissions: expect.arrayContaining(['read', 'write']) }]);
    expect(s.contributions).toEqual([{ userId: ada.id, queries: 1, comments: 0 }]);
  });

  it('session.history pages backwards with last and before', async () => {
    for (const text of ['Analyse LiCoO2', 'Analyse LiMn2O4']) await as(ada).post(`/v1/sessions/${id}/queries`, { text });
    const page = async (before?: number) => (await gql('query($id: ID!, $before: Int) { session(id: $id) { history(last: 2, before: $before) { total nextBefore items { index question } } } }', { id, before }, ada.apiKey)).data.session.history;
    const newest = await page();
    expect(newest).toEqual({ total: 3, nextBefore: 1, items: [{ index: 1, question: 'Analyse LiCoO2' }, { index: 2, question: 'Analyse LiMn2O4' }] });
    expect(await page(newest.nextBefore)).toEqual({ total: 3, nextBefore: null, items: [{ index: 0, question: 'Analyse LiFePO4' }] });
  });

  it('sessionAt: the session at a revision or an instant, as GET .../state shows it; diff as GET .../diff', async () => {
    const at0 = (await gql('query($id: ID!) { sessionAt(id: $id, revision: 0) { atRevision name status turnCount discoveries { id } state } }', { id }, ada.apiKey)).data.sessionAt;
    expect(at0).toMatchObject({ atRevision: 0, name: 'cathodes', status: 'created', turnCount: 0, discoveries: [] });
    const restAt0 = (await t.request('GET', `/v1/sessions/${id}/state?at=0`, { key: ada.apiKey })).body;
    const { atRevision: _r, ...restState } = restAt0;
    expect(at0.state).toEqual(restState);
    const byInstant = (await gql('query($id: ID!, $at: String) { sessionAt(id: $id, instant: $at) { atRevision } }', { id, at: createdAt }, ada.apiKey)).data.sessionAt;
    expect(byInstant.atRevision).toBe(0);
    const head = (await gql('query($id: ID!) { sessionAt(id: $id) { atRevision turnCount } session(id: $id) { revision } }', { id }, ada.apiKey)).data;
    expect(head.sessionAt.atRevision).toBe(head.session.revision);

    const diff = (await gql('query($id: ID!) { diff(id: $id, from: "0", to: "2") { id from to diff } }', { id }, ada.apiKey)).data.diff;
    const restDiff = (await t.request('GET', `/v1/sessions/${id}/diff?from=0&to=2`, { key: ada.apiKey })).body;
    expect(diff).toEqual(restDiff);
    const backwards = (await gql('query($id: ID!) { diff(id: $id, from: "2", to: "0") { diff } }', { id }, ada.apiKey)).data.diff;
    expect(backwards.diff).toEqual((await t.request('GET', `/v1/sessions/${id}/diff?from=2&to=0`, { key: ada.apiKey })).body.diff);
  });

  describe('refusals', () => {
    const code = (r: Gql) => r.errors?.[0]?.extensions;

    it('answers no key and an unknown key with 401 before GraphQL runs', async () => {
      const none = await gql('{ me { id } }', {}, null);
      expect(none.status).toBe(401);
      expect(none.body).toEqual({ error: { code: 'unauthorized', message: 'missing Authorization: Bearer <api key>' } });
      const unknown = await gql('{ me { id } }', {}, 'csk_not_a_key');
      expect(unknown.status).toBe(401);
    });

    it('answers someone else\'s session exactly as an unknown one, on every query that names a session', async () => {
      const unknownId = '00000000-0000-4000-8000-00000000dead';
      for (const query of [
        'query($id: ID!) { session(id: $id) { id name } }',
        'query($id: ID!) { sessionAt(id: $id, revision: 0) { name } }',
        'query($id: ID!) { diff(id: $id, from: "0", to: "1") { from } }',
      ]) {
        const stranger = await gql(query, { id }, bob.apiKey);
        const unknown = await gql(query, { id: unknownId }, bob.apiKey);
        expect(stranger.data).toBeNull();
        expect(code(stranger)).toEqual({ code: 'session_not_found', status: 404 });
        expect(stranger.errors![0]!.message.replace(id, '<id>')).toBe(unknown.errors![0]!.message.replace(unknownId, '<id>'));
      }
      // Even with a bad argument: authorisation comes first.
      const badRevision = await gql('query($id: ID!) { sessionAt(id: $id, revision: 99999) { name } }', { id }, bob.apiKey);
      expect(code(badRevision)).toEqual({ code: 'session_not_found', status: 404 });
      // And the list never shows it.
      const listed = (await gql('{ sessions(first: 100) { edges { node { id } } } }', {}, bob.apiKey)).data.sessions.edges.map((e: any) => e.node.id);
      expect(listed).not.toContain(id);
    });

    it('names the argument that is wrong', async () => {
      const cases: Array<[string, Record<string, unknown>, string]> = [
        ['{ sessions(first: 0) { edges { cursor } } }', {}, 'first'],
        ['{ sessions(first: 101) { edges { cursor } } }', {}, 'first'],
        ['{ sessions(filter: { status: "sleeping" }) { edges { cursor } } }', {}, 'filter.status'],
        ['{ sessions(filter: { type: "solo" }) { edges { cursor } } }', {}, 'filter.type'],
        ['{ sessions(after: "not-a-cursor") { edges { cursor } } }', {}, 'cursor'],
        ['{ sessions(filter: { text: "x" }, after: "bm9wZQ") { edges { cursor } } }', {}, 'after'],
        ['query($id: ID!) { sessionAt(id: $id, revision: 1, instant: "2026-01-01T00:00:00Z") { name } }', { id }, 'revision'],
        ['query($id: ID!) { sessionAt(id: $id, revision: 99999) { name } }', { id }, 'revision'],
        ['query($id: ID!) { sessionAt(id: $id, instant: "yesterday") { name } }', { id }, 'instant'],
        ['query($id: ID!) { diff(id: $id, from: "-7", to: "1") { from } }', { id }, 'from'],
        ['query($id: ID!) { session(id: $id) { history(last: 0) { total } } }', { id }, 'last'],
      ];
      for (const [query, variables, field] of cases) {
        const result = await gql(query, variables, ada.apiKey);
        expect({ query, extensions: code(result) }).toEqual({ query, extensions: expect.objectContaining({ status: 400, field }) });
      }
    });

    it('refuses a query nested deeper than the depth limit, with a clear error', async () => {
      // Discoveries link to discoveries: the graph can be walked, and the limit stops a deep walk.
      let selection = '{ id }';
      for (let i = 0; i < 5; i++) selection = `{ id links { discoveries ${selection} } }`;
      const deep = await gql(`query($id: ID!) { session(id: $id) { discoveries ${selection} } }`, { id }, ada.apiKey);
      expect(deep.status).toBe(400);
      expect(deep.data ?? null).toBeNull();
      expect(deep.errors![0]!.message).toMatch(/depth limit of 10/);
      const shallow = await gql(`query($id: ID!) { session(id: $id) { discoveries { id links { discoveries { id } } } } }`, { id }, ada.apiKey);
      expect(shallow.errors).toBeUndefined();
      expect(shallow.data.session.discoveries.find((d: any) => d.id === discoveryIds[0]).links[0].discoveries.map((d: any) => d.id)).toEqual(discoveryIds);
    });

    it('refuses a query over the cost limit before running it, naming its cost and the limit', async () => {
      const costly = await gql('query($n: Int) { sessions(first: $n) { edges { node { discoveries { links { discoveries { id } } } history(last: 500) { items { question } } } } } }', { n: 100 }, ada.apiKey);
      expect(costly.status).toBe(400);
      expect(costly.errors![0]).toMatchObject({ message: expect.stringMatching(/costs \d+, over the limit of 10000/), extensions: { code: 'query_too_costly', limit: 10000 } });
      // The same query for a few sessions is fine: the variables are costed at their values.
      const cheap = await gql('query($n: Int) { sessions(first: $n) { edges { node { discoveries { links { discoveries { id } } } history(last: 5) { items { question } } } } } }', { n: 2 }, ada.apiKey);
      expect(cheap.errors).toBeUndefined();
    });
  });

  it('serves GraphiQL in development; not in production', async () => {
    expect((await t.request('GET', '/graphiql', { key: null })).status).toBe(200);
    expect(configFromEnv({ NODE_ENV: 'production' }).graphiql).toBe(false);
    expect(configFromEnv({}).graphiql).toBe(true);
    const production = await startTestApp({ graphiql: false });
    try {
      expect((await production.request('GET', '/graphiql', { key: null })).status).toBe(404);
      expect((await gqlOf(production)('{ me { id } }')).data.me.id).toBe('owner');
    } finally {
      await production.close();
    }
  });
});

describe('GraphQL reads a page of sessions in batches (no N+1)', () => {
  let t: TestApp;
  let gql: ReturnType<typeof gqlOf>;
  beforeAll(async () => {
    t = await startTestApp();
    gql = gqlOf(t);
    for (let i = 0; i < 50; i++) {
      const id = (await t.request('POST', '/v1/sessions', { body: { name: `s${i}`, metadata: { project: 'p' } } })).body.id;
      if (i % 10 === 0) {
        await t.request('POST', `/v1/sessions/${id}/checkpoints`, { body: { name: 'c' } });
        await t.request('POST', `/v1/sessions/${id}/branches`, { body: { name: 'b' } });
      }
    }
  });
  afterAll(() => t.close());

  /** Counts the reads of the document store's collections and of the event store (but the caller's user stream) during `run`. */
  async function countReads(run: () => Promise<void>) {
    const documents = t.app.get<DocumentStore>(DOCUMENT_STORE);
    const events = t.app.get<EventStore>(EVENT_STORE);
    const reads = { documents: 0, byCollection: {} as Record<string, number>, events: 0 };
    const collection = documents.collection.bind(documents);
    const spies = [
      jest.spyOn(documents, 'collection').mockImplementation(((name: string) => {
        const c = collection(name);
        const counted = (method: 'find' | 'findOne' | 'count' | 'textSearch') => (...args: unknown[]) => {
          reads.documents += 1;
          reads.byCollection[name] = (reads.byCollection[name] ?? 0) + 1;
          return (c[method] as (...a: unknown[]) => unknown).apply(c, args);
        };
        return { ...c, find: counted('find'), findOne: counted('findOne'), count: counted('count'), textSearch: counted('textSearch') };
      }) as DocumentStore['collection']),
      ...(['readStream', 'readAll', 'streamRevision'] as const).map((method) => {
        const original = (events[method] as (...a: unknown[]) => unknown).bind(events);
        return jest.spyOn(events, method).mockImplementation(((...args: unknown[]) => {
          // Authenticating the caller reads their user stream: not a read of the sessions.
          if (typeof args[0] !== 'string' || !args[0].startsWith('user-')) reads.events += 1;
          return original(...args);
        }) as never);
      }),
    ];
    try {
      await run();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    return reads;
  }

  const PAGE = `query($n: Int) { sessions(first: $n) { edges { node {
    id name statistics { queryCount materialCount discoveryCount checkpointCount durationMinutes }
    checkpoints { name } branches { branchId } members { userId } contributions { queries }
  } } } }`;

  it('reads each collection once for the whole page of 50, and no stream', async () => {
    await t.request('GET', '/v1/sessions?limit=1'); // the projections have caught up
    let data: any;
    const reads = await countReads(async () => {
      ({ data } = await gql(PAGE, { n: 50 }));
    });
    expect(data.sessions.edges).toHaveLength(50);
    expect(data.sessions.edges.filter((e: any) => e.node.checkpoints.length === 1)).toHaveLength(5);
    expect(data.sessions.edges.filter((e: any) => e.node.branches.length === 1)).toHaveLength(5);
    expect(data.sessions.edges.every((e: any) => e.node.statistics.queryCount === 0)).toBe(true);
    // One read of each: the sessions (and whose they are), checkpoints, branches, contributions; not 1 + 50 × 3.
    expect(reads.byCollection).toEqual({ sessions: 1, session_memberships: 1, checkpoints: 1, branches: 1, session_contributions: 1 });
    expect(reads.events).toBe(0);

    const few = await countReads(async () => {
      await gql(PAGE, { n: 5 });
    });
    expect(few.documents).toBe(reads.documents);
  });

  it('loads a session\'s state once per request, however many fields need it', async () => {
    const id = (await gql('{ sessions(first: 1) { edges { node { id } } } }')).data.sessions.edges[0].node.id;
    const once = await countReads(async () => {
      await gql('query($id: ID!) { session(id: $id) { discoveries { id } } }', { id });
    });
    const many = await countReads(async () => {
      const { errors } = await gql('query($id: ID!) { session(id: $id) { discoveries { id } materials { id } history { total } discoveryLinks { id } statistics { answeredCount toolUsage { tool } tokens { totalTokens } } } }', { id });
      expect(errors).toBeUndefined();
    });
    expect(once.events).toBeGreaterThan(0);
    expect(many.events).toBe(once.events);
  });
});

describe('GraphQL subscriptions over WebSocket', () => {
  let t: TestApp;
  let url: string;
  let bob: { id: string; apiKey: string };
  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    url = `ws://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}/graphql`;
    bob = (await t.request('POST', '/v1/users', { body: { name: 'Bob' } })).body;
  });
  afterAll(() => t.close());

  /** A graphql-transport-ws client: resolves with the socket and the messages it receives. */
  function connect(payload: unknown) {
    const socket = new WebSocket(url, 'graphql-transport-ws');
    const messages: any[] = [];
    const waiters = new Set<() => void>();
    let closed = false;
    socket.on('message', (raw) => {
      messages.push(JSON.parse(raw.toString()));
      for (const w of [...waiters]) w();
    });
    socket.on('close', () => {
      closed = true;
      for (const w of [...waiters]) w();
    });
    const until = (check: () => boolean, what: string) =>
      new Promise<void>((resolve, reject) => {
        const w = () => {
          if (check()) {
            waiters.delete(w);
            resolve();
          } else if (closed) {
            waiters.delete(w);
            reject(new Error(`the socket closed before ${what}: ${JSON.stringify(messages)}`));
          }
        };
        waiters.add(w);
        w();
      });
    const opened = new Promise<void>((resolve, reject) => {
      socket.on('open', () => resolve());
      socket.on('error', reject);
    }).then(() => socket.send(JSON.stringify({ type: 'connection_init', payload })));
    return { socket, messages, until, opened, isClosed: () => closed };
  }

  it('delivers the session\'s new events, its branches\' too, and resumes after a position', async () => {
    const id = (await t.request('POST', '/v1/sessions', { body: { name: 'live' } })).body.id;
    const client = connect({ authorization: `Bearer ${t.ownerKey}` });
    await client.opened;
    await client.until(() => client.messages.some((m) => m.type === 'connection_ack'), 'the ack');
    // Subscribing after the head now: whenever the server sets the subscription up, nothing later is missed.
    const head = (await t.request('GET', '/health', { key: null })).body.position;
    client.socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription($id: ID!, $after: String) { sessionEvents(id: $id, after: $after) { position type sessionId branchId revision data } }', variables: { id, after: head } } }));
    const next = () => client.messages.filter((m) => m.type === 'next' && m.id === '1').map((m) => m.payload.data.sessionEvents);
    await t.request('POST', `/v1/sessions/${id}/context`, { body: { key: 'k1', value: 1 } });
    await client.until(() => next().length >= 1, 'an event');
    const first = next()[0];
    expect(first).toMatchObject({ type: 'ContextItemAdded', sessionId: id, branchId: null, data: { key: 'k1', value: 1 } });
    const branchId = (await t.request('POST', `/v1/sessions/${id}/branches`, { body: { name: 'b' } })).body.branchId;
    await client.until(() => next().some((e) => e.branchId === branchId && e.type === 'BranchForked'), 'the branch\'s first event');
    client.socket.close();

    // Resume after the first event: everything after it, nothing before.
    const history = (await t.request('GET', `/v1/sessions/${id}/events`)).body.items.filter((e: any) => BigInt(e.position) > BigInt(first.position));
    const again = connect({ headers: { authorization: `Bearer ${t.ownerKey}` } });
    await again.opened;
    await again.until(() => again.messages.some((m) => m.type === 'connection_ack'), 'the ack');
    again.socket.send(JSON.stringify({ id: 'r', type: 'subscribe', payload: { query: `subscription { sessionEvents(id: "${id}", after: "${first.position}") { position streamId } }` } }));
    const resumed = () => again.messages.filter((m) => m.type === 'next').map((m) => m.payload.data.sessionEvents);
    await again.until(() => resumed().filter((e) => e.streamId === `session-${id}`).length >= history.length, 'the missed events');
    expect(resumed().filter((e) => e.streamId === `session-${id}`).map((e) => e.position)).toEqual(history.map((e: any) => e.position));
    again.socket.close();
  });

  it('refuses a connection without a valid key, and a subscription to someone else\'s session', async () => {
    const anonymous = connect({});
    await anonymous.opened;
    await anonymous.until(() => anonymous.isClosed() || anonymous.messages.some((m) => m.type === 'connection_error' || m.type === 'error'), 'a refusal');
    expect(anonymous.messages.some((m) => m.type === 'connection_ack')).toBe(false);

    const id = (await t.request('POST', '/v1/sessions', { body: { name: 'private' } })).body.id;
    const stranger = connect({ authorization: `Bearer ${bob.apiKey}` });
    await stranger.opened;
    await stranger.until(() => stranger.messages.some((m) => m.type === 'connection_ack'), 'the ack');
    stranger.socket.send(JSON.stringify({ id: 's', type: 'subscribe', payload: { query: `subscription { sessionEvents(id: "${id}") { position } }` } }));
    await stranger.until(() => stranger.messages.some((m) => m.id === 's' && (m.type === 'error' || m.type === 'next')), 'an answer');
    const answer = stranger.messages.find((m) => m.id === 's');
    const errors = answer.type === 'error' ? answer.payload : answer.payload.errors;
    expect(errors[0]).toMatchObject({ message: `session ${id} not found` });
    stranger.socket.close();
  });
});
