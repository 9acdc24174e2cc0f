// A text read back is written in the form it was read in; any other text is packed as usual, and
// what is kept stays within its budget.
import { packJson, unpackJson } from '@crystalyse/event-store';
import { RecentPacks } from './recent-packs.js';

const text = (n: number) => JSON.stringify({ note: `observation ${n} `.repeat(12), by: n });

describe('RecentPacks', () => {
  it('gives back the stored form of a text it was told about, without packing it again', () => {
    const packs = new RecentPacks();
    const stored = packJson(text(1));
    expect(typeof stored).not.toBe('string');
    packs.remember(text(1), stored);
    expect(packs.pack(text(1))).toBe(stored);
  });

  it('packs any other text as packJson does', () => {
    const packs = new RecentPacks();
    packs.remember(text(1), packJson(text(1)));
    expect(unpackJson(packs.pack(text(2)))).toBe(text(2));
    expect(packs.pack('{"short":1}')).toBe('{"short":1}');
  });

  it('forgets what it holds once the text passes its budget', () => {
    const packs = new RecentPacks(text(1).length * 2);
    const first = packJson(text(1));
    packs.remember(text(1), first);
    packs.remember(text(2), packJson(text(2)));
    packs.remember(text(3), packJson(text(3)));
    expect(packs.pack(text(1))).not.toBe(first);
    expect(unpackJson(packs.pack(text(1)))).toBe(text(1));
  });
});
