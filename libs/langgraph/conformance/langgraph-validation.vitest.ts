// @langchain/langgraph-checkpoint-validation against our saver on the embedded SQLite store: every
// checkpointer gets a fresh store file, as the suite requires (no state shared between instances).
// The opt-in DeltaChannel history suite runs too, and the whole suite again with a keyframe every
// other event, so that reads start from keyframes as often as possible.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deltaChannelHistoryTests, validate } from '@langchain/langgraph-checkpoint-validation';
import { SqliteEventStore } from '@crystalyse/event-store';
import { EventStoreSaver } from '@crystalyse/langgraph-checkpoint';

const open = new Map<EventStoreSaver, { store: SqliteEventStore; dir: string }>();

const initializer = (name: string, frameEvery?: number) => ({
  checkpointerName: name,
  createCheckpointer(): EventStoreSaver {
    const dir = mkdtempSync(join(tmpdir(), 'crystalyse-langgraph-'));
    const store = SqliteEventStore.open({ path: join(dir, 'events.db') });
    const saver = new EventStoreSaver({ store, ...(frameEvery ? { frameEvery } : {}) });
    open.set(saver, { store, dir });
    return saver;
  },
  async destroyCheckpointer(saver: EventStoreSaver): Promise<void> {
    const resources = open.get(saver);
    open.delete(saver);
    await resources?.store.close();
    if (resources) rmSync(resources.dir, { recursive: true, force: true });
  },
});

validate(initializer('@crystalyse/langgraph-checkpoint'));
validate(initializer('@crystalyse/langgraph-checkpoint (a keyframe every other event)', 2));

describe('opt-in suites', () => {
  deltaChannelHistoryTests(initializer('@crystalyse/langgraph-checkpoint'));
  deltaChannelHistoryTests(initializer('@crystalyse/langgraph-checkpoint (a keyframe every other event)', 2));
});
