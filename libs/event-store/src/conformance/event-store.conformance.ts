// The one suite every EventStore adapter must pass (embedded SQLite here; EventStoreDB when
// EVENTSTORE_URL is set). Call it from an adapter's *.int-spec.ts:
//   describeEventStoreConformance('sqlite', async () => ({ store, cleanup }));
// The factory runs once per suite; tests use their own random stream names, so a shared,
// long-lived server works, and the store is never emptied between tests.
import type { EventStore } from '../event-store.port.js';
import { appendConformance } from './append.conformance.js';
import type { ConformanceContext } from './fixtures.js';
import { idempotencyConformance } from './idempotency.conformance.js';
import { snapshotsConformance } from './snapshots.conformance.js';
import { readConformance } from './read.conformance.js';
import { streamLifecycleConformance } from './stream-lifecycle.conformance.js';
import { subscriptionConformance } from './subscription.conformance.js';

export interface ConformanceTarget {
  store: EventStore;
  cleanup(): Promise<void>;
}

export function describeEventStoreConformance(name: string, factory: () => Promise<ConformanceTarget>): void {
  describe(`EventStore conformance: ${name}`, () => {
    let target: ConformanceTarget | undefined;
    const ctx: ConformanceContext = {
      store: () => {
        if (!target) throw new Error('The conformance store was not created (factory failed?)');
        return target.store;
      },
    };

    beforeAll(async () => {
      target = await factory();
    });

    afterAll(async () => {
      await target?.cleanup();
    });

    appendConformance(ctx);
    readConformance(ctx);
    subscriptionConformance(ctx);
    streamLifecycleConformance(ctx);
    idempotencyConformance(ctx);
    snapshotsConformance(ctx);
  });
}
