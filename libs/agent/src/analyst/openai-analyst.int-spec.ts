import { AnalystError, emptyContext, type AnalystProgress } from './analyst.port.js';
import { OpenAiAnalyst, type OpenAiAnalystOptions } from './openai-analyst.js';
import { completion, errorBody, startFakeOpenAi, type FakeOpenAi, type Responder } from './testing/fake-openai-server.js';
import { createDefaultToolRegistry } from './tool-registry.js';

// Talks to an OpenAI-compatible server started on loopback by each spec: no other network.
const API_KEY = 'sk-test-secret-0123456789abcdef';

const context = emptyContext({
  recentMaterials: ['LiFePO4'],
  focus: 'olivine cathodes',
  toolStates: { composition: { lastFormula: 'LiFePO4', history: ['LiFePO4'] } },
  discoveries: [{ id: 'd1', category: 'structure_property', description: 'Olivine limits Li+ transport to 1D channels', materials: ['LiFePO4'], confidence: 0.8 }],
  conversation: [{ question: 'Analyse LiFePO4', answer: 'LiFePO4 is an olivine cathode.' }],
  items: [{ key: 'goal', value: 'find a cathode above 4 V', kind: 'custom' }],
});

const DISCOVERY_JSON = JSON.stringify({
  discoveries: [
    {
      category: 'structure_property',
      description: 'Olivine LiFePO4 conducts Li+ along 1D channels, which limits its rate',
      materials: ['LiFePO4'],
      confidence: 0.8,
      evidence: { text: 'LiFePO4 conducts Li+ along 1D channels', toolInvocationIndexes: [1, 7] },
    },
    { category: 'not_a_category', description: 'dropped', materials: [], confidence: 2, evidence: { text: null, toolInvocationIndexes: [] } },
  ],
});

let server: FakeOpenAi | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function analystWith(responder: Responder, options: Partial<OpenAiAnalystOptions> = {}) {
  server = await startFakeOpenAi(responder);
  return new OpenAiAnalyst({ apiKey: API_KEY, baseURL: server.baseURL, registry: createDefaultToolRegistry(), timeoutMs: 2000, maxRetries: 0, ...options });
}

