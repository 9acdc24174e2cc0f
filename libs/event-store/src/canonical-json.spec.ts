import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json.js';

// The hash chain hashes canonicalJson(value) when appending and canonicalJson(parsed row) when
// verifying, so canonicalJson must only see what JSON.stringify keeps, and on JSON values it
// must stay the RFC 8785 text that `canonicalize` produces.
const outcome = (f: () => string | undefined) => {
  try {
    return { value: f() };
  } catch {
    return { threw: true };
  }
};

/** canonicalize applied to what a JSON round trip gives back, refusing non-finite numbers. */
const viaJsonRoundTrip = (value: unknown) => () => {
  const text = JSON.stringify(value, (_key, v: unknown) => {
    const n = v instanceof Number ? v.valueOf() : v;
    if (typeof n === 'number' && !Number.isFinite(n)) throw new Error('non-finite');
    return v;
  });
  return text === undefined ? undefined : canonicalize(JSON.parse(text));
};

describe('canonicalJson', () => {
  it('is canonicalize on JSON values', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => expect(canonicalJson(value)).toBe(canonicalize(value))), { numRuns: 500 });
  });

  it('hashes exactly what a JSON round trip keeps, for arbitrary values', () => {
    const values = fc.anything({
      withBoxedValues: true, withDate: true, withMap: true, withSet: true, withTypedArray: true,
      withSparseArray: true, withNullPrototype: true, withBigInt: true, withObjectString: true,
    });
    fc.assert(fc.property(values, (value) => expect(outcome(() => canonicalJson(value))).toEqual(outcome(viaJsonRoundTrip(value)))), { numRuns: 1000 });
  });

  it('sorts keys by UTF-16 code units, drops what JSON drops and honours toJSON', () => {
    const value = { b: 1, a: [undefined, 'x', () => 1], é: { toJSON: () => 'via toJSON' }, 'a-b': undefined, f: () => 2, Z: new Date(0) };
    expect(canonicalJson(value)).toBe('{"Z":"1970-01-01T00:00:00.000Z","a":[null,"x",null],"b":1,"é":"via toJSON"}');
    // eslint-disable-next-line no-sparse-arrays
    expect(canonicalJson([1, , new String('s'), new Number(2)])).toBe('[1,null,"s",2]');
  });

  it('refuses cycles, NaN, Infinity and bigint', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = { back: cyclic };
    expect(() => canonicalJson(cyclic)).toThrow(/Circular/);
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/NaN/);
    expect(() => canonicalJson([Number.POSITIVE_INFINITY])).toThrow(/Infinity/);
    expect(() => canonicalJson({ big: 1n })).toThrow(TypeError);
  });

  it('accepts the same object twice when it is not a cycle', () => {
    const shared = { k: 1 };
    expect(canonicalJson({ a: shared, b: [shared] })).toBe('{"a":{"k":1},"b":[{"k":1}]}');
  });

  it('writes values of any depth without the call stack, and still finds cycles deep down', () => {
    const levels = 100_000;
    let deep: unknown = 1;
    for (let i = 0; i < levels; i++) deep = i % 2 === 0 ? { a: deep } : [deep];
    expect(canonicalJson(deep)).toBe('[{"a":'.repeat(levels / 2) + '1' + '}]'.repeat(levels / 2));

    const bottom: Record<string, unknown> = {};
    let top: Record<string, unknown> = bottom;
    for (let i = 0; i < 1000; i++) top = { next: top, shared: bottom };
    expect(canonicalJson(top)).toContain('"shared":{}');
    bottom.loop = top;
    expect(() => canonicalJson(top)).toThrow(/Circular/);
  });

  it('treats a toJSON that gives back its own object, directly or inside another, as a cycle', () => {
    const direct: Record<string, unknown> = {};
    direct.toJSON = () => direct;
    expect(() => canonicalJson({ x: direct })).toThrow(/Circular/);
    const wrapped: Record<string, unknown> = {};
    wrapped.toJSON = () => ({ again: wrapped });
    expect(() => canonicalJson([wrapped])).toThrow(/Circular/);
    expect(() => JSON.stringify([wrapped])).toThrow();
  });
});
