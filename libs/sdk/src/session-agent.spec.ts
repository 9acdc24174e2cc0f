import type { QueryProgress, SessionTool } from './agent-types.js';
import { SessionManager } from './session-manager.js';
import { isResultAndState } from './session-tools.js';
import { commandBody, routes, sessionView, sse, startFakeApi, type FakeApi, type RecordedRequest, type Reply } from './testing/fake-api.js';
import type { SessionContext } from './types.js';

const context = {
  revision: 4,
  recentMaterials: ['LiFePO4', 'LiMnPO4'],
  activeTools: ['composition'],
  toolStates: { composition: { lastFormula: 'LiFePO4' } },
  discoveries: [{ id: 'd1', category: 'structure_property', description: 'olivine helps', materials: ['LiFePO4'], confidence: 0.8, status: 'detected', tags: [] }],
  conversation: [{ queryId: 'q0', question: 'Analyse LiFePO4', answer: 'olivine', status: 'answered', materials: ['LiFePO4'], askedAt: '2025-01-01T00:00:00.000Z' }],
  summary: null, items: [], config: { maxHistory: 50, materialMemory: 10, autoSummarise: false, relevanceThreshold: 0.7 },
  focus: null, hypotheses: [], openTasks: [], tasks: [], relevantFindings: [],
};

const answered = (revision: number) => ({ ...commandBody(revision, String(revision), ['QueryAsked', 'QueryAnswered']), queryId: 'q1', status: 'answered', answer: 'ok', materials: [], discoveries: [], toolInvocations: [] });

