// Issue 9: the permission matrix, generated. Every route the application registers is read from
// Nest's metadata with the operation it names (@Requires / @LinkOperation); the expected answer
// of each caller comes from the domain's permission table (OPERATIONS), never from a list kept
// here. Callers: the owner, a member holding each permission alone (with the read every member
// has), a non-member, a read link, a comment link, an expired link, a revoked link, no key, a
// revoked key. On every refusal nothing is appended to any session or branch (the access log of
// share links, a stream of its own, records refused uses of real links by design).
import { ModulesContainer } from '@nestjs/core';
import { OPERATIONS, PERMISSIONS, type Operation, type Permission } from '@crystalyse/domain';
import type { EventStore } from '@crystalyse/event-store';
import { LINK_OPERATION, REQUIRES, type Requirement } from '../../apps/api/src/access/requires.js';
import { ACCESS_LOG_STREAM_PREFIX } from '../../apps/api/src/access/share-links.service.js';
import { Clock } from '../../apps/api/src/infrastructure/clock.js';
import { EVENT_STORE } from '../../apps/api/src/infrastructure/tokens.js';
import { startTestApp, type TestApp, type TestResponse } from '../support/test-app.js';

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;

interface Route {
  method: string;
  /** e.g. /v1/sessions/:id/branches/:branchId/context */
  path: string;
  requires?: Requirement;
  linkOperation?: Operation;
}

