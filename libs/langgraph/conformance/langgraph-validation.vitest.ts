// @langchain/langgraph-checkpoint-validation against our saver on the embedded SQLite store: every
// checkpointer gets a fresh store file, as the suite requires (no state shared between instances).
// The opt-in DeltaChannel history suite runs too.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deltaChannelHistoryTests, validate } from '@langchain/langgraph-checkpoint-validation';
import { SqliteEventStore } from '@crystalyse/event-store';
import { EventStoreSaver } from '@crystalyse/langgraph-checkpoint';

const open = new Map<EventStoreSaver, { store: SqliteEventStore; dir: string }>();

const initializer = {
  checkpointerName: '@crystalyse/langgraph-checkpoint',
  createCheckpointer(): EventStoreSaver {
    const dir = mkdtempSync(join(tmpdir(), 'crystalyse-langgraph-'));
    const store = SqliteEventStore.open({ path: join(dir, 'events.db') });
    const saver = new EventStoreSaver({ store });
    open.set(saver, { store, dir });
    return saver;
  },
  async destroyCheckpointer(saver: EventStoreSaver): Promise<void> {
    const resources = open.get(saver);
    open.delete(saver);
    await resources?.store.close();
    if (resources) rmSync(resources.dir, { recursive: true, force: true });
  },
};

validate(initializer);

describe('opt-in suites', () => {
  deltaChannelHistoryTests(initializer);
});
