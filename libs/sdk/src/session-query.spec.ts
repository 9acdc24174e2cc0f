import type { QueryProgress } from './agent-types.js';
import { SessionError } from './errors.js';
import { SessionManager } from './session-manager.js';
import { commandBody, routes, sessionView, sse, startFakeApi, type FakeApi, type Reply } from './testing/fake-api.js';

const outcome = (revision: number, events: string[] = ['QueryAsked', 'QueryAnswered'], answer = 'LiFePO4: olivine, Pnma') => ({
  ...commandBody(revision, String(revision + 10), events),
  queryId: 'q1',
  status: 'answered',
  question: 'Analyse LiFePO4',
  answer,
  analysis: { intent: 'overview', subjects: ['LiFePO4'] },
  model: 'offline-rules-1',
  offline: true,
  usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0 },
  latencyMs: 3,
  toolInvocations: [{ id: 'i1', tool: 'composition', durationMs: 0, failed: false }],
  materials: ['LiFePO4'],
  discoveries: [],
  failure: null,
});

const progressEvents = [
  sse('accepted', { sessionId: 's1' }),
  sse('status', { kind: 'status', message: 'offline analyst: overview (LiFePO4)' }),
  sse('tool_call', { kind: 'tool_call', tool: 'composition', input: { formula: 'LiFePO4' } }),
  sse('tool_result', { kind: 'tool_result', tool: 'composition', output: { molarMass: 157.76 }, durationMs: 0 }),
  sse('text', { kind: 'text', delta: 'LiFePO4: ' }),
];

async function rejection(promise: Promise<unknown>): Promise<SessionError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SessionError) return error;
    throw error;
  }
  throw new Error('expected a SessionError');
}