function registeredRoutes(t: TestApp): Route[] {
  const routes: Route[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      const prefixes = ([] as string[]).concat(Reflect.getMetadata('path', controller) ?? '');
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        if (name === 'constructor') continue;
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function') continue;
        const sub = Reflect.getMetadata('path', handler) as string | string[] | undefined;
        if (sub === undefined) continue;
        const method = METHODS[Reflect.getMetadata('method', handler) as number];
        if (!method) continue;
        for (const prefix of prefixes) {
          for (const s of ([] as string[]).concat(sub)) {
            const path = `/v1/${[prefix, s].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/').replace(/\/$/, '');
            routes.push({ method, path, requires: Reflect.getMetadata(REQUIRES, handler), linkOperation: Reflect.getMetadata(LINK_OPERATION, handler) });
          }
        }
      }
    }
  }
  return routes;
}

/** A body each route would accept (or refuse with 400: either way past authorisation). */
const BODIES: Record<string, unknown> = {
  'PATCH /v1/sessions/:id': { name: 'probe' },
  'POST context': { key: 'probe', value: 1 },
  'PUT context/config': { maxHistory: 10 },
  'PUT focus': { focus: 'probe' },
  'POST hypotheses': { statement: 'probe' },
  'POST tasks': { title: 'probe' },
  'POST checkpoints': { name: 'probe' },
  'POST queries': { text: 'Analyse LiFePO4' },
  'POST discoveries': { type: 'stability_insight', description: 'probe', materials: ['LiFePO4'], confidence: 0.9 },
  'PUT config': { minConfidence: 0.5 },
  'POST links': { discoveryIds: ['d1', 'd2'], relationship: 'supports' },
  'POST tags': { tags: ['probe'] },
  'POST invocations': { tool: 'probe', input: {}, output: {}, durationMs: 1 },
  'POST cleanup-context': { days: 7 },
  'POST branches': { name: 'probe' },
  'POST merge': { strategy: 'theirs' },
  'PUT :userId': { permissions: ['read'] },
  'POST comments': { on: { turnId: 'q-none' }, text: 'probe' },
  'POST share-links': { permissions: 'read', expiresInDays: 7 },
  'POST templates': { name: 'probe_template', parameters: {} },
};
const bodyFor = (route: Route) => {
  const last = route.path.split('/').at(-1)!;
  return BODIES[`${route.method} ${route.path}`] ?? BODIES[`${route.method} ${last}`] ?? {};
};

type Caller =
  | { kind: 'owner' | 'stranger' | 'no key' | 'revoked key'; key: string | null }
  | { kind: 'member'; permission: Permission; key: string }
  | { kind: 'link'; name: 'read link' | 'comment link' | 'expired link' | 'revoked link'; token: string };

const callerName = (c: Caller) => (c.kind === 'member' ? `member with ${c.permission}` : c.kind === 'link' ? c.name : c.kind);

/** What the table says a caller gets for a route that needs `permission`. */
function expected(caller: Caller, permission: Permission, viaLink: boolean): 'allow' | number {
  if (viaLink) {
    if (caller.kind !== 'link') return 404;
    if (caller.name === 'expired link' || caller.name === 'revoked link') return 410;
    const held: Permission[] = caller.name === 'comment link' ? ['read', 'comment'] : ['read'];
    return held.includes(permission) ? 'allow' : 403;
  }
  switch (caller.kind) {
    case 'owner':
      return 'allow';
    case 'member':
      return permission === 'read' || permission === caller.permission ? 'allow' : 403;
    case 'stranger':
      return 404;
    default:
      // No key, a revoked key, a share link's token used as a key.
      return 401;
  }
}

describe('the permission matrix (issue 9)', () => {
  let t: TestApp;
  let store: EventStore;
  let routes: Route[];
  const callers: Caller[] = [];
  const params: Record<string, string> = {};

  const request = (method: string, url: string, key: string | null, body?: unknown): Promise<TestResponse> =>
    t.request(method, url, { key, body: method === 'GET' || method === 'DELETE' ? (body && Object.keys(body).length ? body : undefined) : body });

  beforeAll(async () => {
    t = await startTestApp();
    store = t.app.get<EventStore>(EVENT_STORE);
    const user = async (name: string) => (await t.request('POST', '/v1/users', { body: { name } })).body as { id: string; apiKey: string; keyId: string };
    const ada = await user('Ada');
    const as = (method: string, url: string, body?: unknown) => t.request(method, url, { key: ada.apiKey, body });
    const session = (await as('POST', '/v1/sessions', { name: 'matrix' })).body.id as string;
    await as('POST', `/v1/sessions/${session}/start`);
    await as('POST', `/v1/sessions/${session}/queries`, { text: 'Analyse LiFePO4' });
    const discoveryId = (await as('POST', `/v1/sessions/${session}/discoveries`, { type: 'stability_insight', description: 'd', materials: [], confidence: 0.5 })).body.discoveryId;
    const taskId = (await as('POST', `/v1/sessions/${session}/tasks`, { title: 't' })).body.taskId ?? 't1';
    await as('POST', `/v1/sessions/${session}/checkpoints`, { name: 'cp1' });
    const branchId = (await as('POST', `/v1/sessions/${session}/branches`, { name: 'b1' })).body.branchId;
    const target = await user('Target');
    await as('PUT', `/v1/sessions/${session}/members/${target.id}`, { permissions: ['read'] });
    const victimLink = (await as('POST', `/v1/sessions/${session}/share-links`, { permissions: 'read', expiresInDays: 7 })).body.linkId;
    Object.assign(params, { id: session, branchId, name: 'cp1', discoveryId, taskId, userId: target.id, linkId: victimLink });

    callers.push({ kind: 'owner', key: ada.apiKey });
    for (const permission of PERMISSIONS) {
      const member = await user(`Member ${permission}`);
      await as('PUT', `/v1/sessions/${session}/members/${member.id}`, { permissions: [permission] });
      callers.push({ kind: 'member', permission, key: member.apiKey });
    }
    callers.push({ kind: 'stranger', key: (await user('Stranger')).apiKey });
    const link = async (permissions: string, expiresInDays: number) => (await as('POST', `/v1/sessions/${session}/share-links`, { permissions, expiresInDays })).body;
    const expired = await link('read', 1);
    const revoked = await link('comment', 7);
    await as('DELETE', `/v1/sessions/${session}/share-links/${revoked.linkId}`, { reason: 'matrix' });
    callers.push({ kind: 'link', name: 'read link', token: (await link('read', 7)).token });
    callers.push({ kind: 'link', name: 'comment link', token: (await link('comment', 7)).token });
    callers.push({ kind: 'link', name: 'expired link', token: expired.token });
    callers.push({ kind: 'link', name: 'revoked link', token: revoked.token });
    callers.push({ kind: 'no key', key: null });
    const gone = await user('Gone');
    await t.request('DELETE', `/v1/users/${gone.id}/keys/${gone.keyId}`, { body: { reason: 'matrix' } });
    callers.push({ kind: 'revoked key', key: gone.apiKey });

    // Two days on: the one-day link has expired, the others have not.
    const clock = t.app.get(Clock);
    const realNow = clock.now.bind(clock);
    clock.now = () => new Date(Date.parse(realNow()) + 2 * 86_400_000).toISOString();
    routes = registeredRoutes(t);
  });
  afterAll(() => t.close());

  it('finds the routes, and every route of a session names its operation in the table', () => {
    expect(routes.length).toBeGreaterThan(60);
    const unnamed = routes.filter((r) => r.path.startsWith('/v1/sessions/:id') && !r.requires).map((r) => `${r.method} ${r.path}`);
    expect(unnamed).toEqual([]);
    for (const r of routes) if (r.requires) expect(Object.keys(OPERATIONS)).toContain(r.requires.operation);
    expect(routes.filter((r) => r.linkOperation).map((r) => `${r.method} ${r.path}`).sort()).toEqual(['GET /v1/shared/:token', 'GET /v1/shared/:token/history', 'POST /v1/shared/:token/comments']);
  });

  it('answers every route × caller as the table says, and appends nothing on a refusal', async () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const route of routes) {
      const operation = route.requires?.operation ?? route.linkOperation;
      if (!operation) continue;
      const permission = OPERATIONS[operation].permission;
      for (const caller of callers) {
        const viaLink = route.linkOperation !== undefined;
        let url = route.path.replace(/:([A-Za-z]+)/g, (_m, name: string) => (name === 'token' ? '' : params[name] ?? 'x'));
        let body = bodyFor(route);
        if (route.requires?.sessionFrom) body = { ...(body as object), [route.requires.sessionFrom.body]: params.id };
        let key: string | null;
        if (viaLink) {
          if (caller.kind !== 'link') continue; // a key means nothing on a link's route
          url = route.path.replace(':token', caller.token);
          if (route.method === 'POST') body = { on: { discoveryId: params.discoveryId }, text: 'via link' };
          key = null;
        } else {
          key = caller.kind === 'link' ? caller.token : caller.key;
        }
        const want = expected(caller, permission, viaLink);
        const before = await store.headPosition();
        const response = await request(route.method, url, key, body);
        checked++;
        const denied = response.status === 401 || response.status === 403 || response.status === 410 || (response.status === 404 && /session_not_found/.test(JSON.stringify(response.body)));
        const what = `${route.method} ${route.path} as ${callerName(caller)} (${operation}: ${permission})`;
        if (want === 'allow') {
          if (denied) mismatches.push(`${what}: expected allowed, got ${response.status} ${JSON.stringify(response.body)}`);
          continue;
        }
        if (response.status !== want) mismatches.push(`${what}: expected ${want}, got ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`);
        const appended = (await store.readAll({ fromPosition: before + 1n })).filter((e) => !e.streamId.startsWith(ACCESS_LOG_STREAM_PREFIX));
        if (appended.length > 0) mismatches.push(`${what}: refused but appended ${appended.map((e) => e.type).join(', ')}`);
      }
    }
    if (process.env.MATRIX_DEBUG) console.log(checked, routes.length, routes.map((r) => `${r.method} ${r.path} ${r.requires?.operation ?? r.linkOperation ?? '-'}`).join('\n'));
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(500);
  });
});
