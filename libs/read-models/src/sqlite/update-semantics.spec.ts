import { InvalidOperationError } from '../errors.js';
import { applyUpdate, checkReplacementId, equalityFields, upsertSeed, withId } from './update-semantics.js';

describe('MongoDB update semantics for the embedded store', () => {
  it('does not modify its input', () => {
    const doc = { _id: 'a', tags: ['x'], stats: { n: 1 } };
    const next = applyUpdate(doc, { $push: { tags: 'y' }, $inc: { 'stats.n': 1 } }, false);
    expect(next).toEqual({ _id: 'a', tags: ['x', 'y'], stats: { n: 2 } });
    expect(doc).toEqual({ _id: 'a', tags: ['x'], stats: { n: 1 } });
  });

  it('applies $setOnInsert only when inserting, and refuses it on a path $set also sets', () => {
    expect(applyUpdate({ _id: 'a' }, { $setOnInsert: { created: 1 } }, false)).toEqual({ _id: 'a' });
    expect(applyUpdate({ _id: 'a' }, { $setOnInsert: { created: 1 } }, true)).toEqual({ _id: 'a', created: 1 });
    expect(() => applyUpdate({ _id: 'a' }, { $set: { x: 1 }, $setOnInsert: { x: 2 } }, true)).toThrow(InvalidOperationError);
  });

  it('refuses what MongoDB refuses', () => {
    expect(() => applyUpdate({ _id: 'a', n: 'x' }, { $inc: { n: 1 } }, false)).toThrow(/non-numeric/);
    expect(() => applyUpdate({ _id: 'a', tags: 'x' }, { $push: { tags: 'y' } }, false)).toThrow(/must be an array/);
    expect(() => applyUpdate({ _id: 'a' }, {}, false)).toThrow(/atomic operators/);
    expect(() => applyUpdate({ _id: 'a' }, { $rename: { a: 'b' } } as never, false)).toThrow(/Unknown update operator/);
    expect(() => applyUpdate({ _id: 'a' }, { $set: { _id: 'b' } }, false)).toThrow(/immutable/);
    expect(() => checkReplacementId({ _id: 'a' }, { _id: 'b' })).toThrow(InvalidOperationError);
  });

  it('seeds an upsert from the filter equalities (dotted paths, $eq, $and), ignoring the rest', () => {
    const filter = { _id: 'x', 'profile.kind': 'user', status: { $eq: 'active' }, age: { $gt: 3 }, $and: [{ team: 't1' }], $or: [{ a: 1 }, { a: 2 }] };
    expect([...equalityFields(filter).keys()]).toEqual(['_id', 'profile.kind', 'status', 'team']);
    expect(upsertSeed(filter)).toEqual({ _id: 'x', profile: { kind: 'user' }, status: 'active', team: 't1' });
    expect(withId({ name: 'n' })._id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
