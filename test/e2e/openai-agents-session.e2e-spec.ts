// Issue 13: the OpenAI Agents SDK's Session on a Crystalyse session. An agent runs with
// `run(agent, input, { session })` against a local fake of the Responses API (no network); its
// memory is the session's agent items, through our SDK and the API on an ephemeral port.
import type { AddressInfo } from 'node:net';
import { Agent, OpenAIProvider, run, setDefaultModelProvider, setTracingDisabled, tool, type AgentInputItem } from '@openai/agents';
import { z } from 'zod';
import { SessionManager, type Session } from '@crystalyse/sdk';
import { CrystalyseAgentSession } from '@crystalyse/openai-agents-session';
import { agentItemsStream } from '@crystalyse/domain';
import type { EventStore } from '@crystalyse/event-store';
import { EVENT_STORE } from '../../apps/api/src/infrastructure/tokens.js';
import { startFakeModelServer, type FakeModelServer } from '../support/fake-openai-responses.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const roleOrType = (item: AgentInputItem) => ('role' in item && item.role ? item.role : item.type);

describe('OpenAI Agents session on a Crystalyse session (issue 13)', () => {
  let t: TestApp;
  let model: FakeModelServer;
  let manager: SessionManager;
  let base: string;

  const molarMass = tool({
    name: 'molar_mass',
    description: 'Molar mass of a formula in g/mol',
    parameters: z.object({ formula: z.string() }),
    execute: async ({ formula }) => (formula === 'LiFePO4' ? '157.76' : 'unknown'),
  });
  const agent = () => new Agent({ name: 'Materials assistant', instructions: 'Answer questions about battery materials.', model: 'gpt-fake', tools: [molarMass] });

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    manager = new SessionManager({ baseUrl: base, apiKey: t.ownerKey });
    model = await startFakeModelServer();
    setTracingDisabled(true);
    setDefaultModelProvider(new OpenAIProvider({ apiKey: 'fake-key', baseURL: model.baseURL, useResponses: true }));
  });
  afterAll(async () => {
    await model.close();
    await t.close();
  });

  const events = async (sessionId: string) => {
    // The agent items' own stream, read from the store: what was recorded, in order.
    const store = t.app.get<EventStore>(EVENT_STORE);
    return (await store.readStream(agentItemsStream(sessionId))).map((e) => ({ type: e.type, data: e.data as any }));
  };

  it('runs an agent with a tool call, keeps its memory in the session and sends it back to the model on the next run', async () => {
    const session: Session = await manager.createSession({ name: 'agents sdk study' });
    const memory = CrystalyseAgentSession.for(session);
    expect(await memory.getSessionId()).toBe(session.id);

    const first = await run(agent(), 'What is the molar mass of LiFePO4?', { session: memory });
    expect(first.finalOutput).toBe('The molar mass of LiFePO4 is 157.76 g/mol.');
    const afterFirst = await memory.getItems();
    // The Agents SDK's own item types (a tool's result is `function_call_result` in its memory).
    expect(afterFirst.map(roleOrType)).toEqual(['user', 'function_call', 'function_call_result', 'assistant']);

    const second = await run(agent(), 'And which structure does it have?', { session: memory });
    expect(second.finalOutput).toBe('You have asked me 2 question(s); the latest: And which structure does it have?');
    // The model was sent the first run's whole exchange from the session (in the Responses API's
    // types), then the new question.
    const lastRequest = model.requests.at(-1)!;
    expect(lastRequest.input.map((item: AgentInputItem) => roleOrType(item))).toEqual(['user', 'function_call', 'function_call_output', 'assistant', 'user']);

    const items = await memory.getItems();
    expect(items).toHaveLength(6);
    expect((await memory.getItems(2)).map(roleOrType)).toEqual(['user', 'assistant']);
    expect(await memory.getItems(0)).toEqual([]);
  });

  it('records popItem and clearSession as events, deletes nothing, and getItems reflects them', async () => {
    const session = await manager.createSession({ name: 'pop and clear' });
    const memory = CrystalyseAgentSession.for(session);
    await run(agent(), 'Tell me about olivine cathodes', { session: memory });
    const before = await memory.getItems();
    expect(before.map(roleOrType)).toEqual(['user', 'assistant']);

    const popped = await memory.popItem();
    expect(popped).toEqual(before[1]);
    expect(await memory.getItems()).toEqual([before[0]]);

    await memory.addItems([{ role: 'user', content: 'a note' } as AgentInputItem]);
    await memory.clearSession();
    expect(await memory.getItems()).toEqual([]);
    expect(await memory.popItem()).toBeUndefined();

    // The log holds every item added, the pop naming what it took, and the clear; a pop of the empty list recorded nothing.
    const rest = await t.request('GET', `/v1/sessions/${session.id}/agent-items`);
    expect(rest.body).toMatchObject({ sessionId: session.id, total: 0, items: [], revision: 3 });
    const log = await events(session.id);
    expect(log.map((e) => e.type)).toEqual(['AgentItemsAdded', 'AgentItemPopped', 'AgentItemsAdded', 'AgentItemsCleared']);
    expect(log[0]!.data.items).toHaveLength(2);
    expect(log[1]!.data).toMatchObject({ seq: 1, item: before[1] });
    expect(log[3]!.data).toMatchObject({ throughSeq: 2, count: 2 });

    // The next run starts from the cleared memory: the model is sent the new question only.
    await run(agent(), 'Start over: what is a cathode?', { session: memory });
    expect(model.requests.at(-1)!.input.map((item: AgentInputItem) => roleOrType(item))).toEqual(['user']);
    expect((await memory.getItems()).map(roleOrType)).toEqual(['user', 'assistant']);
  });

  it('keeps another user out (404), refuses bad items with 400 naming the field, and records nothing for either', async () => {
    const session = await manager.createSession({ name: 'private memory' });
    const bob = (await t.request('POST', '/v1/users', { body: { name: 'Bob' } })).body as { apiKey: string };
    // The owner's memory, from a session loaded anew (what a second process would do).
    const owner = new CrystalyseAgentSession((await manager.loadSession(session.id)).agentItems());
    await owner.addItems([{ role: 'user', content: 'mine' } as AgentInputItem]);

    for (const [method, path, body] of [['GET', '', undefined], ['POST', '', { items: [{ role: 'user', content: 'x' }] }], ['POST', '/pop', {}], ['POST', '/clear', {}]] as const) {
      const refused = await t.request(method, `/v1/sessions/${session.id}/agent-items${path}`, { key: bob.apiKey, body });
      expect(refused.status).toBe(404);
      expect(refused.body.error.code).toBe('session_not_found');
    }
    const bad = await t.request('POST', `/v1/sessions/${session.id}/agent-items`, { body: { items: [{ role: 'user', content: 'ok' }, { content: 'no role' }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('items[1]');
    const empty = await t.request('POST', `/v1/sessions/${session.id}/agent-items`, { body: { items: [] } });
    expect(empty.status).toBe(400);
    expect((await t.request('GET', `/v1/sessions/${session.id}/agent-items`)).body).toMatchObject({ total: 1, revision: 0 });

    // An archived session keeps its record as it is: its memory is read, not changed.
    expect((await t.request('POST', `/v1/sessions/${session.id}/start`, { body: {} })).status).toBe(200);
    expect((await t.request('POST', `/v1/sessions/${session.id}/pause`, { body: {} })).status).toBe(200);
    expect((await t.request('POST', `/v1/sessions/${session.id}/archive`, { body: {} })).status).toBe(200);
    await expect(owner.popItem()).rejects.toMatchObject({ status: 409, code: 'illegal_transition', message: expect.stringMatching(/archived.*resume/) });
    expect(await owner.getItems()).toEqual([{ role: 'user', content: 'mine' }]);
  });
});
