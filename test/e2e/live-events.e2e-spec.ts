// Live events over SSE (issue 11) through a real socket: events of a session and its branches
// arrive as they are appended, each with its global position as `id:`; a client that comes back
// with Last-Event-ID (or ?after=) misses nothing and gets nothing twice; heartbeats keep a quiet
// stream open; a client that stops reading is dropped while writers and other clients carry on;
// whoever may not read a session gets the 404 an unknown session gets, and /v1/events/stream
// gives each user only the sessions they may read.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { configFromEnv, type AppConfig } from '../../apps/api/src/config/app-config.js';
import { createApp } from '../../apps/api/src/create-app.js';
import { OwnerBootstrap } from '../../apps/api/src/identity/owner-bootstrap.service.js';
import { LiveEventsController } from '../../apps/api/src/live/live-events.controller.js';
import { LiveEventHub } from '../../apps/api/src/live/live-event-hub.js';
import { openSse, type SseTestClient } from '../support/sse-client.js';

interface Api {
  app: NestFastifyApplication;
  baseUrl: string;
  ownerKey: string;
  call(method: string, path: string, body?: unknown, key?: string): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

async function startApi(live: Partial<AppConfig['liveEvents']>): Promise<Api> {
  const dataDir = mkdtempSync(join(tmpdir(), 'crystalyse-live-'));
  const base = configFromEnv({});
  const config: AppConfig = { ...base, dataDir, host: '127.0.0.1', port: 0, quiet: true, liveEvents: { ...base.liveEvents, ...live } };
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const ownerKey = (await app.get(OwnerBootstrap).ensureOwner(() => undefined))!;
  const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  return {
    app,
    baseUrl,
    ownerKey,
    async call(method, path, body, key = ownerKey) {
      const response = await fetch(baseUrl + path, {
        method,
        headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const data = (client: SseTestClient) => client.events.map((e) => JSON.parse(e.data) as { type: string; streamId: string; position: string; revision: number; sessionId: string; branchId: string | null });

describe('live events over SSE', () => {
  let api: Api;
  let ada: { id: string; apiKey: string };
  let bob: { id: string; apiKey: string };
  const open: SseTestClient[] = [];
  const sse = async (path: string, key: string | null, headers: Record<string, string> = {}) => {
    const client = await openSse(api.baseUrl + path, key, headers);
    open.push(client);
    return client;
  };

  beforeAll(async () => {
    api = await startApi({ heartbeatMs: 25 });
    ada = (await api.call('POST', '/v1/users', { name: 'Ada' })).body;
    bob = (await api.call('POST', '/v1/users', { name: 'Bob' })).body;
  });
  afterEach(() => {
    for (const client of open.splice(0)) client.close();
  });
  afterAll(() => api.close());

  it('sends each new event of the session and its branches as appended, with its global position as id, and nothing of other sessions', async () => {
    const id = (await api.call('POST', '/v1/sessions', { name: 'live' }, ada.apiKey)).body.id;
    const other = (await api.call('POST', '/v1/sessions', { name: 'other' }, ada.apiKey)).body.id;
    const client = await sse(`/v1/sessions/${id}/events/stream`, ada.apiKey);
    expect(client.status).toBe(200);
    expect(client.headers['content-type']).toMatch(/^text\/event-stream/);

    expect((await api.call('POST', `/v1/sessions/${id}/context`, { key: 'k', value: 'v' }, ada.apiKey)).status).toBe(201);
    await api.call('POST', `/v1/sessions/${other}/context`, { key: 'k', value: 'elsewhere' }, ada.apiKey);
    const branchId = (await api.call('POST', `/v1/sessions/${id}/branches`, { name: 'side' }, ada.apiKey)).body.branchId;
    await api.call('POST', `/v1/sessions/${id}/branches/${branchId}/context`, { key: 'b', value: 'on the branch' }, ada.apiKey);
    await client.until((c) => data(c).some((e) => e.streamId === `branch-${branchId}` && e.type === 'ContextItemAdded'), 'the branch\'s context item');

    const got = data(client);
    expect(got.every((e) => e.sessionId === id)).toBe(true);
    expect(got[0]).toMatchObject({ type: 'ContextItemAdded', streamId: `session-${id}`, branchId: null, data: { key: 'k', value: 'v' } });
    expect(got.some((e) => e.streamId === `branch-${branchId}` && e.type === 'BranchForked' && e.branchId === branchId)).toBe(true);
    // Each event as the history endpoint shows it, and its position as the SSE id.
    const history = (await api.call('GET', `/v1/sessions/${id}/events`, undefined, ada.apiKey)).body.items;
    const first = history.find((e: { type: string }) => e.type === 'ContextItemAdded');
    const { sessionId: _s, branchId: _b, ...asHistory } = got[0]!;
    expect(asHistory).toEqual(first);
    expect(client.events.map((e) => e.id)).toEqual(got.map((e) => e.position));
    const positions = got.map((e) => BigInt(e.position));
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));
  });

  it('resumes after Last-Event-ID (or ?after=) with exactly the events it missed', async () => {
    const id = (await api.call('POST', '/v1/sessions', { name: 'resumable' }, ada.apiKey)).body.id;
    const first = await sse(`/v1/sessions/${id}/events/stream`, ada.apiKey);
    for (let i = 0; i < 3; i++) await api.call('POST', `/v1/sessions/${id}/context`, { key: `k${i}`, value: i }, ada.apiKey);
    await first.until((c) => c.events.length === 3);
    const lastId = first.events[2]!.id;
    first.close();

    // Written while nobody listens, including on a branch.
    for (let i = 3; i < 6; i++) await api.call('POST', `/v1/sessions/${id}/context`, { key: `k${i}`, value: i }, ada.apiKey);
    const branchId = (await api.call('POST', `/v1/sessions/${id}/branches`, { name: 'while_away' }, ada.apiKey)).body.branchId;
    const history = (await api.call('GET', `/v1/sessions/${id}/events`, undefined, ada.apiKey)).body.items as Array<{ position: string }>;
    const branchEvents = (await api.call('GET', `/v1/sessions/${id}/branches/${branchId}/events`, undefined, ada.apiKey)).body.items as Array<{ position: string }>;
    const missed = [...history, ...branchEvents].map((e) => e.position).filter((p) => BigInt(p) > BigInt(lastId)).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    expect(missed.length).toBeGreaterThanOrEqual(5);

    const resumed = await sse(`/v1/sessions/${id}/events/stream`, ada.apiKey, { 'last-event-id': lastId });
    await resumed.until((c) => c.events.length >= missed.length);
    // Then live again, on the same connection.
    await api.call('POST', `/v1/sessions/${id}/context`, { key: 'k6', value: 6 }, ada.apiKey);
    await resumed.until((c) => c.events.length === missed.length + 1);
    expect(resumed.events.slice(0, missed.length).map((e) => e.id)).toEqual(missed);
    expect(new Set(resumed.events.map((e) => e.id)).size).toBe(resumed.events.length);

    const byQuery = await sse(`/v1/sessions/${id}/events/stream?after=${lastId}`, ada.apiKey);
    await byQuery.until((c) => c.events.length === missed.length + 1);
    expect(byQuery.events.map((e) => e.id)).toEqual(resumed.events.map((e) => e.id));
  });

  it('sends heartbeat comments on a quiet stream', async () => {
    const id = (await api.call('POST', '/v1/sessions', { name: 'quiet' }, ada.apiKey)).body.id;
    const client = await sse(`/v1/sessions/${id}/events/stream`, ada.apiKey);
    await client.until((c) => c.heartbeats >= 2, 'two heartbeats');
    expect(client.events).toEqual([]);
  });

  it('answers a stranger, an unknown session, no key and a bad Last-Event-ID before streaming', async () => {
    const id = (await api.call('POST', '/v1/sessions', { name: 'private' }, ada.apiKey)).body.id;
    const stranger = await sse(`/v1/sessions/${id}/events/stream`, bob.apiKey);
    await stranger.closed;
    expect(stranger.status).toBe(404);
    expect(JSON.parse(stranger.text)).toEqual({ error: { code: 'session_not_found', message: `session ${id} not found` } });
    // A stranger's bad Last-Event-ID is still a 404: authorisation comes first.
    const strangerBadId = await sse(`/v1/sessions/${id}/events/stream`, bob.apiKey, { 'last-event-id': 'x' });
    await strangerBadId.closed;
    expect(strangerBadId.status).toBe(404);

    const unknown = await sse('/v1/sessions/00000000-0000-4000-8000-00000000dead/events/stream', ada.apiKey);
    await unknown.closed;
    expect(unknown.status).toBe(404);
    const anonymous = await sse(`/v1/sessions/${id}/events/stream`, null);
    await anonymous.closed;
    expect(anonymous.status).toBe(401);
    const badId = await sse(`/v1/sessions/${id}/events/stream`, ada.apiKey, { 'last-event-id': 'yesterday' });
    await badId.closed;
    expect(badId.status).toBe(400);
    expect(JSON.parse(badId.text).error).toMatchObject({ field: 'Last-Event-ID' });
    const badAfter = await sse('/v1/events/stream?after=-3', ada.apiKey);
    await badAfter.closed;
    expect(JSON.parse(badAfter.text).error).toMatchObject({ field: 'after' });
  });

  it('gives /v1/events/stream every event of every session the caller may read, and only those', async () => {
    const bobs = await sse('/v1/events/stream', bob.apiKey);
    const adas = await sse('/v1/events/stream', ada.apiKey);
    const adaSession = (await api.call('POST', '/v1/sessions', { name: 'ada all' }, ada.apiKey)).body.id;
    const bobSession = (await api.call('POST', '/v1/sessions', { name: 'bob all' }, bob.apiKey)).body.id;
    await api.call('POST', `/v1/sessions/${adaSession}/context`, { key: 'a', value: 1 }, ada.apiKey);
    const adaBranch = (await api.call('POST', `/v1/sessions/${adaSession}/branches`, { name: 'b' }, ada.apiKey)).body.branchId;
    await api.call('POST', `/v1/sessions/${bobSession}/context`, { key: 'b', value: 2 }, bob.apiKey);
    await adas.until((c) => data(c).some((e) => e.branchId === adaBranch));
    await bobs.until((c) => data(c).some((e) => e.type === 'ContextItemAdded'));
    // A last event of Ada's after Bob's: once Bob's feed has it, it has had every chance to leak.
    await api.call('POST', `/v1/sessions/${adaSession}/context`, { key: 'z', value: 3 }, ada.apiKey);
    await api.call('POST', `/v1/sessions/${bobSession}/context`, { key: 'z', value: 4 }, bob.apiKey);
    await bobs.until((c) => data(c).filter((e) => e.type === 'ContextItemAdded').length === 2);
    await adas.until((c) => data(c).filter((e) => e.type === 'ContextItemAdded').length === 2);

    expect(new Set(data(bobs).map((e) => e.sessionId))).toEqual(new Set([bobSession]));
    expect(data(bobs)[0]).toMatchObject({ type: 'SessionCreated', sessionId: bobSession });
    expect(new Set(data(adas).map((e) => e.sessionId))).toEqual(new Set([adaSession]));
    // One subscription to the store serves every client.
    expect(api.app.get(LiveEventHub).listenerCount).toBe(2);
  });
});

describe('a slow SSE client', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi({ maxQueuedEvents: 8, heartbeatMs: 60_000 });
  });
  afterAll(() => api.close());

  it('is dropped when its queue fills, while writers and other clients carry on; it resumes and misses nothing', async () => {
    const id = (await api.call('POST', '/v1/sessions', { name: 'busy' })).body.id;
    const slow = await openSse(`${api.baseUrl}/v1/sessions/${id}/events/stream`, api.ownerKey, {}, { paused: true });
    const fast = await openSse(`${api.baseUrl}/v1/sessions/${id}/events/stream`, api.ownerKey);
    const ended = api.app.get(LiveEventsController).ended;
    // Tool outputs stay in their event only, so they may be large: few writes fill the socket's
    // buffers (a few MB) before the server sees the client lag. Write until then.
    const big = 'x'.repeat(190_000);
    let writes = 0;
    while (ended['dropped-slow'] === 0 && writes < 500) {
      const response = await api.call('POST', `/v1/sessions/${id}/tools/invocations`, { tool: 'probe', input: { i: writes }, output: big, durationMs: 1 });
      expect(response.status).toBe(201);
      writes += 1;
      await fast.until((c) => c.events.length === writes, 'the fast client to keep up');
    }
    expect(ended['dropped-slow']).toBe(1);
    // Writers went on after the drop, and the fast client has every event.
    for (let i = 0; i < 5; i++) expect((await api.call('POST', `/v1/sessions/${id}/context`, { key: 'after', value: i })).status).toBe(201);
    writes += 5;
    await fast.until((c) => c.events.length === writes, 'every event on the fast client');

    // The slow client's connection was closed: what it had received ends before the last events.
    slow.response.resume();
    await slow.closed;
    expect(slow.events.length).toBeLessThan(writes);
    const lastSeen = slow.events[slow.events.length - 1]!.id;
    const resumed = await openSse(`${api.baseUrl}/v1/sessions/${id}/events/stream`, api.ownerKey, { 'last-event-id': lastSeen });
    await resumed.until((c) => c.events.length === writes - slow.events.length, 'the rest of the events');
    expect([...slow.events, ...resumed.events].map((e) => e.id)).toEqual(fast.events.map((e) => e.id));
    fast.close();
    resumed.close();
  }, 120_000);
});
