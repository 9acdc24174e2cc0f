// What the embedded store promises beyond the conformance suite: all-or-nothing batches,
// index lookups instead of scans, and several connections (processes) sharing one file.
import { hostname } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DuplicateKeyError } from '../errors.js';
import { DocumentTable } from './sqlite-documents.js';
import { IndexRegistry } from './sqlite-indexes.js';
import { SCHEMA, SqliteContext } from './sqlite-schema.js';
import { SqliteDocumentStore } from './sqlite-document-store.js';
import { TextIndexes } from './sqlite-text-index.js';

describe('SqliteDocumentStore specifics', () => {
  let dir: string;
  let file: string;
  const opened: SqliteDocumentStore[] = [];
  const open = () => {
    const store = new SqliteDocumentStore({ filename: file });
    opened.push(store);
    return store;
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rm-sqlite-'));
    file = join(dir, 'rm.db');
  });
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies a batch all-or-nothing', async () => {
    const store = open();
    await store.collection('users').createIndex({ fields: ['email'], unique: true });
    await store.applyProjectionBatch('p', [{ kind: 'put', collection: 'users', document: { _id: 'a', email: 'a@x' } }], 1n);
    const batch = [
      { kind: 'put' as const, collection: 'users', document: { _id: 'b', email: 'b@x' } },
      { kind: 'delete' as const, collection: 'users', id: 'a' },
      { kind: 'put' as const, collection: 'stats', document: { _id: 'n', users: 2 } },
      { kind: 'put' as const, collection: 'users', document: { _id: 'c', email: 'b@x' } },
    ];
    await expect(store.applyProjectionBatch('p', batch, 2n)).rejects.toThrow(DuplicateKeyError);
    expect(await store.collection('users').find({}, { sort: { _id: 1 } })).toEqual([{ _id: 'a', email: 'a@x' }]);
    expect(await store.collection('stats').count()).toBe(0);
    expect((await store.getCheckpoint('p'))?.position).toBe(1n);
  });

  it('looks indexed equalities up instead of scanning, and stops once a field holds arrays', () => {
    const db = new Database(':memory:');
    db.exec(SCHEMA);
    const ctx = new SqliteContext(db);
    const indexes = new IndexRegistry(ctx);
    const table = new DocumentTable(ctx, indexes, new TextIndexes(ctx));
    for (let i = 0; i < 5000; i++) table.insert('sessions', { _id: `s${i}`, owner: `u${i % 100}`, status: i % 2 ? 'active' : 'paused' });
    indexes.create('sessions', ['owner'], false);
    expect(indexes.plan('sessions', { owner: 'u7', status: 'active' })).toEqual({ kind: 'field', expression: expect.stringContaining('owner'), values: ['u7'] });
    expect(table.candidates('sessions', { owner: 'u7', status: 'active' })).toHaveLength(50);
    expect(table.candidates('sessions', { owner: { $in: ['u1', 'u2'] } })).toHaveLength(100);
    expect(table.candidates('sessions', { _id: { $in: ['s1', 's2', 'nope'] } })).toHaveLength(2);
    expect(indexes.plan('sessions', { status: 'active' })).toBeNull();
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT rowid FROM rm_documents WHERE collection = 'sessions' AND ${(indexes.plan('sessions', { owner: 'u7' }) as { expression: string }).expression} = ?`).all('u7') as Array<{ detail: string }>;
    expect(plan.map((r) => r.detail).join()).toMatch(/USING INDEX rmix_/);

    table.put('sessions', { _id: 's1', owner: ['u7', 'u8'] });
    expect(indexes.plan('sessions', { owner: 'u7' })).toBeNull(); // multikey: mingo must see every row
    db.close();
  });

  it('shares one file between connections: indexes, multikey flags and text indexes seen by both', async () => {
    const a = open();
    const b = open();
    await a.collection('materials').createIndex({ fields: ['tags'] });
    await a.collection('materials').createIndex({ text: ['name'] });
    await a.collection('materials').insertOne({ _id: 'm1', tags: 'oxide', name: 'Cobalt oxide' });
    expect((await b.collection('materials').find({ tags: 'oxide' })).map((d) => d._id)).toEqual(['m1']);
    // b makes the index multikey; a must notice instead of trusting its cached metadata.
    await b.collection('materials').insertOne({ _id: 'm2', tags: ['oxide', 'spinel'], name: 'Spinel oxide' });
    expect((await a.collection('materials').find({ tags: 'oxide' })).map((d) => d._id).sort()).toEqual(['m1', 'm2']);
    expect((await a.collection('materials').textSearch('spinel')).map((d) => d._id)).toEqual(['m2']);
  });

  it('keeps documents, checkpoints and text indexes across a reopen', async () => {
    const first = open();
    await first.collection('notes').createIndex({ text: ['body'] });
    await first.applyProjectionBatch('notes', [{ kind: 'put', collection: 'notes', document: { _id: 'n1', body: 'garnet electrolytes', _position: 4 } }], 4n);
    await first.close();
    const second = open();
    expect((await second.getCheckpoint('notes'))?.position).toBe(4n);
    expect((await second.collection('notes').textSearch('electrolyte')).map((d) => d._id)).toEqual(['n1']);
  });

  it('with `newest`, ranks only the latest written matches that pass the filter, reading no more pages than it needs', async () => {
    const store = open();
    const notes = store.collection('notes');
    await notes.createIndex({ text: ['body'] });
    // 600 notes mention LiFePO4: the older half are ada's, the newer half bob's, then 3 new ones of ada's.
    const docs = [
      ...Array.from({ length: 300 }, (_, i) => ({ _id: `a${i}`, owner: 'ada', body: `LiFePO4 note ${i}` })),
      ...Array.from({ length: 300 }, (_, i) => ({ _id: `b${i}`, owner: 'bob', body: `LiFePO4 note ${i}` })),
      ...Array.from({ length: 3 }, (_, i) => ({ _id: `late${i}`, owner: 'ada', body: `LiFePO4 cathode ${i}` })),
    ];
    // Three batches, so the write order between the groups is certain.
    for (const [from, to] of [[0, 300], [300, 600], [600, 603]] as const) {
      await store.applyProjectionBatch('notes', docs.slice(from, to).map((document, i) => ({ kind: 'put' as const, collection: 'notes', document: { ...document, _position: from + i } })), BigInt(to));
    }
    const ids = async (newest: number, filter = { owner: 'ada' }) => (await notes.textSearch('LiFePO4', { filter, newest, limit: 1000 })).map((d) => d._id);
    // The 3 latest of ada's, then two of her older ones, read past bob's 300 (never his).
    const five = await ids(5);
    expect(five.filter((id) => id.startsWith('late')).sort()).toEqual(['late0', 'late1', 'late2']);
    expect(five.filter((id) => /^a\d+$/.test(id))).toHaveLength(2);
    expect(await ids(1000)).toHaveLength(303);
    // Without `newest`, every match is ranked, as before.
    expect((await notes.textSearch('LiFePO4', { filter: { owner: 'ada' }, limit: 1000 }))).toHaveLength(303);
    // Ranking still prefers the better match among those considered.
    expect((await notes.textSearch('LiFePO4 cathode', { filter: { owner: 'ada' }, newest: 10, limit: 3 })).map((d) => d._id).sort()).toEqual(['late0', 'late1', 'late2']);
  });

  it('writes back the versions a restore read as they were stored, and reads them back the same', async () => {
    const store = open();
    const timeline = store.timeline();
    const long = (n: number) => ({ note: `observation ${n} `.repeat(12) });
    const put = (key: string, ord: number, n: number) => ({ part: 'items', key, ord, value: long(n) });
    const advance = (revision: number, changes: ReturnType<typeof put>[]) => store.applyProjectionBatch('timeline', [{ kind: 'timeline', advance: { stream: 's', revision, changes } }], BigInt(revision + 1));
    await advance(0, [put('a', 1, 0), put('b', 2, 0)]);
    await advance(1, [put('a', 1, 1)]);
    await advance(2, [put('b', 2, 2)]);
    // A restore of revision 0: its plan reads each changed item's version then, and its event puts them back.
    const before = await timeline.changedSince('s', 0, 2);
    await advance(3, before.map((c) => ({ part: c.part, key: c.key, ord: c.before!.ord, value: c.before!.value as { note: string } })));
    expect(await timeline.at('s', 3)).toEqual(await timeline.at('s', 0));
    const db = new Database(file, { readonly: true });
    const stored = db.prepare("SELECT key, value FROM rm_timeline WHERE from_rev IN (0, 3) ORDER BY key, from_rev").all() as Array<{ key: string; value: Buffer }>;
    db.close();
    expect(stored.map((r) => r.key)).toEqual(['a', 'a', 'b', 'b']);
    expect(Buffer.isBuffer(stored[0]!.value)).toBe(true);
    expect(stored[1]!.value.equals(stored[0]!.value)).toBe(true);
    expect(stored[3]!.value.equals(stored[2]!.value)).toBe(true);
  });

  it('takes over a lease whose holder on this machine is gone (killed), never one whose holder runs', async () => {
    const store = open();
    const now = new Date();
    const dead = `${hostname()}:2147483646:dead`;
    expect(await store.acquireLease('projection:x', dead, 60_000, now)).toBe(true);
    expect(await store.acquireLease('projection:x', `${hostname()}:${process.pid}:me`, 60_000, now)).toBe(true);
    const alive = `${hostname()}:${process.ppid}:parent`;
    expect(await store.acquireLease('projection:y', alive, 60_000, now)).toBe(true);
    expect(await store.acquireLease('projection:y', `${hostname()}:${process.pid}:me`, 60_000, now)).toBe(false);
    expect(await store.acquireLease('projection:z', 'elsewhere:1:other', 60_000, now)).toBe(true);
    expect(await store.acquireLease('projection:z', `${hostname()}:${process.pid}:me`, 60_000, now)).toBe(false);
  });
});
