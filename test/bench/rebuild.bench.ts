// Projection rebuild rate: the session list projection rebuilt from position zero over many
// sessions' events, through the real engine and the embedded document store.
import { randomUUID } from 'node:crypto';
import { SqliteEventStore, type EventData } from '@crystalyse/event-store';
import { sessionStream } from '@crystalyse/domain';
import { allProjections, ProjectionEngine, SqliteDocumentStore } from '@crystalyse/read-models';
import { benchEvent, measure, tempDir, withTarget, type Measurement } from './bench-kit.js';

const SESSIONS = 1_000;
const EVENTS_PER_SESSION = 100;
const RUNS = 3;
const silent = { log: () => undefined, warn: () => undefined, error: () => undefined };

function sessionEvents(id: string): EventData[] {
  const at = '2026-11-25T12:00:00.000Z';
  const first: EventData = { ...benchEvent(0), eventId: randomUUID(), type: 'SessionCreated', data: { sessionId: id, ownerId: 'bench', sessionType: 'research', name: `s ${id}`, metadata: { project: 'bench' }, config: {}, at } };
  return [first, ...Array.from({ length: EVENTS_PER_SESSION - 1 }, (_, i) => benchEvent(i))];
}

export async function rebuildBenchmarks(): Promise<Measurement[]> {
  const total = SESSIONS * EVENTS_PER_SESSION;
  console.log(`Projection rebuild (${SESSIONS} sessions × ${EVENTS_PER_SESSION} events = ${total} events):`);
  const tmp = tempDir('rebuild');
  const store = SqliteEventStore.open({ path: tmp.file('events.db') });
  for (let s = 0; s < SESSIONS; s++) await store.appendToStream(sessionStream(`b${s}`), sessionEvents(`b${s}`));
  const documents = SqliteDocumentStore.open(tmp.file('read-models.db'));
  const engine = new ProjectionEngine(store, documents, allProjections(), { logger: silent });
  await engine.start();

  const rate = await measure('rebuild of the session state projection (timeline and session list)', 'events/s', RUNS, async () => {
    const result = await engine.rebuild('session-state', 120_000);
    if (!result.caughtUp || result.events < total) throw new Error(`rebuild covered ${result.events} of ${total} events`);
    return result.events / (result.ms / 1000);
  });
  const count = await documents.collection('sessions').count({});
  if (count !== SESSIONS) throw new Error(`rebuild produced ${count} sessions, expected ${SESSIONS}`);

  await engine.stop();
  await documents.close();
  await store.close();
  tmp.remove();
  return [withTarget(rate, '>=', 50_000, 'projection rebuild ≥ 50k events/s')];
}
