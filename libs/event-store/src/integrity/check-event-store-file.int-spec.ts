// The integrity check on real SQLite files damaged the ways files get damaged: cut short,
// overwritten in the middle, a row edited or deleted behind the store's back, a header lost.
import { mkdtempSync, openSync, readFileSync, rmSync, truncateSync, writeSync, closeSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { newEvent } from '../conformance/fixtures.js';
import { SqliteEventStore } from '../sqlite/sqlite-event-store.js';
import { StoreReadOnly } from '../errors.js';
import { checkEventStoreFile, formatIntegrityReport } from './check-event-store-file.js';
import { runCheckCommand } from './check-command.js';

/** A store of three streams, 40 events each, with data long enough to be packed (BLOB rows). */
async function writeStore(file: string): Promise<void> {
  const store = SqliteEventStore.open({ path: file });
  for (const stream of ['session-a', 'session-b', 'session-c']) {
    for (let i = 0; i < 4; i++) {
      await store.appendToStream(stream, Array.from({ length: 10 }, (_, j) => newEvent('ToolInvoked', { tool: 'molar_mass', formula: 'LiFePO4', step: i * 10 + j, note: 'olivine cathode with one-dimensional Li+ channels '.repeat(3) })));
    }
  }
  await store.close();
}

function overwrite(file: string, offset: number, bytes: Buffer): void {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, bytes, 0, bytes.length, offset);
  } finally {
    closeSync(fd);
  }
}

