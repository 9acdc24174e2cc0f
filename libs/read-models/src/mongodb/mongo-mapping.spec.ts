import { DuplicateKeyError } from '../errors.js';
import { bulkWriteError, duplicateKeyError } from '../testing/fake-mongo.js';
import {
  isDuplicateId,
  leaseAcquisition,
  mapWriteError,
  positionGuard,
  toBulkOperations,
  toFindOptions,
  toMongoIndexes,
  toMongoUpdate,
  toTextQuery,
  unexpectedBulkErrors,
} from './mongo-mapping.js';

describe('MongoDB mapping', () => {
  it('maps find options, fields becoming an inclusion projection', () => {
    expect(toFindOptions({ sort: { a: 1, b: -1 }, skip: 5, limit: 10, fields: ['name', 'status'] })).toEqual({
      sort: { a: 1, b: -1 },
      skip: 5,
      limit: 10,
      projection: { name: 1, status: 1 },
    });
    expect(toFindOptions()).toEqual({});
  });

  it('maps regular, unique and text indexes', () => {
    expect(toMongoIndexes({ fields: ['sessionId', 'name'], unique: true })).toEqual([[{ sessionId: 1, name: 1 }, { unique: true }]]);
    expect(toMongoIndexes({ fields: ['owner'] })).toEqual([[{ owner: 1 }, {}]]);
    expect(toMongoIndexes({ text: ['name', 'notes'] })).toEqual([[{ name: 'text', notes: 'text' }, {}]]);
  });

  it('asks for the text score, sorts by it and keeps the filter', () => {
    expect(toTextQuery('lithium cathode', { filter: { owner: 'u1' }, limit: 3 })).toEqual({
      filter: { owner: 'u1', $text: { $search: 'lithium cathode' } },
      options: { projection: { _score: { $meta: 'textScore' } }, sort: { _score: { $meta: 'textScore' } }, limit: 3 },
    });
  });

  it('gives an upsert without an _id a string _id, and leaves other updates alone', () => {
    const mapped = toMongoUpdate({ email: 'a@x' }, { $set: { name: 'A' } }, true);
    expect(mapped).toEqual({ $set: { name: 'A' }, $setOnInsert: { _id: expect.any(String) } });
    expect(toMongoUpdate({ _id: 'x' }, { $set: { name: 'A' } }, true)).toEqual({ $set: { name: 'A' } });
    expect(toMongoUpdate({ email: 'a@x' }, { $inc: { n: 1 } }, false)).toEqual({ $inc: { n: 1 } });
  });

  it('guards projection writes by position, the last write per document winning', () => {
    const ops = toBulkOperations(
      [
        { kind: 'put', collection: 'users', document: { _id: 'u1', name: 'old', _position: 3 } },
        { kind: 'put', collection: 'stats', document: { _id: 'all', n: 1 } },
        { kind: 'delete', collection: 'users', id: 'u2' },
        { kind: 'put', collection: 'users', document: { _id: 'u1', name: 'new', _position: 7 } },
      ],
      9n,
    );
    expect(ops.get('users')).toEqual([
      { deleteOne: { filter: positionGuard('u2', 9) } },
      { replaceOne: { filter: positionGuard('u1', 7), replacement: { _id: 'u1', name: 'new', _position: 7 }, upsert: true } },
    ]);
    expect(ops.get('stats')).toEqual([{ replaceOne: { filter: positionGuard('all', 9), replacement: { _id: 'all', n: 1 }, upsert: true } }]);
    expect(positionGuard('u1', 7)).toEqual({ _id: 'u1', $or: [{ _position: { $lt: 7 } }, { _position: { $exists: false } }] });
  });

  it('tells a duplicate _id (a newer version is stored) from a duplicate on another unique index', () => {
    expect(isDuplicateId(duplicateKeyError({ _id: 1 }))).toBe(true);
    expect(isDuplicateId(duplicateKeyError({ email: 1 }))).toBe(false);
    expect(isDuplicateId({ code: 11000, errmsg: 'E11000 duplicate key error collection: db.users index: _id_ dup key: { _id: "u1" }' })).toBe(true);
    expect(isDuplicateId({ code: 11000, err: { keyPattern: { _id: 1 } } })).toBe(true);
    expect(isDuplicateId({ code: 2, keyPattern: { _id: 1 } })).toBe(false);
    const mixed = bulkWriteError([{ code: 11000, err: { keyPattern: { _id: 1 } } }, { code: 11000, err: { keyPattern: { email: 1 } } }]);
    expect(unexpectedBulkErrors(mixed)).toEqual([{ code: 11000, err: { keyPattern: { email: 1 } } }]);
    expect(unexpectedBulkErrors(new Error('network'))).toHaveLength(1);
  });

  it('maps E11000 to DuplicateKeyError and passes other errors through', () => {
    expect(mapWriteError('users', duplicateKeyError({ email: 1 }))).toBeInstanceOf(DuplicateKeyError);
    const other = new Error('timeout');
    expect(mapWriteError('users', other)).toBe(other);
  });

  it('takes a lease that is free, expired or already held by the same owner', () => {
    const now = new Date('2030-01-01T00:00:00Z');
    expect(leaseAcquisition('projection:x', 'w1', 5000, now)).toEqual({
      filter: { _id: 'projection:x', $or: [{ owner: 'w1' }, { expiresAt: { $lte: now } }] },
      update: { $set: { owner: 'w1', expiresAt: new Date('2030-01-01T00:00:05Z') } },
    });
  });
});
