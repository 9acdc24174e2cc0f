// Hardening through HTTP: rate limits per API key (429 with Retry-After), security headers,
// CORS off unless configured, clear 413/400 on oversized input, and no keys, passphrases, stack
// traces or other users' ids in error bodies or logs.
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('rate limiting', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ rateLimitPerMinute: 5 });
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After past the limit, per API key, and per IP without a key', async () => {
    const other = (await t.request('POST', '/v1/users', { body: { name: 'Other' } })).body.apiKey as string;
    for (let i = 2; i <= 5; i++) expect((await t.request('GET', '/v1/sessions')).status).toBe(200);
    const limited = await t.request('GET', '/v1/sessions');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['x-ratelimit-limit']).toBe('5');
    expect(limited.body).toEqual({ error: { code: 'too_many_requests', message: expect.stringMatching(/rate limit of 5 requests per minute/), recoverable: true } });
    // Another key has its own bucket; nothing is appended by a refused request.
    expect((await t.request('GET', '/v1/sessions', { key: other })).status).toBe(200);
    expect((await t.request('POST', '/v1/sessions', { body: { name: 'refused' } })).status).toBe(429);
    // Without a key the bucket is the client's IP.
    for (let i = 1; i <= 5; i++) expect((await t.request('GET', '/docs-json', { key: null })).status).toBe(200);
    expect((await t.request('GET', '/docs-json', { key: null })).status).toBe(429);
    // Health checks are never throttled.
    expect((await t.request('GET', '/health', { key: null })).status).toBe(200);
    expect((await t.request('GET', '/v1/sessions', { key: other })).body.items).toEqual([]);
  });
});

