// Reading and loading a 100k-event session stream: the raw read, the fold from the first event,
// and the load from a snapshot (the snapshot plus the events after it).
import { randomUUID } from 'node:crypto';
import { loadStream, SnapshotStore, SqliteEventStore, type EventData } from '@crystalyse/event-store';
import { sessionDecider, sessionStream } from '@crystalyse/domain';
import { benchEvent, measure, tempDir, withTarget, type Measurement } from './bench-kit.js';

const STREAM_EVENTS = 100_000;
const RUNS = 7;
// As the API snapshots sessions: every 100 events.
const SNAPSHOT = { every: 100, version: 'bench-1' };

function created(sessionId: string): EventData {
  const at = '2026-11-25T12:00:00.000Z';
  return {
    ...benchEvent(0),
    eventId: randomUUID(),
    type: 'SessionCreated',
    data: { sessionId, ownerId: 'bench', sessionType: 'research', name: 'bench', metadata: {}, config: {}, at },
  };
}

export async function loadBenchmarks(): Promise<Measurement[]> {
  console.log(`Reading and loading one ${STREAM_EVENTS}-event session stream:`);
  const tmp = tempDir('load');
  const store = SqliteEventStore.open({ path: tmp.file('events.db') });
  const id = 'bench-session';
  const stream = sessionStream(id);
  await store.appendToStream(stream, [created(id)]);
  for (let i = 1; i < STREAM_EVENTS; i += 1000) {
    await store.appendToStream(stream, Array.from({ length: Math.min(1000, STREAM_EVENTS - i) }, (_, j) => benchEvent(i + j)));
  }

  const read = await measure('readStream of 100k events', 'ms', RUNS, async () => {
    const start = performance.now();
    const events = await store.readStream(stream);
    if (events.length !== STREAM_EVENTS) throw new Error(`read ${events.length} events`);
    return performance.now() - start;
  });
  const full = await measure('load state, folding all 100k events', 'ms', RUNS, async () => {
    const start = performance.now();
    const loaded = await loadStream(store, stream, sessionDecider);
    if (loaded.revision !== BigInt(STREAM_EVENTS - 1)) throw new Error('incomplete load');
    return performance.now() - start;
  });

  const snapshots = new SnapshotStore(store);
  const head = await loadStream(store, stream, sessionDecider);
  await snapshots.save(stream, { revision: head.revision, state: head.state }, SNAPSHOT);
  // The worst case between two snapshots: the snapshot plus the events written after it.
  const TAIL = SNAPSHOT.every - 1;
  await store.appendToStream(stream, Array.from({ length: TAIL }, (_, j) => benchEvent(STREAM_EVENTS + j)));
  const fromSnapshot = await measure(`load state from a snapshot + ${TAIL} newer events`, 'ms', RUNS, async () => {
    const start = performance.now();
    const loaded = await loadStream(store, stream, sessionDecider, { snapshot: { ...SNAPSHOT, store: snapshots } });
    if (loaded.revision !== head.revision + BigInt(TAIL) || loaded.eventsFolded !== TAIL) throw new Error('snapshot not used');
    return performance.now() - start;
  });

  await store.close();
  tmp.remove();
  return [read, full, withTarget(fromSnapshot, '<', 50, 'a 100k-event stream loads in < 50 ms from a snapshot')];
}
