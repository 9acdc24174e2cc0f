// Filters, sorting and paging as the projections' readers use them. Every case runs twice:
// on a collection without indexes (pure filter evaluation) and on one with regular indexes, so
// an adapter's index lookups must give exactly the same answers as a scan.
import type { Collection, Document } from '../document-store.port.js';
import type { ConformanceEnv } from './document-store.conformance.js';

const MATERIALS: Document[] = [
  { _id: 'm1', formula: 'LiFePO4', family: 'olivine', bandGap: 3.7, tags: ['cathode', 'li-ion'], props: { density: 3.6, stable: true }, owner: 'u1' },
  { _id: 'm2', formula: 'LiCoO2', family: 'layered', bandGap: 2.7, tags: ['cathode'], props: { density: 5.1, stable: true }, owner: 'u2' },
  { _id: 'm3', formula: 'NaCl', family: 'rocksalt', bandGap: 8.5, tags: [], props: { density: 2.2, stable: false }, owner: 'u1' },
  { _id: 'm4', formula: 'Si', family: 'diamond', tags: ['semiconductor'], props: { stable: 1 } },
];

const ids = (docs: Document[]) => docs.map((d) => d._id).sort();

export function describeQueryCases(env: ConformanceEnv): void {
  describe.each([
    ['without indexes', false],
    ['with indexes', true],
  ])('queries %s', (_label, indexed) => {
    let materials: Collection;

    beforeAll(async () => {
      materials = env.store().collection(env.unique('materials'));
      if (indexed) {
        await materials.createIndex({ fields: ['owner'] });
        await materials.createIndex({ fields: ['family', 'bandGap'] });
        await materials.createIndex({ fields: ['formula'], unique: true });
        await materials.createIndex({ fields: ['props.stable'] });
        // Indexed before any array is stored: arrays written later must still be found.
        await materials.createIndex({ fields: ['tags'] });
      }
      for (const doc of MATERIALS) await materials.insertOne(doc);
    });

    it('matches equality, explicit $eq and _id', async () => {
      expect(ids(await materials.find({ owner: 'u1' }))).toEqual(['m1', 'm3']);
      expect(ids(await materials.find({ family: { $eq: 'layered' } }))).toEqual(['m2']);
      expect(ids(await materials.find({ _id: 'm3' }))).toEqual(['m3']);
      expect(await materials.findOne({ formula: 'LiCoO2' })).toEqual(MATERIALS[1]);
      expect(await materials.findOne({ formula: 'Unobtainium' })).toBeNull();
    });

    it('matches $in, $ne and $nin (missing fields included, as in MongoDB)', async () => {
      expect(ids(await materials.find({ owner: { $in: ['u2', 'u3'] } }))).toEqual(['m2']);
      expect(ids(await materials.find({ _id: { $in: ['m1', 'm4', 'mx'] } }))).toEqual(['m1', 'm4']);
      expect(ids(await materials.find({ owner: { $ne: 'u1' } }))).toEqual(['m2', 'm4']);
      expect(ids(await materials.find({ family: { $nin: ['olivine', 'layered'] } }))).toEqual(['m3', 'm4']);
    });

    it('compares with $gt/$gte/$lt/$lte, ignoring documents without the field', async () => {
      expect(ids(await materials.find({ bandGap: { $gt: 3 } }))).toEqual(['m1', 'm3']);
      expect(ids(await materials.find({ bandGap: { $gte: 2.7, $lt: 8.5 } }))).toEqual(['m1', 'm2']);
      expect(ids(await materials.find({ bandGap: { $lte: 100 } }))).toEqual(['m1', 'm2', 'm3']);
    });

    it('tests presence with $exists and equality to null', async () => {
      expect(ids(await materials.find({ owner: { $exists: false } }))).toEqual(['m4']);
      expect(ids(await materials.find({ bandGap: { $exists: true } }))).toEqual(['m1', 'm2', 'm3']);
      expect(ids(await materials.find({ owner: null }))).toEqual(['m4']);
    });

    it('reads nested fields by dot path, keeping true and 1 apart', async () => {
      expect(ids(await materials.find({ 'props.density': { $gt: 3 } }))).toEqual(['m1', 'm2']);
      expect(ids(await materials.find({ 'props.stable': false }))).toEqual(['m3']);
      expect(ids(await materials.find({ 'props.stable': true }))).toEqual(['m1', 'm2']);
      expect(ids(await materials.find({ 'props.stable': 1 }))).toEqual(['m4']);
    });

    it('combines with $and / $or', async () => {
      expect(ids(await materials.find({ $or: [{ owner: 'u2' }, { bandGap: { $gt: 8 } }] }))).toEqual(['m2', 'm3']);
      expect(ids(await materials.find({ $and: [{ owner: 'u1' }, { 'props.stable': true }] }))).toEqual(['m1']);
      expect(ids(await materials.find({ owner: 'u1', $or: [{ family: 'rocksalt' }, { tags: 'li-ion' }] }))).toEqual(['m1', 'm3']);
    });

    it('matches an array that contains a value', async () => {
      expect(ids(await materials.find({ tags: 'cathode' }))).toEqual(['m1', 'm2']);
      expect(ids(await materials.find({ tags: { $in: ['semiconductor', 'li-ion'] } }))).toEqual(['m1', 'm4']);
      expect(ids(await materials.find({ tags: { $all: ['cathode', 'li-ion'] } }))).toEqual(['m1']);
      expect(ids(await materials.find({ tags: { $size: 0 } }))).toEqual(['m3']);
    });

    it('sorts (missing values first ascending), skips, limits and picks fields', async () => {
      expect((await materials.find({}, { sort: { bandGap: 1 } })).map((d) => d._id)).toEqual(['m4', 'm2', 'm1', 'm3']);
      expect((await materials.find({}, { sort: { bandGap: -1 }, skip: 1, limit: 2 })).map((d) => d._id)).toEqual(['m1', 'm2']);
      expect((await materials.find({}, { sort: { owner: 1, _id: -1 } })).map((d) => d._id)).toEqual(['m4', 'm3', 'm1', 'm2']);
      const picked = await materials.find({ owner: 'u1' }, { sort: { formula: 1 }, fields: ['formula', 'props'] });
      expect(picked).toEqual([
        { _id: 'm1', formula: 'LiFePO4', props: { density: 3.6, stable: true } },
        { _id: 'm3', formula: 'NaCl', props: { density: 2.2, stable: false } },
      ]);
    });

    it('counts with and without a filter', async () => {
      expect(await materials.count()).toBe(4);
      expect(await materials.count({ tags: 'cathode' })).toBe(2);
      expect(await materials.count({ owner: 'nobody' })).toBe(0);
    });

    it('sees later writes through its indexes, including a field that becomes an array', async () => {
      await materials.insertOne({ _id: 'm5', formula: 'GaAs', family: 'zincblende', owner: ['u1', 'u2'], tags: 'semiconductor' });
      expect(ids(await materials.find({ owner: 'u2' }))).toEqual(['m2', 'm5']);
      expect(ids(await materials.find({ tags: 'semiconductor' }))).toEqual(['m4', 'm5']);
      await materials.deleteMany({ _id: 'm5' });
      expect(ids(await materials.find({ owner: 'u2' }))).toEqual(['m2']);
    });
  });
}
