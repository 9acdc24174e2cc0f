// Writes with MongoDB's semantics: update operators, upserts, replacement, deletion and unique
// indexes. Projections rely on these through applyProjectionBatch; other readers use them directly.
import type { Collection, Document } from '../document-store.port.js';
import { DuplicateKeyError } from '../errors.js';
import type { ConformanceEnv } from './document-store.conformance.js';

export function describeWriteCases(env: ConformanceEnv): void {
  describe('writes', () => {
    let col: Collection;
    beforeEach(() => {
      col = env.store().collection(env.unique('writes'));
    });

    it('inserts, and refuses a second document with the same _id', async () => {
      await col.insertOne({ _id: 'a', name: 'first' });
      await expect(col.insertOne({ _id: 'a', name: 'second' })).rejects.toThrow(DuplicateKeyError);
      expect(await col.find()).toEqual([{ _id: 'a', name: 'first' }]);
    });

    it('applies $set (nested), $unset, $inc, $push and $pull', async () => {
      await col.insertOne({ _id: 's1', title: 'Study', stats: { queries: 1 }, tags: ['a', 'b', 'c'], turns: [{ n: 1 }, { n: 2 }], obsolete: true });
      const result = await col.updateOne(
        { _id: 's1' },
        { $set: { title: 'Renamed', 'stats.lastBy': 'u1' }, $unset: { obsolete: '' }, $inc: { 'stats.queries': 2, 'stats.failures': 1 }, $push: { tags: 'd' } },
      );
      expect(result).toEqual({ matched: 1, upserted: false });
      await col.updateOne({ _id: 's1' }, { $pull: { tags: 'b', turns: { n: 1 } } });
      expect(await col.findOne({ _id: 's1' })).toEqual({
        _id: 's1',
        title: 'Renamed',
        stats: { queries: 3, lastBy: 'u1', failures: 1 },
        tags: ['a', 'c', 'd'],
        turns: [{ n: 2 }],
      });
    });

    it('$push creates a missing array; $push with $each appends several', async () => {
      await col.insertOne({ _id: 'p' });
      await col.updateOne({ _id: 'p' }, { $push: { items: 1 } });
      await col.updateOne({ _id: 'p' }, { $push: { items: { $each: [2, 3] } } });
      expect(await col.findOne({ _id: 'p' })).toEqual({ _id: 'p', items: [1, 2, 3] });
    });

    it('updates only the first match, and reports no match without upsert', async () => {
      await col.insertOne({ _id: 'x1', kind: 'k' });
      await col.insertOne({ _id: 'x2', kind: 'k' });
      expect(await col.updateOne({ kind: 'k' }, { $set: { seen: true } })).toEqual({ matched: 1, upserted: false });
      expect(await col.count({ seen: true })).toBe(1);
      expect(await col.updateOne({ kind: 'none' }, { $set: { seen: true } })).toEqual({ matched: 0, upserted: false });
      expect(await col.count()).toBe(2);
    });

    it('upserts from the filter, applying $setOnInsert only on insert', async () => {
      const first = await col.updateOne({ _id: 'u', kind: 'user' }, { $inc: { logins: 1 }, $setOnInsert: { createdBy: 'seed' } }, { upsert: true });
      expect(first).toEqual({ matched: 0, upserted: true });
      const second = await col.updateOne({ _id: 'u', kind: 'user' }, { $inc: { logins: 1 }, $setOnInsert: { createdBy: 'other' } }, { upsert: true });
      expect(second).toEqual({ matched: 1, upserted: false });
      expect(await col.findOne({ _id: 'u' })).toEqual({ _id: 'u', kind: 'user', logins: 2, createdBy: 'seed' });
    });

    it('gives an upserted document without an _id in the filter a string _id', async () => {
      await col.updateOne({ email: 'a@example.org' }, { $set: { name: 'A' } }, { upsert: true });
      const doc = await col.findOne({ email: 'a@example.org' });
      expect(doc).toMatchObject({ email: 'a@example.org', name: 'A' });
      expect(typeof doc?._id).toBe('string');
    });

    it('refuses $inc on a non-number and leaves the document as it was', async () => {
      await col.insertOne({ _id: 'n', count: 'three' });
      await expect(col.updateOne({ _id: 'n' }, { $inc: { count: 1 } })).rejects.toThrow();
      expect(await col.findOne({ _id: 'n' })).toEqual({ _id: 'n', count: 'three' });
    });

    it('replaces a whole document, keeping its _id; upserts with the filter _id', async () => {
      await col.insertOne({ _id: 'r', a: 1, b: 2 });
      expect(await col.replaceOne({ a: 1 }, { _id: 'r', c: 3 })).toEqual({ matched: 1, upserted: false });
      expect(await col.findOne({ _id: 'r' })).toEqual({ _id: 'r', c: 3 });
      expect(await col.replaceOne({ _id: 'none' }, { _id: 'none', z: 1 })).toEqual({ matched: 0, upserted: false });
      expect(await col.replaceOne({ _id: 'new' }, { _id: 'new', z: 2 }, { upsert: true })).toEqual({ matched: 0, upserted: true });
      expect(await col.findOne({ _id: 'new' })).toEqual({ _id: 'new', z: 2 });
    });

    it('deletes every match and says how many', async () => {
      for (const [i, status] of ['active', 'archived', 'archived', 'paused'].entries()) await col.insertOne({ _id: `d${i}`, status });
      expect(await col.deleteMany({ status: 'archived' })).toBe(2);
      expect(await col.deleteMany({ status: 'archived' })).toBe(0);
      expect((await col.find({}, { sort: { _id: 1 } })).map((d: Document) => d.status)).toEqual(['active', 'paused']);
    });

    it('enforces unique indexes (single and compound) on insert, update and upsert', async () => {
      await col.createIndex({ fields: ['email'], unique: true });
      await col.createIndex({ fields: ['email'], unique: true }); // idempotent
      await col.createIndex({ fields: ['sessionId', 'name'], unique: true });
      await col.insertOne({ _id: '1', email: 'a@x.org', sessionId: 's', name: 'cp1' });
      await col.insertOne({ _id: '2', email: 'b@x.org', sessionId: 's', name: 'cp2' });
      await expect(col.insertOne({ _id: '3', email: 'a@x.org' })).rejects.toThrow(DuplicateKeyError);
      await expect(col.updateOne({ _id: '2' }, { $set: { email: 'a@x.org' } })).rejects.toThrow(DuplicateKeyError);
      await expect(col.updateOne({ _id: '4' }, { $set: { email: 'a@x.org' } }, { upsert: true })).rejects.toThrow(DuplicateKeyError);
      await expect(col.replaceOne({ _id: '2' }, { _id: '2', email: 'c@x.org', sessionId: 's', name: 'cp1' })).rejects.toThrow(DuplicateKeyError);
      await col.insertOne({ _id: '5', email: 'd@x.org', sessionId: 't', name: 'cp1' });
      expect(await col.findOne({ _id: '2' })).toEqual({ _id: '2', email: 'b@x.org', sessionId: 's', name: 'cp2' });
      expect(await col.count()).toBe(3);
    });

    it('refuses a unique index over existing duplicates', async () => {
      await col.insertOne({ _id: '1', token: 't' });
      await col.insertOne({ _id: '2', token: 't' });
      await expect(col.createIndex({ fields: ['token'], unique: true })).rejects.toThrow(DuplicateKeyError);
      await col.insertOne({ _id: '3', token: 't' });
      expect(await col.count({ token: 't' })).toBe(3);
    });
  });
}