describe('checkEventStoreFile on damaged files', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crystalyse-integrity-'));
    file = join(dir, 'events.db');
    await writeStore(file);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a whole file is ok, quick and full; a missing one is nothing to check; the check writes nothing', () => {
    const before = readFileSync(file);
    const quick = checkEventStoreFile(file);
    expect(quick).toMatchObject({ ok: true, exists: true, level: 'quick', problems: [] });
    expect(quick.checked.streams).toBe(3);
    const full = checkEventStoreFile(file, { level: 'full' });
    expect(full).toMatchObject({ ok: true, level: 'full' });
    expect(full.checked.events).toBe(120);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(formatIntegrityReport(quick)).toMatch(/^OK {2}quick check of .*events\.db: \d+ bytes/);
    expect(checkEventStoreFile(join(dir, 'none.db'))).toMatchObject({ ok: true, exists: false });
  });

  it('truncation: names the file, the missing pages and the offset where it was cut', () => {
    const size = statSync(file).size;
    const pageSize = new Database(file, { readonly: true }).pragma('page_size', { simple: true }) as number;
    const cut = Math.floor(size / pageSize / 2) * pageSize;
    truncateSync(file, cut);
    const report = checkEventStoreFile(file);
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatchObject({ kind: 'truncated', offset: cut, page: cut / pageSize + 1 });
    expect(report.problems[0]!.message).toContain(file);
    expect(report.problems[0]!.message).toContain(`from offset ${cut}`);
  });

  it('a cut in the middle of a page is named too', () => {
    truncateSync(file, statSync(file).size - 100);
    const report = checkEventStoreFile(file);
    expect(report.problems.map((p) => p.kind)).toContain('truncated');
  });

  it('bytes overwritten mid-file (a page of the events table): names the table and the positions that cannot be read', () => {
    const db = new Database(file, { readonly: true });
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    // A leaf page of the events table from the middle of the file (dbstat lists each b-tree's pages).
    const leaves = db.prepare<[], number>("SELECT pageno FROM dbstat WHERE name = 'events' AND pagetype = 'leaf' ORDER BY pageno").pluck().all();
    db.close();
    const page = leaves[Math.floor(leaves.length / 2)]!;
    overwrite(file, (page - 1) * pageSize, Buffer.alloc(pageSize, 0xa5));
    const report = checkEventStoreFile(file);
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.message).join('\n')).toContain('the events table (or one of its indexes) is damaged');
    const lost = report.problems.find((p) => p.position !== undefined)!;
    expect(lost.message).toMatch(/the events at positions \d+\.\.\d+ cannot be read \(damaged pages\); the last readable event before them is position \d+ \(session-\w revision \d+\); events read again from position \d+/);
    expect(lost.message).toContain(file);
    expect(formatIntegrityReport(report)).toMatch(/^DAMAGED {2}quick check of/);
  });

  it('quick_check\'s own messages name the page and its byte offset', () => {
    // An index page zeroed: SQLite reports it in quick_check's rows rather than failing outright.
    const db = new Database(file, { readonly: true });
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const pages = db.prepare<[], number>("SELECT pageno FROM dbstat WHERE name = 'events_by_event_id' ORDER BY pageno").pluck().all();
    db.close();
    overwrite(file, (pages.at(-1)! - 1) * pageSize + 8, Buffer.alloc(64, 0xff));
    const report = checkEventStoreFile(file);
    expect(report.ok).toBe(false);
    const named = report.problems.find((p) => p.page !== undefined);
    expect(named).toMatchObject({ kind: 'page-corruption', page: pages.at(-1), offset: (pages.at(-1)! - 1) * pageSize });
    expect(named!.message).toContain(`page ${pages.at(-1)}`);
    expect(named!.message.split('\n').length).toBeLessThanOrEqual(7); // long SQLite reports are cut
  });

  it('a lost header: not an SQLite database', () => {
    overwrite(file, 0, Buffer.from('this is not sqlite at all'));
    expect(checkEventStoreFile(file).problems[0]).toMatchObject({ kind: 'not-sqlite', offset: 0 });
  });

  it('a head row edited behind the store\'s back (packed BLOB replaced by other JSON): hash mismatch naming stream, revision and position', () => {
    const db = new Database(file);
    const head = db.prepare("SELECT position, revision, typeof(data) AS kind FROM events WHERE stream_id = 'session-b' ORDER BY revision DESC LIMIT 1").get() as { position: number; revision: number; kind: string };
    expect(head.kind).toBe('blob'); // the row is packed: the check reads it with unpackJson
    db.prepare('UPDATE events SET data = ? WHERE position = ?').run(JSON.stringify({ tool: 'molar_mass', formula: 'LiCoO2' }), head.position);
    db.close();
    const report = checkEventStoreFile(file);
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'hash-mismatch', streamId: 'session-b', revision: head.revision, position: head.position })]);
    expect(report.problems[0]!.message).toContain('edited');
  });

  it('a packed row whose bytes no longer inflate is unreadable, named by stream and revision', () => {
    const db = new Database(file);
    const head = db.prepare("SELECT position, revision FROM events WHERE stream_id = 'session-c' ORDER BY revision DESC LIMIT 1").get() as { position: number; revision: number };
    db.prepare('UPDATE events SET data = ? WHERE position = ?').run(Buffer.from([1, 0xff, 0xfe, 0xfd, 0x00, 0x13]), head.position);
    db.close();
    expect(checkEventStoreFile(file).problems[0]).toMatchObject({ kind: 'unreadable-row', streamId: 'session-c', revision: head.revision });
  });

  it('the last events of a stream deleted: its head no longer matches what is stored', () => {
    const db = new Database(file);
    db.prepare("DELETE FROM events WHERE stream_id = 'session-a' AND revision >= 38").run();
    db.close();
    expect(checkEventStoreFile(file).problems[0]).toMatchObject({ kind: 'head-mismatch', streamId: 'session-a', revision: 39 });
  });

  it('an old event edited: outside the quick check\'s window it takes the full check, which names it', () => {
    const db = new Database(file);
    const old = db.prepare("SELECT position FROM events WHERE stream_id = 'session-a' AND revision = 5").get() as { position: number };
    db.prepare('UPDATE events SET type = ? WHERE position = ?').run('Forged', old.position);
    db.close();
    // The quick check recomputes the latest events and the most recent heads only.
    expect(checkEventStoreFile(file, { recentEvents: 10, hashedHeads: 1 }).ok).toBe(true);
    const full = checkEventStoreFile(file, { level: 'full' });
    expect(full.problems[0]).toMatchObject({ kind: 'hash-mismatch', streamId: 'session-a', revision: 5, position: old.position });
  });

  it('a store opened read-only refuses every write with StoreReadOnly and leaves the file as it was', async () => {
    const before = readFileSync(file);
    const store = SqliteEventStore.open({ path: file, readOnly: 'damaged for the test' });
    expect((await store.readStream('session-a')).length).toBe(40);
    await expect(store.appendToStream('session-a', [newEvent()])).rejects.toBeInstanceOf(StoreReadOnly);
    await expect(store.appendToStream('session-a', [newEvent()])).rejects.toThrow('The event store is read-only: damaged for the test');
    await expect(store.snapshots.write('session-a', { x: 1 })).rejects.toBeInstanceOf(StoreReadOnly);
    await store.close();
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(existsSync(file)).toBe(true);
  });

  it('runCheckCommand: exit 0 and OK when whole, 2 and the damage on stderr when not, 1 without a file; --json', () => {
    const out = { lines: [] as string[], errors: [] as string[] };
    const sink = { log: (l: string) => out.lines.push(l), error: (l: string) => out.errors.push(l) };
    expect(runCheckCommand([], dir, sink)).toBe(0);
    expect(out.lines[0]).toMatch(/^OK/);
    const db = new Database(file);
    db.prepare("DELETE FROM events WHERE stream_id = 'session-c' AND revision = 39").run();
    db.close();
    expect(runCheckCommand(['--full'], dir, sink)).toBe(2);
    expect(out.errors.join('\n')).toMatch(/DAMAGED {2}full check of .*\[head-mismatch\].*session-c/s);
    out.lines = [];
    expect(runCheckCommand(['--json'], dir, sink)).toBe(2);
    expect(JSON.parse(out.lines.join('\n'))).toMatchObject({ ok: false, problems: [expect.objectContaining({ kind: 'head-mismatch', streamId: 'session-c' })] });
    expect(runCheckCommand(['--file', join(dir, 'missing.db')], dir, sink)).toBe(1);
  });
});
