// Issue 15, defect 11: deeply nested JSON is refused with 400 naming the limit, before any
// validator or the domain walks it; on every route, the import included.
import { startTestApp, type TestApp } from '../support/test-app.js';

const DEPTH_ERROR = { error: { code: 'validation_failed', field: 'body', message: 'JSON nested deeper than 64 levels' } };
const objects = (levels: number, inner = '1') => '{"a":'.repeat(levels) + inner + '}'.repeat(levels);
const arrays = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

describe('JSON nesting depth (issue 15, defect 11)', () => {
  let t: TestApp;
  let sessionId: string;
  const raw = (method: string, url: string, text: string) => t.request(method, url, { raw: text, headers: { 'content-type': 'application/json' } });

  beforeAll(async () => {
    t = await startTestApp();
    sessionId = (await t.request('POST', '/v1/sessions', { body: { name: 'deep' } })).body.id;
  });
  afterAll(() => t.close());

  it('answers 400 naming the limit for 5,000 levels in any validated body, and appends nothing', async () => {
    const before = (await t.request('GET', `/v1/sessions/${sessionId}/events`)).body.items.length;
    const bodies: Array<[string, string, string]> = [
      ['POST', '/v1/sessions', `{"name":"x","metadata":${objects(5000)}}`],
      ['POST', '/v1/sessions', arrays(5000)],
      ['PATCH', `/v1/sessions/${sessionId}`, `{"metadata":${objects(5000)}}`],
      ['POST', `/v1/sessions/${sessionId}/context`, `{"key":"k","value":${arrays(5000)}}`],
      ['POST', `/v1/sessions/${sessionId}/tools/invocations`, `{"tool":"t","input":${objects(5000)},"output":null,"durationMs":1}`],
      ['POST', `/v1/sessions/${sessionId}/discoveries`, `{"type":"stability_insight","description":"d","materials":[],"confidence":0.5,"evidence":${objects(5000)}}`],
      ['POST', '/v1/templates', `{"name":"deep","fromSession":"${sessionId}","parameters":${objects(5000, '"x"')}}`],
      ['POST', '/v1/users', `{"name":"x","extra":${objects(5000)}}`],
    ];
    for (const [method, url, text] of bodies) {
      const response = await raw(method, url, text);
      expect({ url, status: response.status, body: response.body }).toEqual({ url, status: 400, body: DEPTH_ERROR });
    }
    expect((await t.request('GET', `/v1/sessions/${sessionId}/events`)).body.items).toHaveLength(before);
  });

  it('counts levels exactly: 64 reach the validators, 65 do not', async () => {
    // The body is level 1 and metadata level 2: 62 more objects inside make 64 levels.
    const at64 = await raw('POST', '/v1/sessions', `{"name":"x","metadata":${objects(63)}}`);
    expect(at64.status).toBe(400);
    expect(at64.body.error).toMatchObject({ code: 'validation_failed', field: 'metadata' });
    const at65 = await raw('POST', '/v1/sessions', `{"name":"x","metadata":${objects(64)}}`);
    expect(at65.body).toEqual(DEPTH_ERROR);
    expect((await raw('POST', '/v1/sessions', arrays(64))).body).not.toEqual(DEPTH_ERROR);
    expect((await raw('POST', '/v1/sessions', arrays(65))).body).toEqual(DEPTH_ERROR);
  });

  it('applies the same limit to an import: 10,000 and 3,000 levels inside a real backup are refused', async () => {
    const backup = (await t.request('GET', `/v1/sessions/${sessionId}/export?includeEvents=true`)).body;
    expect((await t.request('POST', '/v1/sessions/import', { body: backup })).status).toBe(201);
    backup.events[0].data.metadata = { nested: '__DEEP__' };
    const text = JSON.stringify(backup);
    for (const levels of [10_000, 3_000]) {
      const response = await raw('POST', '/v1/sessions/import', text.replace('"__DEEP__"', objects(levels)));
      expect({ levels, status: response.status, body: response.body }).toEqual({ levels, status: 400, body: DEPTH_ERROR });
    }
  });

  it('still answers malformed JSON with 400 and keeps __proto__ out', async () => {
    const malformed = await raw('POST', '/v1/sessions', '{"name":');
    expect(malformed.status).toBe(400);
    const proto = await raw('POST', '/v1/sessions', '{"name":"x","__proto__":{"admin":true}}');
    expect(proto.status).toBe(400);
  });
});