describe('OpenAiAnalyst against an OpenAI-compatible server', () => {
  it('runs a tool round, answers, then extracts discoveries with structured output', async () => {
    const analyst = await analystWith((_req, n) => {
      if (n === 0) return { body: completion(null, { toolCalls: [{ name: 'composition', arguments: '{"formula":"LiFePO4"}' }, { name: 'known_materials', arguments: '{"formula":"LiFePO4"}' }], usage: [300, 40] }) };
      if (n === 1) return { body: completion('LiFePO4 (olivine, Pnma) weighs 157.76 g/mol; LiMnPO4 is the higher-voltage analogue.', { usage: [500, 60] }) };
      return { body: completion(DISCOVERY_JSON, { usage: [400, 50] }) };
    });
    const progress: AnalystProgress[] = [];
    const result = await analyst.analyse({ question: 'What about its ionic conductivity?', context }, (p) => progress.push(p));

    const [first, second, third] = server!.requests;
    expect(server!.requests).toHaveLength(3);
    expect(first!.url).toBe('/v1/chat/completions');
    expect(first!.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(first!.body.model).toBe('gpt-4o-mini');
    const system = first!.body.messages[0];
    expect(system.role).toBe('system');
    expect(system.content).toContain('Recent materials (most recent first): LiFePO4');
    expect(system.content).toContain('Current focus: olivine cathodes');
    expect(system.content).toContain('Olivine limits Li+ transport to 1D channels');
    expect(system.content).toContain('goal (custom): find a cathode above 4 V');
    expect(system.content).toContain('"lastFormula":"LiFePO4"');
    expect(first!.body.messages.slice(1)).toEqual([
      { role: 'user', content: 'Analyse LiFePO4' },
      { role: 'assistant', content: 'LiFePO4 is an olivine cathode.' },
      { role: 'user', content: 'What about its ionic conductivity?' },
    ]);
    expect(first!.body.tools.map((t: { function: { name: string } }) => t.function.name)).toEqual(['composition', 'oxidation_states', 'known_materials', 'similar_materials']);
    expect(first!.body.tools[0]).toMatchObject({ type: 'function', function: { parameters: { type: 'object', properties: { formula: { type: 'string' } } } } });
    expect(first!.body.max_completion_tokens).toBeGreaterThan(0);

    const toolMessages = second!.body.messages.filter((m: { role: string }) => m.role === 'tool');
    expect(second!.body.messages.at(-3)).toMatchObject({ role: 'assistant', tool_calls: [{ id: 'call_1' }, { id: 'call_2' }] });
    expect(toolMessages.map((m: { tool_call_id: string }) => m.tool_call_id)).toEqual(['call_1', 'call_2']);
    expect(JSON.parse(toolMessages[0].content).molarMass).toBeCloseTo(157.757, 3);
    expect(JSON.parse(toolMessages[1].content).matches[0].structureType).toBe('olivine');

    expect(third!.body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'discoveries', strict: true } });
    expect(third!.body.tools).toBeUndefined();
    expect(third!.body.messages[1].content).toContain('Researcher: What about its ionic conductivity?');
    expect(third!.body.messages[1].content).toContain('weighs 157.76 g/mol');
    expect(third!.body.messages[1].content).toContain('[0] composition({"formula":"LiFePO4"})');
    expect(third!.body.messages[1].content).toContain('Already recorded (do not repeat):\n- Olivine limits Li+ transport to 1D channels');

    expect(result.text).toBe('LiFePO4 (olivine, Pnma) weighs 157.76 g/mol; LiMnPO4 is the higher-voltage analogue.');
    expect(result).toMatchObject({ model: 'gpt-4o-mini-2024-07-18', offline: false, usage: { promptTokens: 1200, completionTokens: 150, totalTokens: 1350 } });
    expect(result.toolInvocations.map((i) => [i.tool, i.error])).toEqual([['composition', undefined], ['known_materials', undefined]]);
    expect(result.toolStates).toEqual({ composition: { lastFormula: 'LiFePO4', history: ['LiFePO4'] }, known_materials: { lastFormula: 'LiFePO4', lastIds: ['LiFePO4-olivine'] } });
    expect(result.materials.map((m) => m.formula)).toEqual(['LiMnPO4', 'LiFePO4']);
    expect(result.materials[1]).toMatchObject({ name: 'lithium iron phosphate (LFP)', toolInvocationIndex: 0, properties: { molarMass: { value: 157.7574 } } });
    expect(result.materials[1]!.source).toContain('Padhi');
    expect(result.discoveries).toEqual([
      {
        category: 'structure_property',
        description: 'Olivine LiFePO4 conducts Li+ along 1D channels, which limits its rate',
        materials: ['LiFePO4'],
        confidence: 0.8,
        evidence: { text: 'LiFePO4 conducts Li+ along 1D channels', toolInvocationIndexes: [1] },
      },
    ]);
    expect(result.analysis).toMatchObject({ intent: 'property', subjects: ['LiFePO4'], toolRounds: 1, discoveryExtraction: 'model', facts: { LiFePO4: { molarMass: { value: 157.7574 } } } });
    expect((result.analysis.sources as string[]).some((s) => s.includes('Padhi'))).toBe(true);
    expect(progress.filter((p) => p.kind === 'tool_call' || p.kind === 'tool_result').map((p) => `${p.kind}:${'tool' in p ? p.tool : ''}`)).toEqual([
      'tool_call:composition',
      'tool_result:composition',
      'tool_call:known_materials',
      'tool_result:known_materials',
    ]);
    expect(progress.find((p) => p.kind === 'text')).toEqual({ kind: 'text', delta: result.text });
    expect(JSON.stringify(result)).not.toContain(API_KEY);
  });

  it('reports bad tool calls to the model and stops offering tools after maxToolRounds', async () => {
    const analyst = await analystWith(
      (_req, n) =>
        n === 0
          ? { body: completion(null, { toolCalls: [{ name: 'composition', arguments: 'not json' }, { name: 'crystal_ball', arguments: '{}' }] }) }
          : n === 1
            ? { body: completion('I could not compute it.') }
            : { body: completion('{"discoveries":[]}') },
      { maxToolRounds: 1 },
    );
    const result = await analyst.analyse({ question: 'Analyse LiFePO4', context: emptyContext() });
    const second = server!.requests[1]!.body;
    expect(second.tools).toBeUndefined();
    const errors = second.messages.filter((m: { role: string }) => m.role === 'tool').map((m: { content: string }) => JSON.parse(m.content).error);
    expect(errors[0]).toContain('invalid input: input must be an object');
    expect(errors[1]).toContain('unknown tool "crystal_ball"');
    expect(result.toolInvocations.map((i) => i.tool)).toEqual(['composition', 'crystal_ball']);
    expect(result.toolStates).toEqual({});
    expect(result.text).toBe('I could not compute it.');
  });

  it('stops when the token budget is reached and says so', async () => {
    const analyst = await analystWith(() => ({ body: completion(null, { toolCalls: [{ name: 'composition', arguments: '{"formula":"LiCoO2"}' }], usage: [350, 50] }) }), {
      maxTokensPerQuery: 1000,
    });
    const result = await analyst.analyse({ question: 'The layered structure governs Li+ diffusion in LiCoO2.', context: emptyContext(), maxTokens: 300 });
    expect(server!.requests).toHaveLength(1);
    expect(server!.requests[0]!.body.max_completion_tokens).toBe(300);
    expect(result.text).toContain('[Stopped: this query used its token budget of 300 tokens after 1 tool round(s)');
    expect(result.usage.totalTokens).toBe(400);
    expect(result.toolInvocations).toHaveLength(1);
    expect(result.analysis).toMatchObject({ stoppedAtTokenBudget: 300, discoveryExtraction: 'rules (token budget reached)' });
    expect(result.discoveries).toEqual([expect.objectContaining({ category: 'structure_property', materials: ['LiCoO2'] })]);
  });

  it('falls back to the rule detector when the server refuses structured output', async () => {
    const analyst = await analystWith((req) =>
      req.body.response_format ? { status: 400, body: errorBody("response_format 'json_schema' is not supported", 'invalid_request_error') } : { body: completion('Noted.') },
    );
    const result = await analyst.analyse({ question: 'The olivine structure seems crucial for Li+ mobility', context: emptyContext({ recentMaterials: ['LiFePO4'] }) });
    expect(result.text).toBe('Noted.');
    expect(result.analysis.discoveryExtraction).toMatch(/^rules \(model extraction failed: language model API error 400/);
    expect(result.discoveries).toEqual([expect.objectContaining({ category: 'structure_property', materials: ['LiFePO4'], confidence: 0.8 })]);
  });

  it('summarises with the model', async () => {
    const analyst = await analystWith(() => ({ body: completion('  LiFePO4 was analysed: olivine, 157.76 g/mol.  ') }));
    const summary = await analyst.summarise([{ question: 'Analyse LiFePO4', answer: 'LiFePO4 is olivine.' }], 40);
    expect(summary).toEqual({ text: 'LiFePO4 was analysed: olivine, 157.76 g/mol.', model: 'gpt-4o-mini-2024-07-18', offline: false });
    const body = server!.requests[0]!.body;
    expect(body.messages[0].content).toContain('at most 40 words');
    expect(body.messages[1].content).toContain('Q1: Analyse LiFePO4\nA1: LiFePO4 is olivine.');
  });
});

