import { ResponseCache } from './response-cache.js';

const root = 'http://127.0.0.1:3000/v1';

describe('ResponseCache rules', () => {
  it('caches nothing until configured; a session\'s own rule wins over the manager\'s', () => {
    const cache = new ResponseCache();
    expect(cache.ruleFor(`${root}/sessions/s1/context`)).toBeUndefined();
    cache.configure({ ttlMinutes: 5 });
    expect(cache.ruleFor(`${root}/sessions/s1/context`)).toMatchObject({ enabled: true, ttlMinutes: 5 });
    cache.configure({ enabled: false }, 's1');
    expect(cache.ruleFor(`${root}/sessions/s1/context`)).toBeUndefined();
    expect(cache.ruleFor(`${root}/sessions/s2/context`)).toMatchObject({ enabled: true });
    expect(cache.ruleFor(`${root}/sessions?limit=10`)).toMatchObject({ enabled: true });
    expect(cache.ruleFor(`${root}/sessions/search?q=x`)).toMatchObject({ enabled: true });
  });

  it('discoveries and materials (tools) follow their switches; exports are never cached', () => {
    const cache = new ResponseCache();
    cache.configure({ cacheDiscoveries: false, cacheMaterials: false });
    expect(cache.ruleFor(`${root}/sessions/s1/discoveries`)).toBeUndefined();
    expect(cache.ruleFor(`${root}/sessions/s1/branches/b1/discoveries`)).toBeUndefined();
    expect(cache.ruleFor(`${root}/sessions/s1/tools`)).toBeUndefined();
    expect(cache.ruleFor(`${root}/sessions/s1/materials`)).toBeUndefined();
    expect(cache.ruleFor(`${root}/sessions/s1/statistics`)).toBeDefined();
    expect(cache.ruleFor(`${root}/sessions/s1/export?includeEvents=true`)).toBeUndefined();
  });

  it('refuses a TTL that is not a positive number; dropping a rule drops its entries', () => {
    const cache = new ResponseCache();
    expect(() => cache.configure({ ttlMinutes: 0 })).toThrow('ttlMinutes must be a positive number');
    const rule = cache.configure({});
    cache.store(`${root}/sessions/s1/context`, '"1-x"', '{"a":1}', rule);
    expect(cache.stats()).toEqual({ hits: 0, misses: 1, entries: 1 });
    const entry = cache.lookup(`${root}/sessions/s1/context`)!;
    expect(cache.served(`${root}/sessions/s1/context`, entry)).toEqual({ a: 1 });
    cache.configure({ enabled: false }, 's1');
    expect(cache.stats()).toEqual({ hits: 1, misses: 1, entries: 0 });
  });
});
