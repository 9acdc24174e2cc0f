import fc from 'fast-check';
import { deepEqual, jsonProblem } from './json.js';

/** Nested `levels` deep without recursion: what no HTTP body can carry any more, but stored data might. */
function deep(levels: number, leaf: unknown = 1): unknown {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = i % 2 === 0 ? { a: value } : [value];
  return value;
}

describe('JSON helpers on data of any depth', () => {
  it('jsonProblem reports deep nesting instead of overflowing the stack', () => {
    expect(jsonProblem(deep(50_000), 8)).toBe('is nested too deeply');
    expect(jsonProblem(deep(50_000), 60_000)).toBeNull();
    expect(jsonProblem(deep(50_000, Number.NaN), 60_000)).toBe('numbers must be finite');
  });

  it('jsonProblem names the first problem in document order', () => {
    expect(jsonProblem({ a: [1, { b: Number.POSITIVE_INFINITY }], c: new Date(0) }, 8)).toBe('numbers must be finite');
    expect(jsonProblem({ a: new Date(0), c: Number.NaN }, 8)).toBe('must be a JSON value (string, number, boolean, null, array or object)');
    expect(jsonProblem(JSON.parse('{"x":{"__proto__":1},"y":1}'), 8)).toBe('key "__proto__" is not allowed');
    expect(jsonProblem({ a: { b: { c: 1 } } }, 3)).toBeNull();
    expect(jsonProblem({ a: { b: { c: {} } } }, 3)).toBe('is nested too deeply');
    expect(jsonProblem({ a: { b: { c: [] } }, d: Number.NaN }, 3)).toBe('is nested too deeply');
  });

  it('deepEqual compares data of any depth without recursion', () => {
    expect(deepEqual(deep(50_000), deep(50_000))).toBe(true);
    expect(deepEqual(deep(50_000), deep(50_000, 2))).toBe(false);
    expect(deepEqual(deep(50_000), deep(49_999))).toBe(false);
  });

  it('deepEqual is structural equality, undefined keys counting as absent', () => {
    expect(deepEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(deepEqual({ a: 1 }, { a: 1, b: undefined })).toBe(true);
    expect(deepEqual({ a: undefined }, { b: undefined })).toBe(true);
    expect(deepEqual({ a: 1 }, { b: 1 })).toBe(false);
    expect(deepEqual([1, [2]], [1, [2]])).toBe(true);
    expect(deepEqual([1, [2]], [1, [2, 3]])).toBe(false);
    expect(deepEqual({ 0: 'x' }, ['x'])).toBe(false);
    expect(deepEqual(null, {})).toBe(false);
    fc.assert(fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
      expect(deepEqual(a, structuredClone(a))).toBe(true);
      expect(deepEqual(a, b)).toBe(deepEqual(b, a));
    }), { numRuns: 300 });
  });
});
