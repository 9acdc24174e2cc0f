// The temporal read model's contract, for every adapter: versions valid at a revision, changes
// between two revisions, deletions, replays and several changes of one item in one revision.
import type { TimelineAdvance, TimelineChange, TimelineReader } from '../timeline/timeline.port.js';

export interface TimelineEnv {
  reader(): TimelineReader;
  /** Records the advances (in one projection batch where the adapter has them). */
  apply(advances: TimelineAdvance[]): Promise<void>;
  unique(label: string): string;
}

const put = (part: string, key: string, ord: number, value: unknown): TimelineChange => ({ part, key, ord, value });
const del = (part: string, key: string): TimelineChange => ({ part, key, ord: 0, value: null, deleted: true });
const plain = (items: Array<{ part: string; key: string; value: unknown; deleted?: true }>) =>
  items.map(({ part, key, value, deleted }) => ({ part, key, value, ...(deleted ? { deleted } : {}) }));

export function describeTimelineCases(env: TimelineEnv): void {
  describe('timeline', () => {
    it('answers the items valid at each revision, ordered by part then ord', async () => {
      const s = env.unique('stream');
      await env.apply([
        { stream: s, revision: 0, changes: [put('items', 'a', 1, 'a0'), put('status', '', 0, 'created')] },
        { stream: s, revision: 1, changes: [put('items', 'b', 2, 'b1')] },
        { stream: s, revision: 2, changes: [put('items', 'a', 1, 'a2'), put('status', '', 0, 'active')] },
        { stream: s, revision: 3, changes: [del('items', 'b')] },
      ]);
      const r = env.reader();
      expect(await r.head(s)).toBe(3);
      expect(plain(await r.at(s, 0))).toEqual([{ part: 'items', key: 'a', value: 'a0' }, { part: 'status', key: '', value: 'created' }]);
      expect(plain(await r.at(s, 1))).toEqual([
        { part: 'items', key: 'a', value: 'a0' },
        { part: 'items', key: 'b', value: 'b1' },
        { part: 'status', key: '', value: 'created' },
      ]);
      expect(plain(await r.at(s, 2, { parts: ['items'] }))).toEqual([{ part: 'items', key: 'a', value: 'a2' }, { part: 'items', key: 'b', value: 'b1' }]);
      expect(plain(await r.at(s, 3, { parts: ['items'] }))).toEqual([{ part: 'items', key: 'a', value: 'a2' }]);
      // A deletion marker has no place in the order: compare by key.
      const withMarkers = plain(await r.at(s, 3, { parts: ['items'], deletions: true })).sort((x, y) => x.key.localeCompare(y.key));
      expect(withMarkers).toEqual([
        { part: 'items', key: 'a', value: 'a2' },
        { part: 'items', key: 'b', value: null, deleted: true },
      ]);
      expect(await r.at(s, -1)).toEqual([]);
    });

    it('orders a part by ord, not by when an item was written', async () => {
      const s = env.unique('stream');
      await env.apply([
        { stream: s, revision: 0, changes: [put('items', 'late', 9, 1), put('items', 'early', 3, 2)] },
        { stream: s, revision: 1, changes: [put('items', 'middle', 5, 3)] },
      ]);
      expect((await env.reader().at(s, 1)).map((i) => i.key)).toEqual(['early', 'middle', 'late']);
    });

    it('answers what changed between two revisions, with each side', async () => {
      const s = env.unique('stream');
      await env.apply([
        { stream: s, revision: 0, changes: [put('items', 'kept', 1, 'k'), put('items', 'changed', 2, 'c0'), put('items', 'removed', 3, 'r0')] },
        { stream: s, revision: 1, changes: [put('items', 'changed', 2, 'c1')] },
        { stream: s, revision: 2, changes: [put('items', 'changed', 2, 'c2'), del('items', 'removed'), put('items', 'added', 4, 'a2')] },
        { stream: s, revision: 3, changes: [put('items', 'temporary', 5, 't3')] },
        { stream: s, revision: 4, changes: [del('items', 'temporary')] },
      ]);
      const changes = await env.reader().between(s, 0, 4);
      const summary = Object.fromEntries(changes.map((c) => [c.key, [c.before?.deleted ? 'deleted' : (c.before?.value ?? null), c.after?.deleted ? 'deleted' : (c.after?.value ?? null)]]));
      // `temporary` came and went inside the range: absent at both ends, so it is not a change.
      expect(summary).toEqual({ changed: ['c0', 'c2'], removed: ['r0', 'deleted'], added: [null, 'a2'], temporary: [null, 'deleted'] });
      const narrow = await env.reader().between(s, 1, 2, { parts: ['items'] });
      expect(narrow.map((c) => c.key).sort()).toEqual(['added', 'changed', 'removed']);
    });

    it('answers the items changed since a revision with their version then, as between does', async () => {
      const s = env.unique('stream');
      await env.apply([
        { stream: s, revision: 0, changes: [put('items', 'kept', 1, 'k'), put('items', 'changed', 2, 'c0'), put('items', 'removed', 3, 'r0'), put('items', 'back', 6, 'b0')] },
        { stream: s, revision: 1, changes: [put('items', 'changed', 2, 'c1'), del('items', 'back'), put('status', '', 0, 'active')] },
        { stream: s, revision: 2, changes: [put('items', 'changed', 2, 'c2'), del('items', 'removed'), put('items', 'added', 4, 'a2'), put('items', 'back', 7, 'b2')] },
        { stream: s, revision: 3, changes: [put('items', 'temporary', 5, 't3')] },
        { stream: s, revision: 4, changes: [del('items', 'temporary'), put('items', 'changed', 2, 'c4')] },
      ]);
      const r = env.reader();
      const summary = async (from: number, to: number, parts?: string[]) =>
        Object.fromEntries((await r.changedSince(s, from, to, parts ? { parts } : {})).map((c) => [c.key, c.before?.deleted ? 'deleted' : (c.before?.value ?? null)]));
      // Several versions since: the one at `from`; deleted then: the deletion; new since: null.
      expect(await summary(0, 4)).toEqual({ changed: 'c0', removed: 'r0', added: null, temporary: null, back: 'b0', '': null });
      expect(await summary(1, 2, ['items'])).toEqual({ changed: 'c1', removed: 'r0', added: null, back: 'deleted' });
      expect(await summary(2, 3)).toEqual({ temporary: null });
      expect((await r.changedSince(s, 0, 1, { parts: ['status'] })).map((c) => ({ part: c.part, key: c.key, before: c.before }))).toEqual([{ part: 'status', key: '', before: null }]);
      // Every range, on both sides of the head: the items and versions `between` gives.
      const byItem = (a: { part: string; key: string }, b: { part: string; key: string }) => `${a.part}|${a.key}`.localeCompare(`${b.part}|${b.key}`);
      for (let from = -1; from < 4; from++) {
        for (let to = from + 1; to <= 4; to++) {
          const expected = (await r.between(s, from, to)).map(({ part, key, before }) => ({ part, key, before })).sort(byItem);
          expect({ from, to, changes: (await r.changedSince(s, from, to)).sort(byItem) }).toEqual({ from, to, changes: expected });
        }
      }
      expect(await r.changedSince(env.unique('never'), 0, 1)).toEqual([]);
    });

    it('skips a revision at or below the head (a replayed batch)', async () => {
      const s = env.unique('stream');
      await env.apply([{ stream: s, revision: 0, changes: [put('items', 'a', 1, 'first')] }]);
      await env.apply([{ stream: s, revision: 0, changes: [put('items', 'a', 1, 'replayed')] }]);
      expect(plain(await env.reader().at(s, 0))).toEqual([{ part: 'items', key: 'a', value: 'first' }]);
    });

    it('keeps the last of several changes of one item in one revision', async () => {
      const s = env.unique('stream');
      await env.apply([
        { stream: s, revision: 0, changes: [put('items', 'a', 1, 'v0')] },
        { stream: s, revision: 1, changes: [put('items', 'a', 1, 'v1'), put('items', 'a', 2, 'v1b')] },
      ]);
      const r = env.reader();
      expect(plain(await r.at(s, 0))).toEqual([{ part: 'items', key: 'a', value: 'v0' }]);
      expect(await r.at(s, 1)).toEqual([{ part: 'items', key: 'a', ord: 2, value: 'v1b' }]);
    });

    it('moves the head on a revision without changes, and keeps streams apart', async () => {
      const s = env.unique('stream');
      const other = env.unique('stream');
      await env.apply([
        { stream: s, revision: 0, changes: [put('items', 'a', 1, 'mine')] },
        { stream: other, revision: 0, changes: [put('items', 'a', 1, 'theirs')] },
        { stream: s, revision: 1, changes: [] },
      ]);
      const r = env.reader();
      expect(await r.head(s)).toBe(1);
      expect(await r.head(env.unique('never'))).toBe(-1);
      expect(plain(await r.at(s, 1))).toEqual([{ part: 'items', key: 'a', value: 'mine' }]);
      expect(plain(await r.at(other, 0))).toEqual([{ part: 'items', key: 'a', value: 'theirs' }]);
    });

    it('keeps JSON values as they were written', async () => {
      const s = env.unique('stream');
      const value = { nested: { list: [1, 'two', null, { three: true }] }, text: 'ünïcödé' };
      await env.apply([{ stream: s, revision: 0, changes: [put('items', 'x', 1, value), put('focus', '', 0, null)] }]);
      expect(plain(await env.reader().at(s, 0))).toEqual([{ part: 'focus', key: '', value: null }, { part: 'items', key: 'x', value }]);
    });
  });
}
