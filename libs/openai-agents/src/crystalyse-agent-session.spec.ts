import type { AgentInputItem } from '@openai/agents';
import { SessionManager } from '@crystalyse/sdk';
import { routes, sessionView, startFakeApi, type FakeApi } from '../../sdk/src/testing/fake-api.js';
import { CrystalyseAgentSession } from './crystalyse-agent-session.js';

const change = (extra: Record<string, unknown>) => ({ sessionId: 's1', revision: 0, position: '1', events: [], replayed: false, total: 0, ...extra });
const record = (seq: number, item: object) => ({ seq, item, addedAt: '2026-01-01T00:00:00.000Z' });

describe('CrystalyseAgentSession: the Agents SDK Session on our SDK', () => {
  let api: FakeApi;
  let popped: unknown;
  beforeEach(async () => {
    api = await startFakeApi();
    popped = { seq: 3, item: { role: 'assistant', content: 'last' } };
    api.answer(routes({
      'GET /sessions/s1': () => ({ body: sessionView(0) }),
      'GET /sessions/s1/agent-items': () => ({ body: { sessionId: 's1', revision: 4, total: 2, items: [record(2, { role: 'user', content: 'hi' }), record(3, { role: 'assistant', content: 'last' })] } }),
      'POST /sessions/s1/agent-items': () => ({ status: 201, body: change({ events: ['AgentItemsAdded'], firstSeq: 4 }) }),
      'POST /sessions/s1/agent-items/pop': () => ({ body: change({ events: popped ? ['AgentItemPopped'] : [], popped }) }),
      'POST /sessions/s1/agent-items/clear': () => ({ body: change({ events: ['AgentItemsCleared'], cleared: 2 }) }),
    }));
  });
  afterEach(() => api.close());
  const memory = async () => CrystalyseAgentSession.for(await new SessionManager({ baseUrl: api.baseUrl, apiKey: 'k' }).loadSession('s1', { lazyLoad: true }));
  const calls = () => api.requests.map((r) => `${r.method} ${r.url.replace('/v1/sessions/s1', '')}`);

  it('reads the items (the latest `limit` when given) as the Agents SDK wrote them', async () => {
    const session = await memory();
    expect(await session.getSessionId()).toBe('s1');
    expect(await session.getItems()).toEqual([{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'last' }]);
    await session.getItems(2);
    expect(await session.getItems(0)).toEqual([]);
    expect(calls().filter((c) => c.includes('agent-items'))).toEqual(['GET /agent-items', 'GET /agent-items?limit=2']);
  });

  it('sends items as JSON (undefined fields dropped), longer lists in order in requests of 1000', async () => {
    const session = await memory();
    const items = Array.from({ length: 2500 }, (_, i) => ({ role: 'user', content: `q${i}`, providerData: undefined }) as AgentInputItem);
    await session.addItems(items);
    await session.addItems([]);
    const posts = api.requests.filter((r) => r.method === 'POST');
    expect(posts.map((r) => (r.body as { items: unknown[] }).items.length)).toEqual([1000, 1000, 500]);
    expect((posts[2]!.body as { items: unknown[] }).items[499]).toEqual({ role: 'user', content: 'q2499' });
  });

  it('keeps each request under the body limit: big items go in requests of their own size', async () => {
    const session = await memory();
    const big = (i: number) => ({ type: 'function_call_result', callId: `c${i}`, output: 'x'.repeat(300 * 1024) }) as unknown as AgentInputItem;
    await session.addItems([big(0), big(1), big(2), { role: 'user', content: 'small' } as AgentInputItem]);
    const posts = api.requests.filter((r) => r.method === 'POST').map((r) => r.body as { items: Array<{ callId?: string }> });
    expect(posts.map((p) => p.items.length)).toEqual([2, 2]);
    expect(posts.every((p) => Buffer.byteLength(JSON.stringify(p)) < 1024 * 1024)).toBe(true);
    expect(posts.flatMap((p) => p.items.map((item) => item.callId ?? 'user'))).toEqual(['c0', 'c1', 'c2', 'user']);
  });

  it('pops the item the server says it took, undefined when the list was empty, and clears', async () => {
    const session = await memory();
    expect(await session.popItem()).toEqual({ role: 'assistant', content: 'last' });
    popped = null;
    expect(await session.popItem()).toBeUndefined();
    await session.clearSession();
    expect(calls().filter((c) => c.startsWith('POST'))).toEqual(['POST /agent-items/pop', 'POST /agent-items/pop', 'POST /agent-items/clear']);
  });
});