describe('OpenAiAnalyst errors and retries', () => {
  const answerOrDiscoveries: Responder = (req) => ({ body: completion(req.body.response_format ? '{"discoveries":[]}' : 'LiFePO4 is olivine.') });

  it('retries a 500 and then succeeds', async () => {
    const analyst = await analystWith((req, n) => (n === 0 ? { status: 500, headers: { 'retry-after-ms': '5' }, body: errorBody('boom') } : answerOrDiscoveries(req, n)), { maxRetries: 2 });
    const result = await analyst.analyse({ question: 'Analyse LiFePO4', context: emptyContext() });
    expect(result.text).toBe('LiFePO4 is olivine.');
    expect(server!.requests).toHaveLength(3);
    expect(server!.requests[1]!.body).toEqual(server!.requests[0]!.body);
  });

  it('maps a 401 to a non-retryable error without the key', async () => {
    const analyst = await analystWith(() => ({ status: 401, body: errorBody(`Incorrect API key provided: ${API_KEY}`, 'invalid_request_error') }), { maxRetries: 3 });
    const error = await analyst.analyse({ question: 'Analyse LiFePO4', context: emptyContext() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AnalystError);
    expect(error).toMatchObject({ reason: 'auth', retryable: false, status: 401 });
    expect((error as Error).message).not.toContain(API_KEY);
    expect((error as Error).message).not.toContain('0123456789abcdef');
    expect(server!.requests).toHaveLength(1);
  });

  it('gives a retryable error when 429s outlast the retries', async () => {
    const analyst = await analystWith(() => ({ status: 429, headers: { 'retry-after-ms': '5' }, body: errorBody('Rate limit reached', 'requests') }), { maxRetries: 2 });
    const error = await analyst.analyse({ question: 'Analyse LiFePO4', context: emptyContext() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AnalystError', reason: 'rate_limited', retryable: true, status: 429 });
    expect(server!.requests).toHaveLength(3);
  });

  it('times out a server that does not answer, retrying as configured', async () => {
    const analyst = await analystWith(() => 'hang', { timeoutMs: 150, maxRetries: 1 });
    const started = Date.now();
    const error = await analyst.analyse({ question: 'Analyse LiFePO4', context: emptyContext() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'timeout', retryable: true });
    expect(server!.requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('reports an unreachable server as a retryable connection error', async () => {
    const closed = await startFakeOpenAi(() => ({ body: {} }));
    await closed.close();
    const analyst = new OpenAiAnalyst({ apiKey: API_KEY, baseURL: closed.baseURL, registry: createDefaultToolRegistry(), maxRetries: 0 });
    const error = await analyst.analyse({ question: 'Analyse LiFePO4', context: emptyContext() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'connection', retryable: true });
  });

  it('stops when the caller aborts, without retrying', async () => {
    // The caller aborts once the request has reached the server (a fixed delay could fire before it
    // is even sent on a busy machine, and then no request would be seen).
    const controller = new AbortController();
    const analyst = await analystWith(() => { setTimeout(() => controller.abort(), 20); return 'hang'; }, { timeoutMs: 5000, maxRetries: 2 });
    const error = await analyst.analyse({ question: 'Analyse LiFePO4', context: emptyContext(), signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'aborted', retryable: false });
    expect(server!.requests).toHaveLength(1);
  });

  it('refuses to start without an API key', () => {
    expect(() => new OpenAiAnalyst({ apiKey: '', registry: createDefaultToolRegistry() })).toThrow('needs an API key');
  });
});
