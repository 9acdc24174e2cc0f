// Append throughput of the embedded store against raw better-sqlite3 inserts of the same rows
// (the ceiling): single events from many concurrent callers (group commit), batches of 100,
// and several writers on separate streams.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { SqliteEventStore } from '@crystalyse/event-store';
import { benchEvent, measure, seconds, tempDir, withTarget, type Measurement } from './bench-kit.js';

const EVENTS = 20_000;
const RUNS = 5;

/** The same rows as the store writes (JSON data and metadata, a SHA-256 per event), 100 per transaction. */
async function rawCeiling(): Promise<number> {
  const tmp = tempDir('raw');
  const db = new Database(tmp.file('raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT NOT NULL, revision INTEGER NOT NULL, event_id TEXT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, created TEXT NOT NULL, UNIQUE(stream_id, revision))');
  // The same index the store keeps for idempotent event ids: the same inserts, done raw.
  db.exec('CREATE INDEX events_by_event_id ON events (stream_id, event_id)');
  const insert = db.prepare('INSERT INTO events (stream_id, revision, event_id, type, data, metadata, created) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const batch = db.transaction((from: number) => {
    let prev = '';
    for (let i = from; i < from + 100; i++) {
      const e = benchEvent(i);
      const data = JSON.stringify(e.data);
      prev = createHash('sha256').update(prev).update(data).digest('hex');
      insert.run('raw-1', i, e.eventId, e.type, data, JSON.stringify({ ...e.metadata, hash: prev }), new Date().toISOString());
    }
  });
  const start = performance.now();
  for (let i = 0; i < EVENTS; i += 100) batch(i);
  const rate = EVENTS / seconds(start);
  db.close();
  tmp.remove();
  return rate;
}

async function withStore(run: (store: SqliteEventStore) => Promise<void>): Promise<number> {
  const tmp = tempDir('append');
  const store = SqliteEventStore.open({ path: tmp.file('events.db') });
  const start = performance.now();
  await run(store);
  const rate = EVENTS / seconds(start);
  await store.close();
  tmp.remove();
  return rate;
}

const batchesOf100 = (stream: string, count: number) => async (store: SqliteEventStore) => {
  for (let i = 0; i < count; i += 100) {
    const events = Array.from({ length: 100 }, (_, j) => benchEvent(i + j));
    await store.appendToStream(stream, events);
  }
};

export async function appendBenchmarks(): Promise<Measurement[]> {
  console.log(`Appends (${EVENTS} events per run, synchronous=FULL):`);
  const raw = await measure('raw better-sqlite3 inserts, 100 per transaction (ceiling)', 'events/s', RUNS, rawCeiling);
  const batched = await measure('store: batches of 100, one writer', 'events/s', RUNS, () => withStore(batchesOf100('bench-1', EVENTS)));
  const writers = await measure('store: batches of 100, 4 concurrent writers on 4 streams', 'events/s', RUNS, () =>
    withStore((store) => Promise.all([0, 1, 2, 3].map((w) => batchesOf100(`bench-w${w}`, EVENTS / 4)(store))).then(() => undefined)),
  );
  const single = await measure('store: single-event appends, 50 concurrent callers (group commit)', 'events/s', RUNS, () =>
    withStore(async (store) => {
      const perCaller = EVENTS / 50;
      await Promise.all(Array.from({ length: 50 }, async (_, c) => {
        for (let i = 0; i < perCaller; i++) await store.appendToStream(`bench-s${c}`, [benchEvent(i)]);
      }));
    }),
  );
  const ratio = batched.median / raw.median;
  console.log(`  batched appends reach ${(ratio * 100).toFixed(0)}% of the raw ceiling`);
  return [raw, withTarget(batched, '>=', 0.5, 'batched appends ≥ 50% of the raw ceiling (ratio of medians)', ratio), writers, single];
}
