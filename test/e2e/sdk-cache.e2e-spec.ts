// The SDK's cache (configureCache), lazy loading and history pages against the real app on a
// real port: cached reads are revalidated with If-None-Match (304 → the cached body), a write is
// never hidden, the TTL runs on an injected clock, and loadSession({ lazyLoad }) reads metadata only.
import { SessionManager } from '@crystalyse/sdk';
import { startLiveApi, type LiveApi } from '../acceptance/live-api.js';

interface Seen { method: string; url: string; status: number; ifNoneMatch: string | null }

describe('SDK cache, lazy load and history pages', () => {
  let api: LiveApi;
  let seen: Seen[];
  let clock: number;
  const counting: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const headers = new Headers(init?.headers);
    seen.push({ method: init?.method ?? 'GET', url: String(input), status: response.status, ifNoneMatch: headers.get('if-none-match') });
    return response;
  };
  const manager = () => new SessionManager({ baseUrl: api.baseUrl, apiKey: api.ownerKey, fetch: counting, now: () => clock });
  const gets = (suffix: string) => seen.filter((s) => s.method === 'GET' && new URL(s.url).pathname.endsWith(suffix));

  beforeAll(async () => {
    api = await startLiveApi();
  });
  beforeEach(() => {
    seen = [];
    clock = 1_000_000;
  });
  afterAll(() => api.close());

  it('revalidates with If-None-Match: an unchanged read is a 304 served from the cache, a write is seen at once', async () => {
    const sessions = manager();
    const session = await sessions.createSession({ metadata: { project: 'cache' } });
    await session.start();
    await session.query('Analyse LiFePO4');
    session.configureCache({ enabled: true, cacheDiscoveries: true, cacheMaterials: true, ttlMinutes: 30 });

    const first = await session.getContext();
    const second = await session.getContext();
    expect(second).toEqual(first);
    const contextReads = gets('/context');
    expect(contextReads.map((r) => [r.status, r.ifNoneMatch !== null])).toEqual([[200, false], [304, true]]);
    expect(sessions.cacheStats()).toMatchObject({ hits: 1, misses: 1 });

    // What the caller does with an answer never changes the cache.
    (second as { focus?: unknown }).focus = 'tampered';
    expect((await session.getContext()).focus).toEqual(first.focus);

    // A write: the next read revalidates, gets 200 and the new revision, never the cached one.
    const written = await session.addContext('after_cache', 'value');
    const after = await session.getContext();
    expect(after.revision).toBe(written.revision);
    expect(after.items.map((i) => i.key)).toContain('after_cache');
    expect(gets('/context').at(-1)!.status).toBe(200);

    // Discoveries and statistics are cached too; a second read is a 304.
    const discoveries = await session.getDiscoveries();
    expect(await session.getDiscoveries()).toEqual(discoveries);
    expect(gets('/discoveries').map((r) => r.status)).toEqual([200, 304]);
  });

  it('cacheDiscoveries / cacheMaterials false leave those reads uncached; enabled false caches nothing', async () => {
    const sessions = manager();
    const session = await sessions.createSession();
    await session.start();
    await session.query('Analyse LiCoO2');
    session.configureCache({ cacheDiscoveries: false, cacheMaterials: false });
    await session.getDiscoveries();
    await session.getDiscoveries();
    await session.getTools();
    await session.getTools();
    await session.getStatistics();
    await session.getStatistics();
    expect(gets('/discoveries').map((r) => r.ifNoneMatch)).toEqual([null, null]);
    expect(gets('/tools').map((r) => r.ifNoneMatch)).toEqual([null, null]);
    expect(gets('/statistics').map((r) => r.status)).toEqual([200, 304]);

    session.configureCache({ enabled: false });
    await session.getStatistics();
    expect(gets('/statistics').at(-1)).toMatchObject({ status: 200, ifNoneMatch: null });
  });

  it('an entry older than ttlMinutes is dropped: the read after it is a full one', async () => {
    const sessions = manager();
    sessions.configureCache({ ttlMinutes: 1 });
    const session = await sessions.createSession();
    await session.listCheckpoints();
    clock += 59_000;
    await session.listCheckpoints();
    clock += 2_000; // 61 s since it was stored (a 304 does not extend an entry's life)
    await session.listCheckpoints();
    expect(gets('/checkpoints').map((r) => [r.status, r.ifNoneMatch !== null])).toEqual([[200, false], [304, true], [200, false]]);
  });

  it('loadSession({ lazyLoad: true }) reads the metadata only; getHistory({ lastN }) pages the turns; loadSession without it loads them all', async () => {
    const sessions = manager();
    const created = await sessions.createSession({ name: 'lazy' });
    await created.start();
    for (const formula of ['LiFePO4', 'LiCoO2', 'LiMn2O4']) await created.query(`Analyse ${formula}`);

    seen = [];
    const lazy = await sessions.loadSession(created.id, { lazyLoad: true });
    expect(seen.map((s) => new URL(s.url).pathname)).toEqual([`/v1/sessions/${created.id}`]);
    expect(lazy.history).toBeUndefined();
    expect(lazy.counts).toMatchObject({ queries: 3 });

    const lastTwo = await lazy.getHistory({ lastN: 2 });
    expect(lastTwo.total).toBe(3);
    expect(lastTwo.items.map((t) => t.question)).toEqual(['Analyse LiCoO2', 'Analyse LiMn2O4']);
    const older = await lazy.getHistory({ lastN: 2, before: lastTwo.nextBefore! });
    expect(older.items.map((t) => t.question)).toEqual(['Analyse LiFePO4']);
    expect(older.nextBefore).toBeNull();

    const full = await sessions.loadSession(created.id);
    expect(full.history!.map((t) => t.question)).toEqual(['Analyse LiFePO4', 'Analyse LiCoO2', 'Analyse LiMn2O4']);
  });
});
