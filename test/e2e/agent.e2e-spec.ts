import { Injectable } from '@nestjs/common';
import type { ToolRegistry } from '@crystalyse/agent';
import { TOOL_REGISTRY } from '../../apps/api/src/agent/analyst.provider.js';
import { Clock } from '../../apps/api/src/infrastructure/clock.js';
import { PendingQueriesRecovery } from '../../apps/api/src/agent/pending-queries.recovery.js';
import { SessionCommandBus } from '../../apps/api/src/sessions/session-command.bus.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('the agent over HTTP (offline analyst)', () => {
  let t: TestApp;
  const newSession = async () => (await t.request('POST', '/v1/sessions', { body: { name: 'agent e2e', metadata: { project: 'cathodes' } } })).body.id as string;
  const ask = (id: string, text: string, headers: Record<string, string> = {}) => t.request('POST', `/v1/sessions/${id}/queries`, { body: { text }, headers });

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('records the question, then a computed answer, tools and materials; follow-ups use the context', async () => {
    const id = await newSession();
    const first = await ask(id, 'Analyse LiFePO4');
    expect(first.status).toBe(201);
    expect(first.body.events.slice(0, 2)).toEqual(['SessionStarted', 'QueryAsked']);
    expect(first.body.events).toContain('QueryAnswered');
    expect(first.body).toMatchObject({ status: 'answered', offline: true, question: 'Analyse LiFePO4' });
    for (const fact of ['157.76 g/mol', 'Fe2+', 'olivine', 'Pnma', 'no language model']) expect(first.body.answer).toContain(fact);
    expect(first.body.materials).toContain('LiFePO4');
    expect(first.body.toolInvocations.map((i: { tool: string }) => i.tool)).toEqual(expect.arrayContaining(['composition', 'oxidation_states', 'known_materials']));

    const second = await ask(id, 'What about its ionic conductivity?');
    expect(second.body.answer).toContain('LiFePO4');
    expect(second.body.answer.toLowerCase()).toContain('conductivity');
    const third = await ask(id, 'Show me similar cathode materials');
    expect(third.body.answer).toMatch(/LiMnPO4/);
    expect(third.body.answer).toMatch(/LiCoPO4/);

    const context = (await t.request('GET', `/v1/sessions/${id}/context`)).body;
    expect(context.recentMaterials[0]).toBe('LiFePO4');
    expect(context.activeTools).toEqual(expect.arrayContaining(['composition', 'similar_materials']));
    const session = (await t.request('GET', `/v1/sessions/${id}`)).body;
    expect(session).toMatchObject({ status: 'active', counts: expect.objectContaining({ queries: 3 }) });
    const tools = (await t.request('GET', `/v1/sessions/${id}/tools`)).body;
    expect(tools.states.composition).toBeDefined();
    const stats = (await t.request('GET', `/v1/sessions/${id}/statistics`)).body;
    expect(stats).toMatchObject({ queryCount: 3, answeredCount: 3 });
    expect(stats.toolUsage.composition).toBeGreaterThanOrEqual(1);
    const history = (await t.request('GET', `/v1/sessions/${id}/history?last=2`)).body;
    expect(history.items.map((turn: { question: string }) => turn.question)).toEqual(['What about its ionic conductivity?', 'Show me similar cathode materials']);
  });

  it('detects the seed\'s structure-property insight, and records, links, reviews and tags discoveries', async () => {
    const id = await newSession();
    await t.request('PUT', `/v1/sessions/${id}/discoveries/config`, { body: { autoDetect: true, minConfidence: 0.75, categories: ['structure_property', 'novel_synthesis', 'stability_insight', 'phase_relationship'] } });
    await ask(id, 'Analyse LiFePO4');
    const insight = await ask(id, 'The olivine structure seems crucial for Li+ mobility');
    expect(insight.body.events).toContain('DiscoveryDetected');
    const detected = insight.body.discoveries.find((d: { category: string }) => d.category === 'structure_property');
    expect(detected.confidence).toBeGreaterThanOrEqual(0.75);

    const manual = await t.request('POST', `/v1/sessions/${id}/discoveries`, {
      body: { type: 'structure_property', description: 'Olivine structure increases ionic conductivity 10-fold', materials: ['LiFePO4', 'LiMnPO4'], evidence: { from: 'analysis' }, confidence: 0.9 },
    });
    expect(manual.status).toBe(201);
    const link = await t.request('POST', `/v1/sessions/${id}/discoveries/links`, { body: { discoveryIds: [detected.id, manual.body.discoveryId], relationship: 'supports', notes: 'Both show same structure-property pattern' } });
    expect(link.status).toBe(201);
    expect((await t.request('POST', `/v1/sessions/${id}/discoveries/${manual.body.discoveryId}/validate`, { body: {} })).status).toBe(200);
    expect((await t.request('POST', `/v1/sessions/${id}/discoveries/${detected.id}/tags`, { body: { tags: ['olivine'] } })).status).toBe(200);
    const listed = (await t.request('GET', `/v1/sessions/${id}/discoveries`)).body;
    expect(listed.items).toHaveLength(2);
    expect(listed.links[0]).toMatchObject({ relationship: 'supports' });
    expect(listed.items.find((d: { id: string }) => d.id === manual.body.discoveryId).status).toBe('validated');
    const bad = await t.request('POST', `/v1/sessions/${id}/discoveries/links`, { body: { discoveryIds: [detected.id], relationship: 'supports' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('discoveryIds');
    const summary = (await t.request('POST', `/v1/sessions/${id}/summary`)).body;
    expect(summary.keyFindings[0]).toContain('Olivine structure increases ionic conductivity');
    expect(summary.materialsOfInterest).toContain('LiFePO4');
    const search = (await t.request('GET', '/v1/sessions/search?q=olivine%20mobility')).body;
    expect(search.items.map((s: { id: string }) => s.id)).toContain(id);
  });

  it('refuses questions to a paused session and streams progress as server-sent events', async () => {
    const id = await newSession();
    await t.request('POST', `/v1/sessions/${id}/start`);
    await t.request('POST', `/v1/sessions/${id}/pause`, { body: {} });
    const refused = await ask(id, 'Analyse LiCoO2');
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/paused: resume it first/);
    await t.request('POST', `/v1/sessions/${id}/resume`);
    const streamed = await t.request('POST', `/v1/sessions/${id}/queries`, { body: { text: 'Analyse LiCoO2' }, headers: { accept: 'text/event-stream' } });
    expect(String(streamed.headers['content-type'])).toContain('text/event-stream');
    const events = [...String(streamed.body).matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
    expect(events[0]).toBe('accepted');
    expect(String(streamed.body)).toMatch(/^data: \{"sessionId":"[^"]+","queryId":"[^"]+","revision":\d+/m);
    expect(events).toContain('tool_call');
    expect(events.at(-1)).toBe('recorded');
    expect(String(streamed.body)).toContain('97.87 g/mol');
  });

  it('records client-side tool runs and summarises older turns when autoSummarise is on', async () => {
    const id = await newSession();
    const run = await t.request('POST', `/v1/sessions/${id}/tools/invocations`, { body: { tool: 'visualization', input: { load: '1ABC' }, output: { loaded: '1ABC' }, durationMs: 12, toolState: { loaded: '1ABC' } } });
    expect(run.status).toBe(201);
    expect((await t.request('GET', `/v1/sessions/${id}/tools`)).body.states.visualization).toEqual({ loaded: '1ABC' });
    const failedRun = await t.request('POST', `/v1/sessions/${id}/tools/invocations`, { body: { tool: 'docking', input: null, output: null, durationMs: 3, error: 'no protein loaded' } });
    expect(failedRun.status).toBe(201);
    await t.request('PUT', `/v1/sessions/${id}/context/config`, { body: { maxHistory: 2, autoSummarise: true } });
    let events: string[] = [];
    for (const formula of ['LiFePO4', 'LiCoO2', 'NaCl', 'GaAs']) events = events.concat((await ask(id, `Analyse ${formula}`)).body.events);
    expect(events).toContain('HistorySummarised');
    const context = (await t.request('GET', `/v1/sessions/${id}/context`)).body;
    expect(context.summary).toContain('LiFePO4');
    expect(context.conversation.length).toBeLessThanOrEqual(2);
  });

  it('marks a question left unanswered by a crash as failed and recoverable on restart', async () => {
    const id = await newSession();
    const bus = t.app.get(SessionCommandBus);
    const ctx = { user: { userId: 'owner', name: 'Owner', role: 'owner' as const, keyId: 'k' }, actor: { userId: 'owner', via: 'api' as const }, correlationId: 'c' };
    await bus.send(ctx, id, 'AskQuery', { queryId: 'lost-query', text: 'Analyse LiFePO4' });
    // What a fresh process does first: anything asked before it started cannot be in progress.
    const recovered = await t.app.get(PendingQueriesRecovery).recover(Date.now() + 1);
    expect(recovered).toBe(1);
    const turn = (await t.request('GET', `/v1/sessions/${id}/history`)).body.items[0];
    expect(turn).toMatchObject({ id: 'lost-query', status: 'failed', failure: expect.objectContaining({ retryable: true }) });
    const events = (await t.request('GET', `/v1/sessions/${id}/events`)).body.items;
    expect(events.at(-1)).toMatchObject({ type: 'QueryFailed', metadata: { actor: { userId: 'system', via: 'system' } } });
  });
});

describe('the agent when the analyst fails', () => {
  let t: TestApp;
  beforeAll(async () => {
    // An OpenAI-compatible endpoint that refuses connections: the analyst fails, retryably.
    t = await startTestApp({ analyst: { openaiApiKey: 'sk-test-not-a-real-key', openaiBaseUrl: 'http://127.0.0.1:9/v1', timeoutMs: 2000, maxRetries: 0, maxTokensPerQuery: 1000 } });
  });
  afterAll(() => t.close());

  it('records QueryFailed and answers 502 with recoverable, never leaking the key', async () => {
    const id = (await t.request('POST', '/v1/sessions', { body: { name: 'failing analyst' } })).body.id;
    const response = await t.request('POST', `/v1/sessions/${id}/queries`, { body: { text: 'Analyse LiFePO4' } });
    expect(response.status).toBe(502);
    expect(response.body.error).toMatchObject({ code: 'query_failed', recoverable: true, details: { queryId: expect.any(String) } });
    expect(JSON.stringify(response.body)).not.toContain('sk-test');
    const events = (await t.request('GET', `/v1/sessions/${id}/events`)).body.items.map((e: { type: string }) => e.type);
    expect(events).toEqual(['SessionCreated', 'SessionStarted', 'QueryAsked', 'QueryFailed']);
    const log = JSON.stringify((await t.request('GET', `/v1/sessions/${id}/events`)).body);
    expect(log).not.toContain('sk-test');
  });
});


// A custom session-aware tool, registered as a Nest provider: it may inject the app's services.
@Injectable()
class LatticeEnergyTool {
  readonly name = 'lattice_energy_estimate';
  readonly description = 'Rough lattice energy from the Kapustinskii equation (test tool)';
  readonly inputSchema = { type: 'object' as const, properties: { formula: { type: 'string' as const } }, required: ['formula'] };
  constructor(readonly clock: Clock) {}
  execute(input: { formula: string }, context: { recentMaterials: string[] }) {
    return { result: { formula: input.formula, recent: context.recentMaterials }, state: { last: input.formula } };
  }
}

describe('custom tools as Nest providers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, { tools: [LatticeEnergyTool] });
  });
  afterAll(() => t.close());

  it('registers the provider in the tool registry, with its dependencies injected', async () => {
    const id = (await t.request('POST', '/v1/sessions', { body: { name: 'custom tools' } })).body.id;
    const tools = (await t.request('GET', `/v1/sessions/${id}/tools`)).body;
    expect(tools.available).toEqual(expect.arrayContaining(['composition', 'lattice_energy_estimate']));
    const registry = t.app.get<ToolRegistry>(TOOL_REGISTRY);
    const run = await registry.execute('lattice_energy_estimate', { formula: 'NaCl' }, { recentMaterials: ['LiFePO4'], discoveries: [], toolStates: {} });
    expect(run).toMatchObject({ output: { formula: 'NaCl', recent: ['LiFePO4'] }, state: { last: 'NaCl' } });
    expect(t.app.get(LatticeEnergyTool).clock).toBeInstanceOf(Clock);
  });
});
