import { MAX_JSON_DEPTH, nestedDeeperThan } from './json-body.js';

const text = (s: string) => Buffer.from(s, 'utf8');
const nested = (levels: number) => '[{"a":'.repeat(levels / 2) + '1' + '}]'.repeat(levels / 2);

describe('nestedDeeperThan', () => {
  it('counts arrays and objects alike, the outermost as level 1', () => {
    expect(nestedDeeperThan(text(nested(MAX_JSON_DEPTH)), MAX_JSON_DEPTH)).toBe(false);
    expect(nestedDeeperThan(text(`[${nested(MAX_JSON_DEPTH)}]`), MAX_JSON_DEPTH)).toBe(true);
    expect(nestedDeeperThan(text('1'), 0)).toBe(false);
    expect(nestedDeeperThan(text('{}'), 0)).toBe(true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    const tricky = JSON.stringify({ a: '[[[{{{', b: 'say \\"[[[\\" and "{{{"', c: 'é [ ü {' });
    expect(nestedDeeperThan(text(tricky), 1)).toBe(false);
    expect(nestedDeeperThan(text(`{"k":"\\\\","l":[[1]]}`), 2)).toBe(true);
  });

  it('counts siblings once: depth, not the number of containers', () => {
    const wide = JSON.stringify({ items: Array.from({ length: 10_000 }, (_, i) => ({ i, tags: [i] })) });
    expect(nestedDeeperThan(text(wide), 4)).toBe(false);
    expect(nestedDeeperThan(text(wide), 3)).toBe(true);
  });

  it('stops at the first level past the limit, without recursion', () => {
    expect(nestedDeeperThan(text('['.repeat(1_000_000)), MAX_JSON_DEPTH)).toBe(true);
  });
});
