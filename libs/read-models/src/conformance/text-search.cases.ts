// Full-text search as the session search uses it: MongoDB's `$text` semantics (any word
// matches, more matching words rank higher, "phrases" are required, -words exclude).
import type { Collection, Document } from '../document-store.port.js';
import type { ConformanceEnv } from './document-store.conformance.js';

const SESSIONS: Document[] = [
  { _id: 'a', name: 'LiFePO4 cathode study', notes: 'ionic conductivity of olivine phosphates', tags: ['battery'], owner: 'u1' },
  { _id: 'b', name: 'Cathode screening', notes: 'layered oxides', tags: ['battery', 'screening'], owner: 'u2' },
  { _id: 'c', name: 'Perovskite solar', notes: 'band gap tuning', tags: ['photovoltaic'], owner: 'u1' },
  { _id: 'd', name: 'Olivine conductivity', notes: 'ionic conductivity and cathode coatings', tags: [], owner: 'u1' },
  { _id: 'e', name: 'Unrelated', notes: 'nothing to see', owner: 'u3' },
];

const ids = (docs: Document[]) => docs.map((d) => d._id);

export function describeTextSearchCases(env: ConformanceEnv): void {
  describe('text search', () => {
    let col: Collection;
    beforeEach(async () => {
      col = env.store().collection(env.unique('search'));
      await col.createIndex({ text: ['name', 'notes', 'tags'] });
      for (const doc of SESSIONS) await col.insertOne(doc);
    });

    it('matches any of the words and ranks documents with more of them first', async () => {
      const results = await col.textSearch('cathode conductivity');
      expect(ids(results).sort()).toEqual(['a', 'b', 'd']);
      expect(ids(results).slice(0, 2).sort()).toEqual(['a', 'd']);
      expect(results[2]!._id).toBe('b');
      const scores = results.map((r) => r._score);
      expect(scores.every((s) => typeof s === 'number' && s > 0)).toBe(true);
      expect([...scores].sort((x, y) => y - x)).toEqual(scores);
      expect(results[0]).toMatchObject(SESSIONS.find((s) => s._id === results[0]!._id)!);
    });

    it('indexes array elements and stems words', async () => {
      expect(ids(await col.textSearch('photovoltaic'))).toEqual(['c']);
      expect(ids(await col.textSearch('batteries')).sort()).toEqual(['a', 'b']);
    });

    it('combines a filter and a limit with the ranking', async () => {
      expect(ids(await col.textSearch('cathode', { filter: { owner: 'u2' } }))).toEqual(['b']);
      expect(ids(await col.textSearch('cathode conductivity', { filter: { owner: 'u1' } })).sort()).toEqual(['a', 'd']);
      const top = await col.textSearch('cathode conductivity', { limit: 1 });
      expect(top).toHaveLength(1);
      expect(['a', 'd']).toContain(top[0]!._id);
    });

    it('requires "quoted phrases" and excludes -words', async () => {
      expect(ids(await col.textSearch('"band gap"'))).toEqual(['c']);
      expect(ids(await col.textSearch('"gap band"'))).toEqual([]);
      expect(ids(await col.textSearch('cathode -layered')).sort()).toEqual(['a', 'd']);
    });

    it('treats search syntax characters as plain text', async () => {
      expect(ids(await col.textSearch('cathode NEAR( * : ^ {')).sort()).toEqual(['a', 'b', 'd']);
      expect(await col.textSearch('zeolite')).toEqual([]);
    });

    it('keeps the index in step with updates, replacements and deletes', async () => {
      await col.updateOne({ _id: 'c' }, { $set: { name: 'Perovskite zeolite' } });
      expect(ids(await col.textSearch('zeolite'))).toEqual(['c']);
      await col.replaceOne({ _id: 'c' }, { _id: 'c', name: 'Garnet electrolyte', owner: 'u1' });
      expect(await col.textSearch('zeolite')).toEqual([]);
      expect(ids(await col.textSearch('garnet'))).toEqual(['c']);
      await col.deleteMany({ _id: 'c' });
      expect(await col.textSearch('garnet')).toEqual([]);
    });

    it('refuses a text search on a collection without a text index', async () => {
      const plain = env.store().collection(env.unique('plain'));
      await plain.insertOne({ _id: '1', name: 'cathode' });
      await expect(plain.textSearch('cathode')).rejects.toThrow();
    });
  });
}
