// Retries with backoff, per-call and per-client AbortSignals, and the transport seam: what the
// HttpClient adds on top of one request. Waits go through an injected sleep (no real timing).
import { HttpClient } from './http-client.js';
import { startFakeApi, type FakeApi } from './testing/fake-api.js';
import type { Transport } from './transport.js';

async function failure(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('HttpClient retries, signals and transports', () => {
  let api: FakeApi;
  let waits: number[];
  const sleep = async (ms: number) => {
    waits.push(ms);
  };

  beforeEach(async () => {
    api = await startFakeApi();
    waits = [];
  });
  afterEach(() => api.close());

  it('retries a command after network errors with exponential backoff, reusing its Idempotency-Key', async () => {
    const client = new HttpClient({ baseUrl: api.baseUrl, apiKey: 'k', maxRetries: 3, retryDelayMs: 50, sleep });
    api.answer((_request, index) => (index < 3 ? 'drop' : { body: { position: '9', revision: 1, events: [] } }));
    await client.command('POST', '/sessions/s1/start');
    expect(api.requests).toHaveLength(4);
    expect(new Set(api.requests.map((r) => r.headers['idempotency-key'])).size).toBe(1);
    expect(waits).toEqual([50, 100, 200]);
    expect(client.lastPosition).toBe('9');
  });

  it('says how many times it tried when it gives up', async () => {
    const client = new HttpClient({ baseUrl: api.baseUrl, apiKey: 'k', maxRetries: 2, sleep });
    api.answer(() => 'drop');
    const error = await failure(client.get('/me'));
    expect(error).toMatchObject({ code: 'network_error', kind: 'network', recoverable: true, message: expect.stringContaining('tried 3 times') });
    expect(api.requests).toHaveLength(3);
  });

  it('retries the statuses it is told to, honouring Retry-After', async () => {
    const client = new HttpClient({ baseUrl: api.baseUrl, apiKey: 'k', retryStatuses: [429, 503], maxRetries: 2, sleep });
    api.answer((_request, index) => (index === 0 ? { status: 429, headers: { 'retry-after': '2' }, body: { error: { code: 'rate_limited', message: 'slow down' } } } : index === 1 ? { status: 503, body: {} } : { body: { id: 'u1' } }));
    expect(await client.get('/me')).toEqual({ id: 'u1' });
    expect(waits).toEqual([2000, 200]);
  });

  it('with maxRetries 0 tries once', async () => {
    const client = new HttpClient({ baseUrl: api.baseUrl, apiKey: 'k', maxRetries: 0, sleep });
    api.answer(() => 'drop');
    expect(await failure(client.get('/me'))).toMatchObject({ code: 'network_error', message: expect.stringContaining('tried once') });
    expect(api.requests).toHaveLength(1);
  });

  it('an aborted signal cancels a call in flight, without a retry', async () => {
    const client = new HttpClient({ baseUrl: api.baseUrl, apiKey: 'k', maxRetries: 3, sleep });
    api.answer(() => 'hang');
    const controller = new AbortController();
    const pending = failure(client.get('/me', { signal: controller.signal }));
    while (api.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    expect(await pending).toMatchObject({ name: 'SessionError', code: 'aborted', kind: 'aborted', recoverable: false });
    expect(api.requests).toHaveLength(1);
  });

  it('an already aborted signal sends nothing; a derived client applies its signal to every call', async () => {
    const client = new HttpClient({ baseUrl: api.baseUrl, apiKey: 'k' });
    const aborted = AbortSignal.abort();
    expect(await failure(client.command('POST', '/sessions', { body: {}, signal: aborted }))).toMatchObject({ code: 'aborted' });
    expect(await failure(client.derive({ signal: aborted }).get('/me'))).toMatchObject({ code: 'aborted' });
    expect(api.requests).toHaveLength(0);
  });

  it('a derived client shares the read-your-writes position; a sibling has its own', async () => {
    const client = new HttpClient({ baseUrl: api.baseUrl, apiKey: 'k' });
    api.answer(() => ({ body: { position: '42', revision: 1, events: [] } }));
    await client.derive({}).command('POST', '/sessions/s1/start');
    expect(client.lastPosition).toBe('42');
    expect(client.sibling({}).lastPosition).toBeUndefined();
  });

  it('sends every request through its transport', async () => {
    const seen: string[] = [];
    const transport: Transport = {
      mode: 'embedded',
      fetch: async (url, init) => {
        seen.push(`${init.method} ${url}`);
        return new Response(JSON.stringify({ id: 'u1' }), { status: 200, headers: { 'content-type': 'application/json' } });
      },
      close: async () => undefined,
    };
    const client = new HttpClient({ baseUrl: 'http://embedded.invalid', apiKey: 'k', transport });
    expect(await client.get('/me')).toEqual({ id: 'u1' });
    expect(seen).toEqual(['GET http://embedded.invalid/v1/me']);
    expect(client.mode).toBe('embedded');
  });
});