describe('session.query()', () => {
  let api: FakeApi;
  beforeEach(async () => {
    api = await startFakeApi();
  });
  afterEach(() => api.close());
  const load = async (query: (body: unknown) => Reply, queryTimeoutMs?: number) => {
    api.answer(routes({ 'GET /sessions/s1': () => ({ body: sessionView(api.requests.length > 1 ? 5 : 0, { status: api.requests.length > 1 ? 'active' : 'created' }) }), 'POST /sessions/s1/queries': (r) => query(r.body) }));
    return new SessionManager({ baseUrl: api.baseUrl, apiKey: 'k', queryTimeoutMs }).loadSession('s1', { lazyLoad: true });
  };

  it('asks as JSON with an Idempotency-Key; a first question starts the session and moves its revision', async () => {
    const session = await load(() => ({ status: 201, body: outcome(9, ['SessionStarted', 'QueryAsked', 'QueryAnswered']) }));
    const response = await session.query('Analyse LiFePO4');
    const sent = api.requests[1]!;
    expect(sent).toMatchObject({ method: 'POST', url: '/v1/sessions/s1/queries', body: { text: 'Analyse LiFePO4' } });
    expect(sent.headers.accept).toBe('application/json');
    expect(sent.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(response).toMatchObject({ answer: 'LiFePO4: olivine, Pnma', materials: ['LiFePO4'], offline: true, clientTools: [] });
    expect(response.analysis?.subjects).toEqual(['LiFePO4']);
    expect(session).toMatchObject({ status: 'active', revision: 9 });
  });

  it('refuses an empty question without calling the API', async () => {
    const session = await load(() => ({ body: outcome(1) }));
    await expect(session.query('  ')).rejects.toMatchObject({ code: 'validation_failed', field: 'text', status: 0 });
    expect(api.requests).toHaveLength(1);
  });

  it('turns a 502 query_failed into a recoverable SessionError and reloads the session', async () => {
    const session = await load(() => ({ status: 502, body: { error: { code: 'query_failed', message: 'the analyst could not answer: connection refused (retrying may help)', recoverable: true } } }));
    const error = await rejection(session.query('Analyse LiFePO4'));
    expect(error).toMatchObject({ status: 502, code: 'query_failed', recoverable: true });
    expect(api.requests.map((r) => r.method)).toEqual(['GET', 'POST', 'GET']);
    expect(session).toMatchObject({ status: 'active', revision: 5 });
  });

  it('streams with onProgress: every step in order, without the analyst\'s kind, then the recorded outcome', async () => {
    const wire = [...progressEvents, sse('recorded', outcome(12))].join('');
    // Cut in awkward places: inside an event, a field name, a JSON string.
    const chunks = [wire.slice(0, 7), wire.slice(7, 90), wire.slice(90, 91), wire.slice(91, 300), wire.slice(300)];
    const session = await load(() => ({ stream: chunks, delayMs: 2 }));
    const seen: QueryProgress[] = [];
    const response = await session.query('Analyse LiFePO4', { onProgress: (p) => void seen.push(p) });
    expect(api.requests[1]!.headers.accept).toBe('text/event-stream');
    expect(seen).toEqual([
      { type: 'accepted', sessionId: 's1' },
      { type: 'status', message: 'offline analyst: overview (LiFePO4)' },
      { type: 'tool_call', tool: 'composition', input: { formula: 'LiFePO4' } },
      { type: 'tool_result', tool: 'composition', output: { molarMass: 157.76 }, durationMs: 0 },
      { type: 'text', delta: 'LiFePO4: ' },
    ]);
    expect(response).toMatchObject({ queryId: 'q1', answer: 'LiFePO4: olivine, Pnma', clientTools: [] });
    expect(session.revision).toBe(12);
  });

  it('passes on event types it does not know, and reads after it with the outcome\'s position', async () => {
    const session = await load(() => ({ stream: [sse('heartbeat', { n: 1 }), sse('recorded', outcome(3))] }));
    const seen: QueryProgress[] = [];
    await session.query('Analyse LiFePO4', { onProgress: (p) => void seen.push(p) });
    expect(seen).toEqual([{ type: 'other', event: 'heartbeat', data: { n: 1 } }]);
    await session.refresh();
    expect(api.requests.at(-1)!.headers['x-min-position']).toBe('13');
  });

  it('throws the error event as the SessionError the JSON answer would have been', async () => {
    const refusal = { status: 409, error: { code: 'illegal_transition', message: 'cannot ask a query: session is paused: resume it first', recoverable: true } };
    const session = await load(() => ({ stream: [sse('accepted', { sessionId: 's1' }), sse('error', refusal)] }));
    const error = await rejection(session.query('complex analysis', { onProgress: () => undefined }));
    expect(error).toMatchObject({ name: 'SessionError', status: 409, code: 'illegal_transition', recoverable: true, message: 'cannot ask a query: session is paused: resume it first' });
  });

  it('maps a refusal before the stream starts, and takes a JSON answer to a streamed request as the outcome', async () => {
    const refused = await load(() => ({ status: 400, body: { error: { code: 'validation_failed', message: 'text must be shorter', field: 'text' } } }));
    expect(await rejection(refused.query('x', { onProgress: () => undefined }))).toMatchObject({ status: 400, field: 'text' });
    const json = await load(() => ({ status: 201, body: outcome(4) }));
    expect(await json.query('Analyse LiFePO4', { onProgress: () => undefined })).toMatchObject({ revision: 4, answer: 'LiFePO4: olivine, Pnma' });
  });

  it('reports a stream cut mid-way as recoverable stream_interrupted, and one ending without an outcome as stream_incomplete', async () => {
    const cut = await load(() => ({ stream: progressEvents, then: 'drop' }));
    expect(await rejection(cut.query('Analyse LiFePO4', { onProgress: () => undefined }))).toMatchObject({ code: 'stream_interrupted', recoverable: true, status: 0 });
    const short = await load(() => ({ stream: progressEvents }));
    expect(await rejection(short.query('Analyse LiFePO4', { onProgress: () => undefined }))).toMatchObject({ code: 'stream_incomplete', recoverable: true });
  });

  it('gives up on a stream silent for longer than queryTimeoutMs', async () => {
    const session = await load(() => ({ stream: [sse('accepted', { sessionId: 's1' })], then: 'hang' }), 150);
    const error = await rejection(session.query('Analyse LiFePO4', { onProgress: () => undefined }));
    expect(error).toMatchObject({ code: 'stream_interrupted', recoverable: true });
    expect(error.message).toContain('idle timeout');
  });

  it('rejects with what onProgress threw, and stops reading', async () => {
    const session = await load(() => ({ stream: [...progressEvents, sse('recorded', outcome(3))] }));
    let calls = 0;
    const onProgress = () => {
      calls += 1;
      if (calls === 2) throw new Error('the UI went away');
    };
    await expect(session.query('Analyse LiFePO4', { onProgress })).rejects.toThrow('the UI went away');
    expect(calls).toBe(2);
  });
});
