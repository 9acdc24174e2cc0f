import { StateCache } from './state-cache.js';

describe('StateCache', () => {
  it('drops the least recently used stream beyond its size', () => {
    const cache = new StateCache<number>(2);
    cache.set('a', { revision: 1n, state: 1 });
    cache.set('b', { revision: 1n, state: 2 });
    cache.get('a');
    cache.set('c', { revision: 1n, state: 3 });
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.state).toBe(1);
    expect(cache.get('c')?.state).toBe(3);
  });

  it('never goes back to an older revision of a stream', () => {
    const cache = new StateCache<string>();
    cache.set('s', { revision: 5n, state: 'newer' });
    cache.set('s', { revision: 3n, state: 'older' });
    expect(cache.get('s')).toEqual({ revision: 5n, state: 'newer' });
    expect(cache.stats()).toMatchObject({ entries: 1, hits: 1 });
  });
});
