// Shared set-up of the projection runner's integration tests: a real SQLite read-model store
// in a temp dir, and each available event store (the in-memory double and the SQLite store).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type EventData, type EventStore } from '@crystalyse/event-store';
import type { DocumentStore } from '../document-store.port.js';
import { ProjectionRunner, type ProjectionRunnerOptions } from '../projections/projection-runner.js';
import type { Projection } from '../projections/projection.js';
import { silentProjectionLogger } from '../projections/projection-logger.js';
import { SqliteDocumentStore } from '../sqlite/sqlite-document-store.js';
import { InMemoryEventStore, testEvent } from './in-memory-event-store.js';

export const EVENT_STORES: Array<[string, (dir: string) => EventStore]> = [
  ['in-memory', () => new InMemoryEventStore()],
  ['SQLite', (dir) => SqliteEventStore.open({ path: join(dir, 'events.db'), synchronous: 'NORMAL' })],
];

export interface Harness {
  dir: string;
  events: EventStore;
  store: SqliteDocumentStore;
  /** Another connection to the same read-model file, as a second process would have. */
  openStore(): SqliteDocumentStore;
  runner(projection: Projection<any>, options?: Partial<ProjectionRunnerOptions>): ProjectionRunner;
  close(): Promise<void>;
}

export function openHarness(openEvents: (dir: string) => EventStore): Harness {
  const dir = mkdtempSync(join(tmpdir(), 'rm-runner-'));
  const events = openEvents(dir);
  const file = join(dir, 'read-models.db');
  const stores: SqliteDocumentStore[] = [];
  const openStore = () => {
    const store = new SqliteDocumentStore({ filename: file });
    stores.push(store);
    return store;
  };
  const store = openStore();
  const runners: ProjectionRunner[] = [];
  return {
    dir,
    events,
    store,
    openStore,
    runner(projection, options = {}) {
      const runner = new ProjectionRunner(projection, {
        eventStore: events,
        store: options.store ?? store,
        logger: silentProjectionLogger,
        retryInitialMs: 10,
        retryMaxMs: 200,
        leaseTtlMs: 1000,
        checkpointPollMs: 20,
        ...options,
      });
      runners.push(runner);
      return runner;
    },
    async close() {
      await Promise.all(runners.map((r) => r.stop()));
      await events.close();
      for (const s of stores) await s.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Appends `count` events in chunks across a few streams; returns the last position. */
export async function appendMany(events: EventStore, count: number, make: (i: number) => [string, EventData]): Promise<bigint> {
  let position = 0n;
  const chunk: Map<string, EventData[]> = new Map();
  const flush = async () => {
    for (const [stream, batch] of chunk) position = (await events.appendToStream(stream, batch)).position;
    chunk.clear();
  };
  for (let i = 0; i < count; i++) {
    const [stream, event] = make(i);
    chunk.set(stream, [...(chunk.get(stream) ?? []), event]);
    if ((i + 1) % 250 === 0) await flush();
  }
  await flush();
  return position;
}

export const tick = (i: number): [string, EventData] => [`ticks-${i % 7}`, testEvent('Ticked', { i })];

export async function registerUser(events: EventStore, id: string, name: string, email: string): Promise<bigint> {
  return (await events.appendToStream(`user-${id}`, [testEvent('UserRegistered', { name, email })])).position;
}
