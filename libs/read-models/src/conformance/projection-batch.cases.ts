// What the projection runner relies on: a batch moves its checkpoint with its writes, replaying a
// batch changes nothing, a write never rolls a newer document back, reset empties a projection,
// and a lease lets one owner at a time run a projection.
import type { Document } from '../document-store.port.js';
import { DuplicateKeyError } from '../errors.js';
import type { ConformanceEnv } from './document-store.conformance.js';

const T0 = new Date('2030-01-01T00:00:00Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

export function describeProjectionBatchCases(env: ConformanceEnv): void {
  describe('projection batches', () => {
    let projection: string;
    let users: string;
    let stats: string;
    beforeEach(() => {
      projection = env.unique('proj');
      users = env.unique('users');
      stats = env.unique('stats');
    });
    const all = (collection: string) => env.store().collection(collection).find({}, { sort: { _id: 1 } });

    it('writes documents in several collections and moves the checkpoint with them', async () => {
      const store = env.store();
      expect(await store.getCheckpoint(projection)).toBeNull();
      await store.applyProjectionBatch(
        projection,
        [
          { kind: 'put', collection: users, document: { _id: 'u1', name: 'Ada', _position: 3 } },
          { kind: 'put', collection: users, document: { _id: 'u2', name: 'Grace', _position: 5 } },
          { kind: 'put', collection: stats, document: { _id: 'all', users: 2, _position: 5 } },
        ],
        5n,
      );
      await store.applyProjectionBatch(projection, [{ kind: 'delete', collection: users, id: 'u1' }], 9n);
      expect(await all(users)).toEqual([{ _id: 'u2', name: 'Grace', _position: 5 }]);
      expect(await all(stats)).toEqual([{ _id: 'all', users: 2, _position: 5 }]);
      const checkpoint = await store.getCheckpoint(projection);
      expect(checkpoint).toMatchObject({ projection, position: 9n });
      expect(Number.isNaN(Date.parse(checkpoint!.updatedAt))).toBe(false);
    });

    it('keeps positions beyond 2^53 exactly', async () => {
      const huge = 2n ** 62n + 7n;
      await env.store().applyProjectionBatch(projection, [], huge);
      expect((await env.store().getCheckpoint(projection))?.position).toBe(huge);
    });

    it('ignores a replayed batch and never rolls a newer document back', async () => {
      const store = env.store();
      const put = (name: string, position: number): { kind: 'put'; collection: string; document: Document } => ({
        kind: 'put',
        collection: users,
        document: { _id: 'u1', name, _position: position },
      });
      await store.applyProjectionBatch(projection, [put('v10', 10)], 10n);
      await store.applyProjectionBatch(projection, [put('v10-again', 10)], 10n); // replay: at the checkpoint
      await store.applyProjectionBatch(projection, [put('v7', 7)], 12n); // an older version in a newer batch
      expect(await all(users)).toEqual([{ _id: 'u1', name: 'v10', _position: 10 }]);
      expect((await store.getCheckpoint(projection))?.position).toBe(12n);
      await store.applyProjectionBatch(projection, [put('v20', 20)], 20n);
      expect(await all(users)).toEqual([{ _id: 'u1', name: 'v20', _position: 20 }]);
    });

    it('guards deletes by position too', async () => {
      const store = env.store();
      await store.applyProjectionBatch(projection, [{ kind: 'put', collection: users, document: { _id: 'u1', _position: 30 } }], 30n);
      await store.applyProjectionBatch(projection, [{ kind: 'delete', collection: users, id: 'u1' }], 30n);
      expect(await all(users)).toHaveLength(1);
      await store.applyProjectionBatch(projection, [{ kind: 'delete', collection: users, id: 'u1' }], 31n);
      expect(await all(users)).toEqual([]);
      await store.applyProjectionBatch(projection, [{ kind: 'delete', collection: users, id: 'never-there' }], 32n);
      expect((await store.getCheckpoint(projection))?.position).toBe(32n);
    });

    it('does not move the checkpoint when a batch fails; the batch can then be applied again', async () => {
      const store = env.store();
      await store.collection(users).createIndex({ fields: ['email'], unique: true });
      await store.applyProjectionBatch(projection, [{ kind: 'put', collection: users, document: { _id: 'u1', email: 'a@x.org', _position: 1 } }], 1n);
      const failing = [
        { kind: 'put' as const, collection: users, document: { _id: 'u2', email: 'b@x.org', _position: 2 } },
        { kind: 'put' as const, collection: users, document: { _id: 'u3', email: 'a@x.org', _position: 3 } },
      ];
      await expect(store.applyProjectionBatch(projection, failing, 3n)).rejects.toThrow(DuplicateKeyError);
      expect((await store.getCheckpoint(projection))?.position).toBe(1n);
      failing[1]!.document.email = 'c@x.org';
      await store.applyProjectionBatch(projection, failing, 3n);
      expect((await all(users)).map((d) => d.email)).toEqual(['a@x.org', 'b@x.org', 'c@x.org']);
      expect((await store.getCheckpoint(projection))?.position).toBe(3n);
    });

    it('resets a projection: its documents and checkpoint go, indexes and other data stay', async () => {
      const store = env.store();
      const other = env.unique('other');
      await store.collection(users).createIndex({ text: ['name'] });
      await store.collection(users).createIndex({ fields: ['name'], unique: true });
      await store.applyProjectionBatch(projection, [{ kind: 'put', collection: users, document: { _id: 'u1', name: 'Ada', _position: 1 } }], 1n);
      await store.collection(other).insertOne({ _id: 'keep' });
      await store.resetProjection(projection, [users]);
      expect(await store.getCheckpoint(projection)).toBeNull();
      expect(await all(users)).toEqual([]);
      expect(await store.collection(users).textSearch('Ada')).toEqual([]);
      expect(await all(other)).toEqual([{ _id: 'keep' }]);
      await store.applyProjectionBatch(projection, [{ kind: 'put', collection: users, document: { _id: 'u9', name: 'Ada', _position: 1 } }], 1n);
      expect((await store.collection(users).textSearch('ada')).map((d) => d._id)).toEqual(['u9']);
      await expect(store.collection(users).insertOne({ _id: 'dup', name: 'Ada' })).rejects.toThrow(DuplicateKeyError);
    });

    it('grants a lease to one owner at a time until it expires or is released', async () => {
      const store = env.store();
      const lease = env.unique('lease');
      expect(await store.acquireLease(lease, 'A', 1000, T0)).toBe(true);
      expect(await store.acquireLease(lease, 'B', 1000, later(10))).toBe(false);
      expect(await store.acquireLease(lease, 'A', 1000, later(900))).toBe(true); // renewal: now valid to 1900
      expect(await store.acquireLease(lease, 'B', 1000, later(1500))).toBe(false);
      expect(await store.acquireLease(lease, 'B', 1000, later(1900))).toBe(true); // expired: taken over
      expect(await store.acquireLease(lease, 'A', 1000, later(2000))).toBe(false);
      await store.releaseLease(lease, 'A'); // not the owner: no effect
      expect(await store.acquireLease(lease, 'A', 1000, later(2100))).toBe(false);
      await store.releaseLease(lease, 'B');
      expect(await store.acquireLease(lease, 'A', 1000, later(2200))).toBe(true);
      expect(await store.acquireLease(env.unique('lease'), 'B', 1000, later(2200))).toBe(true); // leases are independent
    });
  });
}
