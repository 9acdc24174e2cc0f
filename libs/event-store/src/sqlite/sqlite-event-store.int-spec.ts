import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describeEventStoreConformance } from '../conformance/event-store.conformance.js';
import { collect, newEvent, newEvents, revisions } from '../conformance/fixtures.js';
import { verifyStream } from '../verify-stream.js';
import { IDEMPOTENCY_WINDOW } from '../idempotency/idempotency.port.js';
import { SqliteEventStore } from './sqlite-event-store.js';

function tempDir(): { dir: string; file: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'crystalyse-es-'));
  return { dir, file: join(dir, 'events.db'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

describeEventStoreConformance('sqlite', async () => {
  const temp = tempDir();
  const store = new SqliteEventStore({ path: temp.file });
  return {
    store,
    cleanup: async () => {
      await store.close();
      temp.remove();
    },
  };
});

describe('SqliteEventStore', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    temp = tempDir();
  });
  afterEach(() => temp.remove());

  it('keeps everything across close and reopen, and positions continue', async () => {
    const first = new SqliteEventStore({ path: temp.file });
    const written = newEvents(3);
    const result = await first.appendToStream('session-1', written);
    await first.setStreamMetadata('session-1', { maxCount: 10, owner: 'ada' });
    await first.close();

    const reopened = SqliteEventStore.open({ path: temp.file });
    try {
      const events = await reopened.readStream('session-1');
      expect(events.map((e) => e.eventId)).toEqual(written.map((e) => e.eventId));
      expect(await reopened.getStreamMetadata('session-1')).toEqual({ maxCount: 10, owner: 'ada' });
      expect(await reopened.headPosition()).toBe(result.position);
      const next = await reopened.appendToStream('session-1', newEvents(1), { expectedRevision: 2n });
      expect(next.position).toBeGreaterThan(result.position);
      expect((await verifyStream(reopened, 'session-1')).ok).toBe(true);
    } finally {
      await reopened.close();
    }
  });

  it('keeps no-op outcomes in the file across a reopen, and deletes (not hides) keys past the window', async () => {
    const first = new SqliteEventStore({ path: temp.file });
    await first.idempotency.record('session-1', 'u:k', { revision: 3n, position: 17n });
    await first.close();
    const second = new SqliteEventStore({ path: temp.file });
    expect(await second.idempotency.find('session-1', 'u:k')).toEqual({ revision: 3n, position: 17n });
    await Promise.all(Array.from({ length: IDEMPOTENCY_WINDOW + 5 }, (_, i) => second.idempotency.record('session-1', `k-${i}`, { revision: 0n, position: 0n })));
    await second.idempotency.record('session-2', 'u:k', { revision: 0n, position: 0n });
    await second.close();
    const raw = new Database(temp.file, { readonly: true });
    const rows = raw.prepare('SELECT stream_id, COUNT(*) AS n FROM command_outcomes GROUP BY stream_id ORDER BY stream_id').all();
    raw.close();
    expect(rows).toEqual([{ stream_id: 'session-1', n: IDEMPOTENCY_WINDOW }, { stream_id: 'session-2', n: 1 }]);
  });

  it('settles appends queued before close() instead of dropping them', async () => {
    const store = new SqliteEventStore({ path: temp.file });
    const pending = store.appendToStream('s', newEvents(2));
    await store.close();
    await expect(pending).resolves.toMatchObject({ nextExpectedRevision: 1n });
    await expect(store.appendToStream('s', newEvents(1))).rejects.toThrow(/closed/);
  });

  it('close() ends the subscriptions that are waiting', async () => {
    const store = new SqliteEventStore({ path: temp.file });
    const subscription = store.subscribeToAll({ fromPosition: 'end' });
    const loop = (async () => {
      for await (const _event of subscription) return 'event';
      return 'ended';
    })();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await store.close();
    await expect(loop).resolves.toBe('ended');
  });

  it('verifyStream names the revision whose row was edited behind the store', async () => {
    const store = new SqliteEventStore({ path: temp.file });
    try {
      await store.appendToStream('session-t', newEvents(5));
      expect(await verifyStream(store, 'session-t')).toMatchObject({ ok: true, eventsChecked: 5 });

      const intruder = new Database(temp.file);
      intruder.prepare("UPDATE events SET data = json_set(data, '$.i', 99) WHERE stream_id = ? AND revision = 3").run('session-t');
      intruder.close();

      expect(await verifyStream(store, 'session-t')).toMatchObject({ ok: false, firstBadRevision: 3n, eventsChecked: 3 });
    } finally {
      await store.close();
    }
  });

  it('group commit writes appends issued together in few transactions', async () => {
    const store = new SqliteEventStore({ path: temp.file });
    try {
      const before = store.stats();
      const results = await Promise.all(Array.from({ length: 200 }, (_, i) => store.appendToStream(`batch-${i % 7}`, [newEvent()])));
      const after = store.stats();
      expect(after.operations - before.operations).toBe(200);
      expect(after.transactions - before.transactions).toBeLessThanOrEqual(5);
      expect(new Set(results.map((r) => r.position)).size).toBe(200);
    } finally {
      await store.close();
    }
  });

  it('a refused append in a group rolls back alone', async () => {
    const store = new SqliteEventStore({ path: temp.file });
    try {
      const [ok1, refused, ok2, badJson] = await Promise.allSettled([
        store.appendToStream('g', newEvents(2), { expectedRevision: 'no_stream' }),
        store.appendToStream('g', newEvents(1), { expectedRevision: 'no_stream' }),
        store.appendToStream('g', newEvents(1), { expectedRevision: 1n }),
        store.appendToStream('g', [newEvent('Bad', { size: 1n })]),
      ]);
      expect([ok1.status, refused.status, ok2.status, badJson.status]).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
      expect(store.stats().transactions).toBe(1);
      expect(revisions(await store.readStream('g'))).toEqual([0n, 1n, 2n]);
      expect((await verifyStream(store, 'g')).ok).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('a subscription sees events written by another process (another connection)', async () => {
    const store = new SqliteEventStore({ path: temp.file });
    const other = new SqliteEventStore({ path: temp.file });
    try {
      const subscription = store.subscribeToAll({ fromPosition: 'end' });
      const event = newEvent('FromElsewhere', { id: randomUUID() });
      const received = (async () => {
        for await (const e of subscription) return e;
        return undefined;
      })();
      await other.appendToStream('elsewhere', [event]);
      expect((await received)?.eventId).toBe(event.eventId);
      await subscription.close();
    } finally {
      await other.close();
      await store.close();
    }
  });

  it('a subscription catching up in small pages misses nothing behind a filter', async () => {
    const store = new SqliteEventStore({ path: temp.file, subscriptionPageSize: 4 });
    try {
      const wanted = [];
      for (let i = 0; i < 30; i++) {
        const event = newEvent('Step', { i });
        await store.appendToStream(i % 3 === 0 ? 'other-1' : 'wanted-1', [event]);
        if (i % 3 !== 0) wanted.push(event.eventId);
      }
      const subscription = store.subscribeToAll({ filter: { streamPrefixes: ['wanted-'] } });
      const seen = await collect(subscription, wanted.length, 2000);
      expect(seen.map((e) => e.eventId)).toEqual(wanted);
    } finally {
      await store.close();
    }
  });

  it('packs long events on disk, reads rows written as plain text by earlier versions, and the chain still verifies', async () => {
    const store = new SqliteEventStore({ path: temp.file });
    try {
      const long = { answer: 'olivine structure, space group Pnma; molar mass 157.76 g/mol. '.repeat(20) };
      await store.appendToStream('packed-1', [newEvent('Answered', long), newEvent('Noted', { k: 1 })]);
      const raw = new Database(temp.file);
      const kinds = raw.prepare("SELECT typeof(data) AS data, typeof(metadata) AS metadata FROM events WHERE stream_id = 'packed-1' ORDER BY revision").all();
      expect(kinds).toEqual([{ data: 'blob', metadata: 'blob' }, { data: 'text', metadata: 'blob' }]);
      // An older file: the same row as plain JSON text.
      raw.prepare("UPDATE events SET data = ? WHERE stream_id = 'packed-1' AND revision = 0").run(JSON.stringify(long));
      raw.close();
      const events = await store.readStream('packed-1');
      expect(events.map((e) => e.data)).toEqual([long, { k: 1 }]);
      expect((await verifyStream(store, 'packed-1')).ok).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('hides events older than maxAge', async () => {
    const store = new SqliteEventStore({ path: temp.file });
    try {
      await store.appendToStream('aged', newEvents(2));
      const raw = new Database(temp.file);
      raw.prepare("UPDATE events SET created = '2000-01-01T00:00:00.000Z' WHERE stream_id = 'aged' AND revision = 0").run();
      raw.close();
      await store.setStreamMetadata('aged', { maxAge: 60 });
      expect(revisions(await store.readStream('aged'))).toEqual([1n]);
    } finally {
      await store.close();
    }
  });
});

describe('SQLite snapshot storage on disk', () => {
  it('overwrites one row per stream: snapshots take the same bytes after 1,000 writes as after one, packed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crystalyse-snapshots-'));
    const store = SqliteEventStore.open({ path: join(dir, 'events.db') });
    const state = { items: Array.from({ length: 200 }, (_, i) => `item ${i}`) };
    const stored = () => {
      const raw = new Database(join(dir, 'events.db'), { readonly: true });
      const rows = raw.prepare('SELECT count(*) AS n, sum(length(data)) AS bytes FROM snapshots').get() as { n: number; bytes: number };
      raw.close();
      return rows;
    };
    await store.snapshots.write('session-s', { revision: '0', state });
    const first = stored();
    for (let i = 1; i < 1000; i++) await store.snapshots.write('session-s', { revision: String(i), state });
    const last = stored();
    expect(last.n).toBe(1);
    expect(last.bytes).toBeLessThanOrEqual(first.bytes + 4);
    expect(last.bytes).toBeLessThan(JSON.stringify({ revision: '999', state }).length / 3);
    expect(await store.snapshots.read('session-s')).toEqual({ revision: '999', state });
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