describe('headers and CORS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('sends helmet\'s security headers on API answers, errors and the docs', async () => {
    for (const [url, key] of [['/v1/sessions', undefined], ['/v1/nothing', undefined], ['/v1/sessions', null], ['/docs', null]] as const) {
      const response = await t.request('GET', url, { key });
      expect(response.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'strict-transport-security': expect.stringContaining('max-age='),
        'referrer-policy': 'no-referrer',
        'content-security-policy': expect.stringContaining("frame-ancestors 'none'"),
      });
      expect(response.headers).not.toHaveProperty('x-powered-by');
      expect(response.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    }
  });

  it('answers no cross-origin request by default: no CORS header, a preflight gets none either', async () => {
    const simple = await t.request('GET', '/v1/sessions', { headers: { origin: 'https://evil.example.com' } });
    expect(simple.headers).not.toHaveProperty('access-control-allow-origin');
    const preflight = await t.request('OPTIONS', '/v1/sessions', { key: null, headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'POST' } });
    expect(preflight.headers).not.toHaveProperty('access-control-allow-origin');
    expect(preflight.headers).not.toHaveProperty('access-control-allow-methods');
  });

  it('allows exactly the configured origins when CRYSTALYSE_CORS_ORIGINS is set', async () => {
    const { configFromEnv } = await import('../../apps/api/src/config/app-config.js');
    const config = configFromEnv({ CRYSTALYSE_CORS_ORIGINS: 'https://lab.example.org, http://localhost:5173' });
    expect(config.corsOrigins).toEqual(['https://lab.example.org', 'http://localhost:5173']);
    expect(() => configFromEnv({ CRYSTALYSE_CORS_ORIGINS: '*' })).toThrow(/not an origin/);
    const c = await startTestApp({ corsOrigins: config.corsOrigins });
    try {
      const allowed = await c.request('OPTIONS', '/v1/sessions', { key: null, headers: { origin: 'https://lab.example.org', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,idempotency-key' } });
      expect(allowed.status).toBe(204);
      expect(allowed.headers['access-control-allow-origin']).toBe('https://lab.example.org');
      expect(String(allowed.headers['access-control-allow-headers'])).toContain('idempotency-key');
      const read = await c.request('GET', '/v1/sessions', { headers: { origin: 'https://lab.example.org' } });
      expect(read.headers['access-control-allow-origin']).toBe('https://lab.example.org');
      expect(String(read.headers['access-control-expose-headers'])).toContain('etag');
      const other = await c.request('GET', '/v1/sessions', { headers: { origin: 'https://evil.example.com' } });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await c.close();
    }
  });

  it('reads the rate limit from CRYSTALYSE_RATE_LIMIT_PER_MINUTE (default 1,000; 0 is off)', async () => {
    const { configFromEnv } = await import('../../apps/api/src/config/app-config.js');
    expect(configFromEnv({}).rateLimitPerMinute).toBe(1000);
    expect(configFromEnv({ CRYSTALYSE_RATE_LIMIT_PER_MINUTE: '0' }).rateLimitPerMinute).toBe(0);
    expect(() => configFromEnv({ CRYSTALYSE_RATE_LIMIT_PER_MINUTE: 'lots' })).toThrow(/CRYSTALYSE_RATE_LIMIT_PER_MINUTE/);
  });
});

describe('limits and what errors and logs never show', () => {
  let t: TestApp;
  const logged: string[] = [];
  const originals = { out: process.stdout.write, err: process.stderr.write };

  beforeAll(async () => {
    t = await startTestApp({ quiet: false, signingScryptLog2N: 12, bodyLimitBytes: 64 * 1024 });
    const capture = (original: typeof process.stdout.write) =>
      function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
        logged.push(String(chunk));
        return (original as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
      } as typeof process.stdout.write;
    process.stdout.write = capture(originals.out);
    process.stderr.write = capture(originals.err);
  });
  afterAll(async () => {
    process.stdout.write = originals.out;
    process.stderr.write = originals.err;
    await t.close();
  });

  it('answers 413 past the body limit and 400 past text and list limits, naming the field', async () => {
    const big = await t.request('POST', '/v1/sessions', { body: { name: 'x', metadata: { blob: 'x'.repeat(70 * 1024) } } });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('payload_too_large');
    const id = (await t.request('POST', '/v1/sessions', { body: { name: 'limits' } })).body.id;
    const longName = await t.request('POST', '/v1/sessions', { body: { name: 'x'.repeat(201) } });
    expect(longName.status).toBe(400);
    expect(longName.body.error.message).toMatch(/name/);
    const manyTags = await t.request('POST', `/v1/sessions/${id}/discoveries`, { body: { type: 'stability_insight', description: 'd', materials: Array.from({ length: 101 }, (_, i) => `M${i}`), confidence: 0.5 } });
    expect(manyTags.status).toBe(400);
    const page = await t.request('GET', `/v1/sessions/${id}/events?limit=100000`);
    expect(page.status).toBe(400);
    expect(page.body.error.message).toMatch(/limit/);
  });

  it('never puts an API key, a passphrase, a stack trace or another user\'s id in an error body or a log line', async () => {
    const secret = 'my very secret signing passphrase';
    const alice = (await t.request('POST', '/v1/users', { body: { name: 'Alice' } })).body;
    const bob = (await t.request('POST', '/v1/users', { body: { name: 'Bob' } })).body;
    await t.request('PUT', '/v1/me/signing-passphrase', { key: alice.apiKey, body: { passphrase: secret } });
    const aliceSession = (await t.request('POST', '/v1/sessions', { key: alice.apiKey, body: { name: 'alice only' } })).body.id;
    await t.request('POST', `/v1/sessions/${aliceSession}/checkpoints`, { key: alice.apiKey, body: { name: 'cp' } });
    const revoked = (await t.request('POST', `/v1/users/${bob.id}/keys`, { key: bob.apiKey, body: {} })).body;
    await t.request('DELETE', `/v1/users/${bob.id}/keys/${revoked.keyId}`, { key: bob.apiKey });
    const forged = `${alice.apiKey.slice(0, -4)}AAAA`;

    const errors = [
      await t.request('GET', '/v1/sessions', { key: forged }),
      await t.request('GET', '/v1/sessions', { key: revoked.apiKey }),
      await t.request('GET', '/v1/sessions', { key: 'not-a-key' }),
      await t.request('GET', `/v1/sessions/${aliceSession}`, { key: bob.apiKey }),
      await t.request('POST', `/v1/sessions/${aliceSession}/signatures`, { key: bob.apiKey, body: { target: { checkpoint: 'cp' }, meaning: 'approved', passphrase: secret } }),
      await t.request('POST', `/v1/sessions/${aliceSession}/signatures`, { key: alice.apiKey, body: { target: { checkpoint: 'cp' }, meaning: 'approved', passphrase: `${secret}!` } }),
      await t.request('POST', `/v1/sessions/${aliceSession}/signatures`, { key: alice.apiKey, body: { target: { checkpoint: 'cp' }, meaning: 'nope', passphrase: secret } }),
      await t.request('PUT', '/v1/me/signing-passphrase', { key: alice.apiKey, body: { passphrase: 'changed passphrase', currentPassphrase: `${secret}?` } }),
      await t.request('POST', `/v1/users/${alice.id}/keys`, { key: bob.apiKey, body: {} }),
      await t.request('DELETE', `/v1/users/${alice.id}/keys/${alice.keyId}`, { key: bob.apiKey }),
      await t.request('POST', '/v1/sessions', { key: alice.apiKey, raw: '{"name": "broken', headers: { 'content-type': 'application/json' } }),
      await t.request('GET', `/v1/sessions/${aliceSession}/audit`, { key: bob.apiKey }),
    ];
    for (const response of errors) expect(response.status).toBeGreaterThanOrEqual(400);
    const text = [...errors.map((r) => JSON.stringify(r.body)), ...logged].join('\n');
    for (const leaked of [alice.apiKey, bob.apiKey, revoked.apiKey, forged, secret, 'changed passphrase']) expect(text).not.toContain(leaked);
    // Bob learns nothing of Alice: not her id (the owner of the session he asked for), nor that it exists.
    for (const r of errors.slice(3, 5)) expect(JSON.stringify(r.body)).not.toContain(alice.id);
    expect(errors[3]!.status).toBe(404);
    expect(text).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
    for (const r of errors) expect(Object.keys(r.body.error).sort()).toEqual(expect.arrayContaining(['code', 'message']));
    expect(JSON.stringify(errors.map((r) => r.body))).not.toMatch(/stack/i);
  });
});
