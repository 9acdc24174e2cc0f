// A draft makes the changes `set` and `delete` make one by one, and gives the same collection:
// the same records, in the same order, whatever places the records are put back to.
import fc from 'fast-check';
import { Items } from './items.js';

type Op = { kind: 'set'; key: string; ord: number; value: number } | { kind: 'delete'; key: string };

const key = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), key, ord: fc.integer({ min: 0, max: 20 }), value: fc.integer() }),
  fc.record({ kind: fc.constant('delete' as const), key }),
);

/** Records with unique ords, as a state holds them: each key at ten times its letter's place. */
const start = fc.subarray(['a', 'b', 'c', 'd', 'e', 'f']).map((keys) => Items.fromEntries<number>(keys.map((k) => [k, (k.charCodeAt(0) - 96) * 10, 0] as const)));

/** Ords stay unique: an op that would give a key another key's ord is left out. */
function applicable(items: Items<number>, ops: Op[]): Op[] {
  const ordOf = new Map(items.entries().map(([k, ord]) => [k, ord]));
  return ops.filter((o) => {
    if (o.kind === 'delete') {
      ordOf.delete(o.key);
      return true;
    }
    if ([...ordOf].some(([k, ord]) => k !== o.key && ord === o.ord)) return false;
    ordOf.set(o.key, o.ord);
    return true;
  });
}

describe('Items.draft', () => {
  it('gives the collection that one-by-one changes give, records and order', () => {
    fc.assert(
      fc.property(start, fc.array(op, { maxLength: 12 }), (items, given) => {
        const ops = applicable(items, given);
        let oneByOne = items;
        for (const o of ops) oneByOne = o.kind === 'set' ? oneByOne.set(o.key, o.value, o.ord) : oneByOne.delete(o.key);
        const draft = items.draft();
        for (const o of ops) (o.kind === 'set' ? draft.set(o.key, o.value, o.ord) : draft.delete(o.key));
        expect(draft.done().entries()).toEqual(oneByOne.entries());
      }),
      { numRuns: 500 },
    );
  });

  it('puts records brought back to earlier places in order, and leaves the original as it was', () => {
    const items = Items.fromEntries<string>([['a', 1, 'a'], ['d', 4, 'd'], ['f', 6, 'f']]);
    const draft = items.draft();
    draft.set('c', 'c', 3);
    draft.set('b', 'b', 2);
    draft.delete('f');
    draft.set('e', 'e', 5);
    expect(draft.done().entries()).toEqual([['a', 1, 'a'], ['b', 2, 'b'], ['c', 3, 'c'], ['d', 4, 'd'], ['e', 5, 'e']]);
    expect(items.entries()).toEqual([['a', 1, 'a'], ['d', 4, 'd'], ['f', 6, 'f']]);
  });

  it('gives back the same collection when nothing changed', () => {
    const items = Items.fromEntries<string>([['a', 1, 'a']]);
    const draft = items.draft();
    draft.delete('absent');
    expect(draft.done()).toBe(items);
  });
});
