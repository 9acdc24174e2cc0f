// The shared conformance suite against the adapter on the in-memory fake client: proves the
// adapter's own logic (hash chain, races, re-sends, filters, positions, subscriptions) meets the
// suite wherever no server runs. eventstoredb-event-store.int-spec.ts runs the same suite against
// a real EventStoreDB, which is what proves the server-side half.
import { describeEventStoreConformance } from '../conformance/event-store.conformance.js';
import { EventStoreDbEventStore } from './eventstoredb-event-store.js';
import { FakeEsdbClient } from './fake-esdb-client.js';

describeEventStoreConformance('eventstoredb adapter on a fake client', async () => {
  const store = new EventStoreDbEventStore(new FakeEsdbClient().asClient());
  return { store, cleanup: () => store.close() };
});
