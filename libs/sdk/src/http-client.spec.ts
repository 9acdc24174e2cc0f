import { AuthError, ConflictError, NotFoundError, PermissionError, SessionError } from './errors.js';
import { HttpClient } from './http-client.js';
import { commandBody, startFakeApi, type FakeApi } from './testing/fake-api.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function failure(promise: Promise<unknown>): Promise<SessionError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SessionError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('HttpClient', () => {
  let api: FakeApi;
  let client: HttpClient;

  beforeEach(async () => {
    api = await startFakeApi();
    client = new HttpClient({ baseUrl: `${api.baseUrl}/`, apiKey: 'csk.test', timeoutMs: 2000 });
  });
  afterEach(() => api.close());

  describe('requests', () => {
    it('prefixes /v1 once, sends the key, encodes the query and skips undefined parameters', async () => {
      api.answer(() => ({ body: { items: [] } }));
      await client.get('/sessions', { query: { status: 'active', project: 'olivine & co', cursor: undefined, limit: 5 } });
      const [request] = api.requests;
      expect(request!.url).toBe('/v1/sessions?status=active&project=olivine+%26+co&limit=5');
      expect(request!.headers.authorization).toBe('Bearer csk.test');
      expect(request!.headers['x-min-position']).toBeUndefined();
      expect(request!.headers['idempotency-key']).toBeUndefined();
    });

    it('does not add /v1 twice when the base URL has it', async () => {
      const v1 = new HttpClient({ baseUrl: `${api.baseUrl}/v1`, apiKey: 'k' });
      await v1.get('/me');
      expect(api.requests[0]!.url).toBe('/v1/me');
    });

    it('sends a command as JSON with a fresh Idempotency-Key each time, and {} when there is no body', async () => {
      api.answer(() => ({ status: 201, body: commandBody(1, '7') }));
      await client.command('POST', '/sessions/s1/context', { body: { key: 'k', value: 'v' } });
      await client.command('POST', '/sessions/s1/start');
      await client.command('DELETE', '/sessions/s1/context', { query: { kind: 'tool_outputs' } });
      const [add, start, clear] = api.requests;
      expect(add!.body).toEqual({ key: 'k', value: 'v' });
      expect(add!.headers['content-type']).toBe('application/json');
      expect(start!.body).toEqual({});
      expect(clear!.body).toBeUndefined();
      expect(clear!.url).toBe('/v1/sessions/s1/context?kind=tool_outputs');
      const keys = api.requests.map((r) => r.headers['idempotency-key']);
      keys.forEach((key) => expect(key).toMatch(UUID));
      expect(new Set(keys).size).toBe(3);
    });

    it('sends If-Match only when the caller bases the change on a revision', async () => {
      api.answer(() => ({ body: commandBody(4, '9') }));
      await client.command('PATCH', '/sessions/s1', { body: { name: 'n' }, ifMatch: 3 });
      await client.command('PATCH', '/sessions/s1', { body: { name: 'm' } });
      expect(api.requests[0]!.headers['if-match']).toBe('"3"');
      expect(api.requests[1]!.headers['if-match']).toBeUndefined();
    });

    it('returns the body, the status and the ETag as a revision', async () => {
      api.answer(() => ({ status: 201, body: commandBody(12, '40'), headers: { etag: '"12"' } }));
      const answer = await client.command<{ revision: number }>('POST', '/sessions/s1/tasks', { body: { title: 't' } });
      expect(answer).toEqual({ status: 201, body: commandBody(12, '40'), etag: 12 });
    });
  });

  describe('read-your-writes', () => {
    it('sends the highest position any command returned as X-Min-Position on reads', async () => {
      api.answer((request) => (request.method === 'GET' ? { body: {} } : { body: commandBody(1, request.url.endsWith('/a') ? '15' : '9') }));
      await client.command('POST', '/sessions/s1/a');
      await client.command('POST', '/sessions/s2/b');
      await client.get('/sessions/s1');
      expect(api.requests[2]!.headers['x-min-position']).toBe('15');
      expect(client.lastPosition).toBe('15');
    });

    it('compares positions as integers, not strings, and ignores answers without one', async () => {
      api.answer(() => ({ body: commandBody(1, '100') }));
      await client.command('POST', '/x');
      api.answer(() => ({ body: commandBody(1, '99') }));
      await client.command('POST', '/x');
      api.answer(() => ({ body: { id: 's1' } }));
      await client.command('POST', '/x');
      expect(client.lastPosition).toBe('100');
    });

    it('leaves X-Min-Position out of a read that asks for the latest state', async () => {
      api.answer(() => ({ body: commandBody(1, '3') }));
      await client.command('POST', '/x');
      await client.get('/sessions/s1', { latest: true });
      expect(api.requests[1]!.headers['x-min-position']).toBeUndefined();
    });
  });

  describe('errors', () => {
    it('maps 409 with conflicts to ConflictError carrying field, local, remote and base', async () => {
      const conflicts = [{ field: 'governance.name', local: 'mine', remote: 'theirs', base: 'before' }];
      api.answer(() => ({ status: 409, body: { error: { code: 'conflict', message: 'conflicting changes to governance.name', conflicts, recoverable: true } } }));
      const error = await failure(client.command('PATCH', '/sessions/s1', { body: { name: 'mine' }, ifMatch: 0 }));
      expect(error).toBeInstanceOf(ConflictError);
      expect(error).toMatchObject({ status: 409, code: 'conflict', message: 'conflicting changes to governance.name', recoverable: true, conflicts });
    });

    it('maps a 409 without conflicts (an illegal transition) to a plain recoverable SessionError', async () => {
      api.answer(() => ({ status: 409, body: { error: { code: 'illegal_transition', message: 'cannot pause: session is paused: it is already paused', recoverable: true } } }));
      const error = await failure(client.command('POST', '/sessions/s1/pause'));
      expect(error).not.toBeInstanceOf(ConflictError);
      expect(error).toMatchObject({ name: 'SessionError', status: 409, code: 'illegal_transition', recoverable: true });
    });

    it('maps 404 to NotFoundError (not recoverable), 401 to AuthError and 403 to PermissionError (an AuthError)', async () => {
      api.answer(() => ({ status: 404, body: { error: { code: 'session_not_found', message: 'session nope not found' } } }));
      const missing = await failure(client.get('/sessions/nope'));
      expect(missing).toBeInstanceOf(NotFoundError);
      expect(missing).toMatchObject({ code: 'session_not_found', message: 'session nope not found', recoverable: false, kind: 'not_found' });
      api.answer(() => ({ status: 401, body: { error: { code: 'unauthorized', message: 'unknown or revoked API key' } } }));
      const unknown = await failure(client.get('/me'));
      expect(unknown).toBeInstanceOf(AuthError);
      expect(unknown).not.toBeInstanceOf(PermissionError);
      expect(unknown).toMatchObject({ kind: 'auth' });
      api.answer(() => ({ status: 403, body: { error: { code: 'forbidden', message: 'you may only list your own sessions' } } }));
      const refused = await failure(client.get('/sessions'));
      expect(refused).toBeInstanceOf(AuthError);
      expect(refused).toMatchObject({ name: 'PermissionError', status: 403, code: 'forbidden', kind: 'permission' });
    });

    it('keeps the field a 400 names', async () => {
      api.answer(() => ({ status: 400, body: { error: { code: 'validation_failed', message: 'relevanceThreshold must not be greater than 1', field: 'relevanceThreshold' } } }));
      const error = await failure(client.command('PUT', '/sessions/s1/context/config', { body: { relevanceThreshold: 2 } }));
      expect(error).toMatchObject({ status: 400, code: 'validation_failed', field: 'relevanceThreshold' });
    });

    it('turns an answer that is not our error shape into a SessionError with the text', async () => {
      api.answer(() => ({ status: 502, raw: 'Bad Gateway' }));
      const error = await failure(client.get('/me'));
      expect(error).toMatchObject({ name: 'SessionError', status: 502, code: 'http_502', message: 'Bad Gateway' });
    });
  });

  describe('retries', () => {
    it('retries a command once after a dropped connection, with the same Idempotency-Key', async () => {
      api.answer((_request, index) => (index === 0 ? 'drop' : { status: 201, body: commandBody(2, '5') }));
      const answer = await client.command<{ revision: number }>('POST', '/sessions/s1/context', { body: { key: 'k', value: 1 } });
      expect(answer.body.revision).toBe(2);
      expect(api.requests).toHaveLength(2);
      expect(api.requests[1]!.headers['idempotency-key']).toBe(api.requests[0]!.headers['idempotency-key']);
      expect(api.requests[1]!.body).toEqual({ key: 'k', value: 1 });
      expect(client.lastPosition).toBe('5');
    });

    it('gives up after the second failure with a recoverable network_error', async () => {
      api.answer(() => 'drop');
      const error = await failure(client.command('POST', '/sessions/s1/start'));
      expect(error).toMatchObject({ code: 'network_error', status: 0, recoverable: true });
      expect(api.requests).toHaveLength(2);
    });

    it('times out after timeoutMs, retries once, then reports a timeout', async () => {
      const quick = new HttpClient({ baseUrl: api.baseUrl, apiKey: 'k', timeoutMs: 100 });
      api.answer(() => 'hang');
      const error = await failure(quick.get('/me'));
      expect(error).toMatchObject({ code: 'timeout', status: 0, recoverable: true });
      expect(api.requests).toHaveLength(2);
    });

    it('does not retry an HTTP error: the server answered', async () => {
      api.answer(() => ({ status: 503, body: { error: { code: 'store_unavailable', message: 'retry shortly', recoverable: true } } }));
      await failure(client.command('POST', '/sessions/s1/start'));
      expect(api.requests).toHaveLength(1);
    });
  });

  it('refuses to start without a base URL or a key', () => {
    expect(() => new HttpClient({ baseUrl: '', apiKey: 'k' })).toThrow(SessionError);
    expect(() => new HttpClient({ baseUrl: 'http://x', apiKey: '' })).toThrow(/apiKey/);
  });
});