describe('registered tools, discoveries and analytics', () => {
  let api: FakeApi;
  let invocations: Array<Reply | undefined>;
  beforeEach(async () => {
    api = await startFakeApi();
    invocations = [];
    let revision = 4;
    api.answer(routes({
      'GET /sessions/s1': () => ({ body: sessionView(4) }),
      'GET /sessions/s1/context': () => ({ body: context }),
      'POST /sessions/s1/tools/invocations': () => invocations.shift() ?? { status: 201, body: { ...commandBody(++revision, String(revision), ['ToolInvoked']), invocationId: `inv${revision}` } },
      'POST /sessions/s1/queries': (r) => (r.headers.accept === 'text/event-stream' ? { stream: [sse('accepted', { sessionId: 's1' }), sse('recorded', answered(++revision))] } : { status: 201, body: answered(++revision) }),
    }));
  });
  afterEach(() => api.close());
  const session = () => new SessionManager({ baseUrl: api.baseUrl, apiKey: 'k' }).loadSession('s1', { lazyLoad: true });
  const paths = () => api.requests.map((r) => `${r.method} ${r.url.replace('/v1/sessions/s1', '')}`);
  const runs = () => api.requests.filter((r) => r.url.endsWith('/tools/invocations')).map((r) => r.body as Record<string, unknown>);

  class VisualizationTool implements SessionTool {
    readonly name = 'visualization';
    seen: SessionContext[] = [];
    execute(query: string, sessionContext: SessionContext) {
      this.seen.push(sessionContext);
      const loaded = /structure (\w+)/.exec(query)?.[1] ?? null;
      return { result: { loaded, materials: sessionContext.recentMaterials }, state: { loaded } };
    }
  }

  it('fetches the context, runs the tool, records the run, then asks: the seed\'s SessionAwareTool', async () => {
    const s = await session();
    const tool = new VisualizationTool();
    s.registerTool(tool);
    const response = await s.query('Load protein structure 1ABC');
    expect(paths()).toEqual(['GET ', 'GET /context', 'POST /tools/invocations', 'POST /queries']);
    expect(tool.seen[0]!.recentMaterials).toEqual(['LiFePO4', 'LiMnPO4']);
    expect(tool.seen[0]!.discoveries[0]!.description).toBe('olivine helps');
    const [run] = runs();
    expect(run).toEqual({ tool: 'visualization', input: { query: 'Load protein structure 1ABC' }, output: { loaded: '1ABC', materials: ['LiFePO4', 'LiMnPO4'] }, durationMs: expect.any(Number), toolState: { loaded: '1ABC' } });
    expect(Number.isInteger(run!.durationMs)).toBe(true);
    expect(response.clientTools).toEqual([{ tool: 'visualization', invocationId: 'inv5', durationMs: run!.durationMs, output: { loaded: '1ABC', materials: ['LiFePO4', 'LiMnPO4'] } }]);
    expect(s.revision).toBe(6);
  });

  it('keeps any other return value as both output and state, and leaves the state alone when the tool returns nothing', async () => {
    const s = await session();
    s.registerTool({ name: 'counter', execute: async (query: string) => ({ words: query.split(' ').length }) });
    s.registerTool({ name: 'logger', execute: () => undefined });
    await s.query('Analyse LiFePO4');
    expect(runs()).toEqual([
      expect.objectContaining({ tool: 'counter', output: { words: 2 }, toolState: { words: 2 } }),
      expect.objectContaining({ tool: 'logger', output: null }),
    ]);
    expect(runs()[1]).not.toHaveProperty('toolState');
    expect(api.requests.filter((r) => r.url.endsWith('/context'))).toHaveLength(1);
  });

  it('records a tool that throws as a failed run, and asks the question anyway; so too when recording fails', async () => {
    const s = await session();
    s.registerTool({ name: 'broken', execute: () => { throw new Error('no GPU'); } });
    s.registerTool({ name: 'unrecorded', execute: () => 1 });
    invocations.push(undefined, { status: 400, body: { error: { code: 'validation_failed', message: 'output too large', field: 'output' } } });
    const response = await s.query('Analyse LiFePO4');
    expect(runs()[0]).toEqual({ tool: 'broken', input: { query: 'Analyse LiFePO4' }, output: null, durationMs: expect.any(Number), error: 'no GPU' });
    expect(response.clientTools).toEqual([
      expect.objectContaining({ tool: 'broken', error: 'no GPU', invocationId: expect.any(String) }),
      expect.objectContaining({ tool: 'unrecorded', invocationId: null, recordError: 'output too large' }),
    ]);
    expect(paths().at(-1)).toBe('POST /queries');
  });

  it('tells onProgress about each tool run before the stream; unregistering stops the runs', async () => {
    const s = await session();
    const unregister = s.registerTool(new VisualizationTool());
    const seen: QueryProgress[] = [];
    await s.query('Load protein structure 1ABC', { onProgress: (p) => void seen.push(p) });
    expect(seen.map((p) => p.type)).toEqual(['client_tool', 'accepted']);
    expect(seen[0]).toMatchObject({ run: { tool: 'visualization', output: { loaded: '1ABC' } } });
    expect(s.registeredTools).toEqual(['visualization']);
    unregister();
    expect(s.registeredTools).toEqual([]);
    await s.query('Analyse LiFePO4');
    expect(paths().slice(-1)).toEqual(['POST /queries']);
    expect(runs()).toHaveLength(1);
  });

  it('refuses a tool without a valid name or an execute method', async () => {
    const s = await session();
    expect(() => s.registerTool({ name: 'has space', execute: () => 1 })).toThrow(/name/);
    expect(() => s.registerTool({ name: 'x' } as unknown as SessionTool)).toThrow(/execute/);
  });

  it('splits { result, state } only when those are the only two keys', () => {
    expect(isResultAndState({ result: 1, state: 2 })).toBe(true);
    expect(isResultAndState({ result: 1, state: 2, more: 3 })).toBe(false);
    expect(isResultAndState([1, 2])).toBe(false);
  });

  it('sends discoveries, tools and analytics where the API has them', async () => {
    const bodies: Record<string, RecordedRequest> = {};
    api.answer((r) => {
      bodies[`${r.method} ${r.url.replace('/v1/sessions/s1', '')}`] = r;
      if (r.url === '/v1/sessions/s1') return { body: sessionView(1) };
      if (r.method === 'GET') return { body: { revision: 1, states: { visualization: { loaded: '1ABC' } }, available: ['composition'] } };
      return { status: 201, body: { ...commandBody(2, '2'), discoveryId: 'd9', linkId: 'l1', summaryId: 'sum1', keyFindings: ['k'], materialsOfInterest: [], nextSteps: [] } };
    });
    const s = await session();
    await s.configureDiscoveries({ autoDetect: true, minConfidence: 0.75, categories: ['structure_property'] });
    const id = await s.recordDiscovery({ type: 'structure_property', description: 'Olivine helps', materials: ['LiFePO4'], evidence: { intent: 'overview' }, confidence: 0.9 });
    expect(id).toBe('d9');
    await s.linkDiscoveries({ discoveryIds: ['d1', id], relationship: 'supports', notes: 'same pattern' });
    await s.validateDiscovery(id);
    await s.rejectDiscovery('d1', 'a duplicate');
    await s.tagDiscovery('a/b', ['olivine']);
    expect((await s.getToolStates()).visualization).toEqual({ loaded: '1ABC' });
    await s.getDiscoveries();
    await s.getStatistics();
    expect(await s.generateSummary()).toMatchObject({ keyFindings: ['k'], summaryId: 'sum1' });
    expect(Object.keys(bodies)).toEqual(expect.arrayContaining(['GET /tools', 'GET /discoveries', 'GET /statistics', 'POST /summary']));
    expect(bodies['PUT /discoveries/config']!.body).toEqual({ autoDetect: true, minConfidence: 0.75, categories: ['structure_property'] });
    expect(bodies['POST /discoveries']!.body).toMatchObject({ type: 'structure_property', evidence: { intent: 'overview' }, confidence: 0.9 });
    expect(bodies['POST /discoveries/links']!.body).toEqual({ discoveryIds: ['d1', 'd9'], relationship: 'supports', notes: 'same pattern' });
    expect(bodies['POST /discoveries/d9/validate']!.body).toEqual({});
    expect(bodies['POST /discoveries/d1/reject']!.body).toEqual({ note: 'a duplicate' });
    expect(bodies['POST /discoveries/a%2Fb/tags']!.body).toEqual({ tags: ['olivine'] });
  });

  it('pins and unpins a discovery where the API has it', async () => {
    const sent: string[] = [];
    api.answer((r) => {
      if (r.url === '/v1/sessions/s1') return { body: sessionView(1) };
      sent.push(`${r.method} ${r.url.replace('/v1/sessions/s1', '')} ${JSON.stringify(r.body)}`);
      return { status: 200, body: commandBody(2, '2', ['DiscoveryPinned']) };
    });
    const s = await session();
    expect((await s.pinDiscovery('a/b')).events).toEqual(['DiscoveryPinned']);
    await s.unpinDiscovery('d1');
    expect(sent).toEqual(['POST /discoveries/a%2Fb/pin {}', 'POST /discoveries/d1/unpin {}']);
  });
});
