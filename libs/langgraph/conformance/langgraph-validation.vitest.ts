// @langchain/langgraph-checkpoint-validation against our saver on the embedded SQLite store: every
// checkpointer gets a fresh store file, as the suite requires (no state shared between instances).
// The opt-in DeltaChannel history suite runs too; then the whole suite again with a keyframe every
// other event (so reads start from keyframes as often as possible), and on the EventStoreDB
// adapter over its in-memory fake client (the adapter's own logic; no server needed).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deltaChannelHistoryTests, validate } from '@langchain/langgraph-checkpoint-validation';
import { EventStoreDbEventStore, SqliteEventStore, type EventStore } from '@crystalyse/event-store';
import { FakeEsdbClient } from '../../event-store/src/eventstoredb/fake-esdb-client.js';
import { EventStoreSaver } from '@crystalyse/langgraph-checkpoint';

const open = new Map<EventStoreSaver, { store: EventStore; dir?: string }>();

const sqlite = () => {
  const dir = mkdtempSync(join(tmpdir(), 'crystalyse-langgraph-'));
  return { store: SqliteEventStore.open({ path: join(dir, 'events.db') }), dir };
};
const eventStoreDb = () => ({ store: new EventStoreDbEventStore(new FakeEsdbClient().asClient()) });

const initializer = (name: string, options: { frameEvery?: number; store?: () => { store: EventStore; dir?: string } } = {}) => ({
  checkpointerName: name,
  createCheckpointer(): EventStoreSaver {
    const resources = (options.store ?? sqlite)();
    const saver = new EventStoreSaver({ store: resources.store, ...(options.frameEvery ? { frameEvery: options.frameEvery } : {}) });
    open.set(saver, resources);
    return saver;
  },
  async destroyCheckpointer(saver: EventStoreSaver): Promise<void> {
    const resources = open.get(saver);
    open.delete(saver);
    await resources?.store.close();
    if (resources?.dir) rmSync(resources.dir, { recursive: true, force: true });
  },
});

validate(initializer('@crystalyse/langgraph-checkpoint'));
validate(initializer('@crystalyse/langgraph-checkpoint (a keyframe every other event)', { frameEvery: 2 }));
validate(initializer('@crystalyse/langgraph-checkpoint on the EventStoreDB adapter', { store: eventStoreDb }));

describe('opt-in suites', () => {
  deltaChannelHistoryTests(initializer('@crystalyse/langgraph-checkpoint'));
  deltaChannelHistoryTests(initializer('@crystalyse/langgraph-checkpoint (a keyframe every other event)', { frameEvery: 2 }));
  deltaChannelHistoryTests(initializer('@crystalyse/langgraph-checkpoint on the EventStoreDB adapter', { store: eventStoreDb }));
});
