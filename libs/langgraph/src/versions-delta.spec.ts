import fc from 'fast-check';
import { diffSeen, diffVersions, patchSeen, patchVersions } from './versions-delta.js';

const version = fc.oneof(fc.integer({ min: 0, max: 50 }), fc.stringMatching(/^\d{3}\.[a-f0-9]{2}$/));
const key = fc.oneof(fc.constantFrom('__start__', 'messages', 'branch:to:agent', '__proto__', 'constructor'), fc.string({ maxLength: 6 }));
const versions = fc.dictionary(key, version, { maxKeys: 6 });
const seen = fc.dictionary(key, versions, { maxKeys: 4 });

describe('versions as a difference from the parent', () => {
  it('stores only the changed, added and removed channels', () => {
    expect(diffVersions({ a: 1, b: 2, gone: 3 }, { a: 1, b: 3, c: 1 })).toEqual({ b: 3, c: 1, gone: null });
    expect(diffVersions({ a: 1 }, { a: 1 })).toEqual({});
  });

  it('stores only the nodes whose seen versions changed, and a node that appears empty', () => {
    expect(diffSeen({ agent: { a: 1 }, tools: { b: 1 } }, { agent: { a: 2 }, tools: { b: 1 }, __input__: {} })).toEqual({ agent: { a: 2 }, __input__: {} });
    expect(diffSeen({ agent: { a: 1 } }, {})).toEqual({ agent: null });
  });

  it('patching the base with the difference gives the versions back, whatever the keys', () => {
    fc.assert(fc.property(versions, versions, (base, next) => {
      expect(patchVersions(base, diffVersions(base, next))).toEqual(next);
    }));
    fc.assert(fc.property(seen, seen, (base, next) => {
      expect(patchSeen(base, diffSeen(base, next))).toEqual(next);
    }));
  });

  it('keeps a channel named __proto__ as a plain key and never touches Object.prototype', () => {
    const patched = patchVersions({}, JSON.parse('{"__proto__": 7}'));
    expect(Object.keys(patched)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(patched)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['7']).toBeUndefined();
  });

  it('shares an unchanged node with the base', () => {
    const base = { agent: { a: 1 }, tools: { b: 1 } };
    const next = patchSeen(base, { agent: { a: 2 } });
    expect(next.tools).toBe(base.tools);
  });
});
