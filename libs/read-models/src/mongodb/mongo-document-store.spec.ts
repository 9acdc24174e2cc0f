import { DuplicateKeyError } from '../errors.js';
import { bulkWriteError, duplicateKeyError, FakeMongoDb } from '../testing/fake-mongo.js';
import { MongoDocumentStore } from './mongo-document-store.js';

describe('MongoDocumentStore (fake driver)', () => {
  let db: FakeMongoDb;
  let store: MongoDocumentStore;
  beforeEach(() => {
    db = new FakeMongoDb();
    store = new MongoDocumentStore(db);
  });

  const put = (id: string, position: number) => ({ kind: 'put' as const, collection: 'users', document: { _id: id, _position: position } });

  it('writes the batch first and moves the checkpoint last', async () => {
    await store.applyProjectionBatch('users-list', [put('u1', 4), { kind: 'delete', collection: 'users', id: 'u2' }], 5n);
    expect(db.methods()).toEqual(['_checkpoints.findOne', 'users.bulkWrite', '_checkpoints.updateOne']);
    expect(db.calls[1]!.args[1]).toEqual({ ordered: false });
    const [filter, update, options] = db.calls[2]!.args;
    expect(filter).toEqual({ _id: 'users-list' });
    expect(update).toEqual({ $set: { position: '5', updatedAt: expect.any(String) } });
    expect(options).toEqual({ upsert: true });
  });

  it('ignores duplicate _id errors (newer versions already stored) and still moves the checkpoint', async () => {
    db.scripts.set('users.bulkWrite', () => {
      throw bulkWriteError([{ code: 11000, err: { keyPattern: { _id: 1 } } }]);
    });
    await store.applyProjectionBatch('users-list', [put('u1', 4)], 5n);
    expect(db.methods()).toContain('_checkpoints.updateOne');
  });

  it('fails the batch on another unique index, leaving the checkpoint where it was', async () => {
    db.scripts.set('users.bulkWrite', () => {
      throw bulkWriteError([{ code: 11000, errmsg: 'E11000 index: email_1', err: { keyPattern: { email: 1 } } }]);
    });
    await expect(store.applyProjectionBatch('users-list', [put('u1', 4)], 5n)).rejects.toThrow(DuplicateKeyError);
    expect(db.methods()).not.toContain('_checkpoints.updateOne');
  });

  it('skips a batch at or below the stored checkpoint', async () => {
    db.scripts.set('_checkpoints.findOne', () => ({ _id: 'users-list', position: '9', updatedAt: 'x' }));
    await store.applyProjectionBatch('users-list', [put('u1', 4)], 9n);
    expect(db.methods()).toEqual(['_checkpoints.findOne']);
    expect(await store.getCheckpoint('users-list')).toEqual({ projection: 'users-list', position: 9n, updatedAt: 'x' });
  });

  it('reports an interrupted reset without finishing it: a read must not race a rebuild', async () => {
    db.scripts.set('_checkpoints.findOne', () => ({ _id: 'users-list', position: '9', updatedAt: 'x', resetting: ['users'] }));
    expect(await store.getCheckpoint('users-list')).toEqual({ projection: 'users-list', position: -1n, updatedAt: 'x', pendingReset: ['users'] });
    expect(db.methods()).toEqual(['_checkpoints.findOne']);
  });

  it('answers a lease request from the conditional upsert', async () => {
    const now = new Date('2030-01-01T00:00:00Z');
    expect(await store.acquireLease('p', 'w1', 1000, now)).toBe(true);
    db.scripts.set('_leases.updateOne', () => {
      throw duplicateKeyError({ _id: 1 });
    });
    expect(await store.acquireLease('p', 'w2', 1000, now)).toBe(false);
    db.scripts.set('_leases.updateOne', () => {
      throw new Error('not primary');
    });
    await expect(store.acquireLease('p', 'w2', 1000, now)).rejects.toThrow('not primary');
    await store.releaseLease('p', 'w1');
    expect(db.calls.at(-1)).toEqual({ collection: '_leases', method: 'deleteMany', args: [{ _id: 'p', owner: 'w1' }] });
  });

  it('maps collection calls and their results', async () => {
    db.scripts.set('users.updateOne', () => ({ matchedCount: 1, upsertedCount: 0 }));
    const users = store.collection('users');
    expect(await users.updateOne({ _id: 'u1' }, { $inc: { n: 1 } }, { upsert: true })).toEqual({ matched: 1, upserted: false });
    expect(db.calls.at(-1)!.args).toEqual([{ _id: 'u1' }, { $inc: { n: 1 } }, { upsert: true }]);
    db.scripts.set('users.insertOne', () => {
      throw duplicateKeyError({ _id: 1 });
    });
    await expect(users.insertOne({ _id: 'u1' })).rejects.toThrow(DuplicateKeyError);
    db.scripts.set('users.find', () => [{ _id: 'u1', _score: 1.5 }]);
    expect(await users.textSearch('ada', { limit: 2 })).toEqual([{ _id: 'u1', _score: 1.5 }]);
    expect(db.calls.at(-1)!.args[1]).toMatchObject({ sort: { _score: { $meta: 'textScore' } }, limit: 2 });
    await users.createIndex({ fields: ['email'], unique: true, text: ['name'] });
    expect(db.calls.slice(-2).map((c) => c.args)).toEqual([
      [{ email: 1 }, { unique: true }],
      [{ name: 'text' }, {}],
    ]);
  });
});
