import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { UnavailableError } from '@eventstore/db-client';
import { StoreUnavailable, StreamDeleted, StreamNotFound, WrongExpectedVersion } from '../errors.js';
import type { EventData } from '../event-store.port.js';
import { EventStoreDbEventStore } from './eventstoredb-event-store.js';
import { FakeEsdbClient } from './fake-esdb-client.js';

const meta = { actor: { userId: 'u1', via: 'api' as const }, occurredAt: '2026-01-01T00:00:00.000Z', correlationId: 'c', causationId: 'c', schemaVersion: 1 };
const ev = (type: string, n = 0): EventData => ({ eventId: randomUUID(), type, data: { n }, metadata: meta });

async function seeded() {
  const fake = new FakeEsdbClient();
  const store = new EventStoreDbEventStore(fake.asClient());
  await store.appendToStream('session-1', [ev('SessionCreated'), ev('QueryAsked', 1), ev('AnswerGiven', 1)]);
  await store.setStreamMetadata('session-1', { owner: 'u1' }); // a $metadata system event in $all
  await store.appendToStream('user-1', [ev('UserRegistered')]);
  await store.appendToStream('session-2', [ev('SessionCreated'), ev('QueryAsked', 2)]);
  return { fake, store };
}

describe('EventStoreDbEventStore.readStream', () => {
  it('maps records and honours direction, fromRevision and maxCount', async () => {
    const { store, fake } = await seeded();
    const all = await store.readStream('session-1');
    expect(all.map((e) => [e.revision, e.type])).toEqual([[0n, 'SessionCreated'], [1n, 'QueryAsked'], [2n, 'AnswerGiven']]);
    expect(all[1]).toMatchObject({ streamId: 'session-1', data: { n: 1 }, metadata: { actor: { userId: 'u1' } } });
    expect(all[1]!.position).toBe(fake.streams.get('session-1')!.events[1]!.position);
    expect(all[1]!.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect((await store.readStream('session-1', { direction: 'backwards', maxCount: 2 })).map((e) => e.revision)).toEqual([2n, 1n]);
    expect((await store.readStream('session-1', { fromRevision: 1n, maxCount: 1 })).map((e) => e.revision)).toEqual([1n]);
    expect((await store.readStream('session-1', { direction: 'backwards', fromRevision: 1n })).map((e) => e.revision)).toEqual([1n, 0n]);
  });

  it('throws StreamNotFound for a missing or soft-deleted stream, StreamDeleted once tombstoned', async () => {
    const { store } = await seeded();
    await expect(store.readStream('session-404')).rejects.toBeInstanceOf(StreamNotFound);
    await store.deleteStream('session-1');
    await expect(store.readStream('session-1')).rejects.toMatchObject({ constructor: StreamNotFound, streamId: 'session-1' });
    await store.tombstoneStream('session-2');
    await expect(store.readStream('session-2')).rejects.toBeInstanceOf(StreamDeleted);
  });

  it('reports an unreachable server as StoreUnavailable', async () => {
    const { store, fake } = await seeded();
    fake.failNext('readStream', new UnavailableError());
    await expect(store.readStream('session-1')).rejects.toBeInstanceOf(StoreUnavailable);
  });
});

describe('EventStoreDbEventStore.readAll', () => {
  it('reads user events in position order, skipping system events', async () => {
    const { store, fake } = await seeded();
    const events = await store.readAll();
    expect(events.map((e) => `${e.streamId}:${e.type}`)).toEqual([
      'session-1:SessionCreated', 'session-1:QueryAsked', 'session-1:AnswerGiven', 'user-1:UserRegistered', 'session-2:SessionCreated', 'session-2:QueryAsked',
    ]);
    expect(fake.all.some((r) => r.type === '$metadata')).toBe(true);
    const positions = events.map((e) => e.position);
    expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
  });

  it('applies prefix, type and combined filters, all here since readAll cannot filter on the server', async () => {
    const { store } = await seeded();
    const names = async (filter: object) => (await store.readAll({ filter })).map((e) => `${e.streamId}:${e.type}`);
    expect(await names({ streamPrefixes: ['user-'] })).toEqual(['user-1:UserRegistered']);
    expect(await names({ eventTypes: ['QueryAsked'] })).toEqual(['session-1:QueryAsked', 'session-2:QueryAsked']);
    expect(await names({ streamPrefixes: ['session-2'], eventTypes: ['QueryAsked', 'UserRegistered'] })).toEqual(['session-2:QueryAsked']);
  });

  it('reads from a position inclusively, forwards and backwards', async () => {
    const { store, fake } = await seeded();
    const events = await store.readAll();
    const third = events[2]!.position;
    expect((await store.readAll({ fromPosition: third, maxCount: 2 })).map((e) => e.position)).toEqual([third, events[3]!.position]);
    expect((await store.readAll({ fromPosition: third, direction: 'backwards' })).map((e) => e.position)).toEqual([third, events[1]!.position, events[0]!.position]);
    // Backwards, the server read is exclusive: the event at the position comes from a one-event forward read.
    expect(fake.reads.at(-2)!.options).toMatchObject({ fromPosition: { commit: third, prepare: third }, direction: 'forwards', maxCount: 1 });
    expect(fake.reads.at(-1)!.options).toMatchObject({ fromPosition: { commit: third, prepare: third }, direction: 'backwards' });
  });

  it('reads backwards from the end and honours maxCount after filtering, cancelling the rest', async () => {
    const { store, fake } = await seeded();
    const latest = await store.readAll({ direction: 'backwards', maxCount: 2, filter: { streamPrefixes: ['session-1'] } });
    expect(latest.map((e) => e.type)).toEqual(['AnswerGiven', 'QueryAsked']);
    expect(fake.reads.at(-1)!.cancelled).toBe(true);
    await store.readAll();
    expect(fake.reads.at(-1)!.cancelled).toBe(false); // read to the end: nothing to cancel
    expect(await store.readAll({ maxCount: 0 })).toEqual([]);
  });

  it('returns the position of the last user event as the head, 0n when there is none', async () => {
    const { store } = await seeded();
    const events = await store.readAll();
    await store.setStreamMetadata('session-2', { maxCount: 10 }); // system event after the last user event
    expect(await store.headPosition()).toBe(events.at(-1)!.position);
    expect(await new EventStoreDbEventStore(new FakeEsdbClient().asClient()).headPosition()).toBe(0n);
  });
});

describe('EventStoreDbEventStore.subscribeToAll', () => {
  it('delivers stored then live events after an exclusive position, with a server-side filter', async () => {
    const { store, fake } = await seeded();
    const stored = await store.readAll();
    const subscription = store.subscribeToAll({ fromPosition: stored[1]!.position, filter: { streamPrefixes: ['session-'], eventTypes: ['QueryAsked'] } });
    expect(fake.subscriptions[0]!.options).toMatchObject({ fromPosition: { commit: stored[1]!.position }, filter: { filterOn: 'streamName', prefixes: ['session-'] } });
    const received: string[] = [];
    const done = (async () => {
      for await (const event of subscription) {
        received.push(`${event.streamId}:${event.data && (event.data as { n: number }).n}`);
        if (received.length === 2) break;
      }
    })();
    await store.appendToStream('session-3', [ev('SessionCreated'), ev('QueryAsked', 3)]);
    await done;
    // session-1's QueryAsked sits at the start position itself: exclusive, so not delivered.
    expect(received).toEqual(['session-2:2', 'session-3:3']);
    expect(fake.subscriptions[0]!.unsubscribed).toBe(true); // breaking out released the subscription
  });

  it("starts from the beginning with 'start' and filters system events on the server by default", async () => {
    const { store, fake } = await seeded();
    const subscription = store.subscribeToAll();
    expect(fake.subscriptions[0]!.options).toMatchObject({ fromPosition: 'start', filter: { filterOn: 'eventType', regex: expect.any(String) } });
    const types: string[] = [];
    for await (const event of subscription) if (types.push(event.type) === 6) break;
    expect(types).toEqual(['SessionCreated', 'QueryAsked', 'AnswerGiven', 'UserRegistered', 'SessionCreated', 'QueryAsked']);
  });

  it('close() ends an iteration waiting for live events and unsubscribes', async () => {
    const { store, fake } = await seeded();
    const subscription = store.subscribeToAll({ fromPosition: 'end' });
    const seen: string[] = [];
    const loop = (async () => {
      for await (const event of subscription) seen.push(event.type);
    })();
    await new Promise((resolve) => setImmediate(resolve));
    await subscription.close();
    await loop; // would hang if close() did not end the iteration
    expect(seen).toEqual([]);
    expect(fake.subscriptions[0]!.unsubscribed).toBe(true);
    expect(fake.subscriptions[0]!.destroyed).toBe(true);
    await subscription.close(); // idempotent
  });

  it('surfaces a dropped connection as StoreUnavailable', async () => {
    const { store, fake } = await seeded();
    fake.failNext('subscribeToAll', new UnavailableError());
    const subscription = store.subscribeToAll({ fromPosition: 'end' });
    const consume = async () => {
      for await (const _ of subscription) void _;
    };
    await expect(consume()).rejects.toBeInstanceOf(StoreUnavailable);
  });
});

describe('EventStoreDbEventStore metadata, deletes and lifecycle', () => {
  it('round-trips stream metadata through the client shape', async () => {
    const { store, fake } = await seeded();
    await store.setStreamMetadata('session-1', { maxAge: 86_400, maxCount: 50, truncateBefore: 1n, project: 'batteries' });
    expect(fake.metadata.get('session-1')).toEqual({ maxAge: 86_400, maxCount: 50, truncateBefore: 1, project: 'batteries' });
    expect(await store.getStreamMetadata('session-1')).toEqual({ maxAge: 86_400, maxCount: 50, truncateBefore: 1n, project: 'batteries' });
    expect(await store.getStreamMetadata('session-404')).toEqual({});
    expect((await store.readStream('session-1')).map((e) => e.revision)).toEqual([1n, 2n]); // $tb hides revision 0
  });

  it('translates metadata errors', async () => {
    const { store, fake } = await seeded();
    await store.tombstoneStream('session-1');
    await expect(store.getStreamMetadata('session-1')).rejects.toBeInstanceOf(StreamDeleted);
    await expect(store.setStreamMetadata('session-1', { maxCount: 1 })).rejects.toBeInstanceOf(StreamDeleted);
    fake.failNext('getStreamMetadata', new UnavailableError());
    await expect(store.getStreamMetadata('session-2')).rejects.toBeInstanceOf(StoreUnavailable);
  });

  it('passes expected revisions to deletes and maps their errors', async () => {
    const { store } = await seeded();
    await expect(store.deleteStream('session-1', { expectedRevision: 0n })).rejects.toMatchObject({ constructor: WrongExpectedVersion, expected: 0n, actual: 2n });
    await store.deleteStream('session-1', { expectedRevision: 2n });
    await expect(store.readStream('session-1')).rejects.toBeInstanceOf(StreamNotFound);
    await expect(store.tombstoneStream('session-2', { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(WrongExpectedVersion);
    await store.tombstoneStream('session-2', { expectedRevision: 1n });
    await expect(store.deleteStream('session-2')).rejects.toBeInstanceOf(StreamDeleted);
  });

  it("turns 'stream_exists' into the current revision for deletes", async () => {
    const { store, fake } = await seeded();
    await expect(store.deleteStream('session-404', { expectedRevision: 'stream_exists' })).rejects.toMatchObject({ expected: 'stream_exists', actual: 'no_stream' });
    const deleteStream = fake.deleteStream.bind(fake);
    let sent: unknown;
    fake.deleteStream = (streamId, options) => ((sent = options?.expectedRevision), deleteStream(streamId, options));
    await store.deleteStream('session-1', { expectedRevision: 'stream_exists' });
    expect(sent).toBe(2n);
  });

  it('reports $all reads against an unreachable server as StoreUnavailable and disposes the client on close', async () => {
    const { store, fake } = await seeded();
    fake.failNext('readAll', new UnavailableError());
    await expect(store.readAll()).rejects.toBeInstanceOf(StoreUnavailable);
    fake.failNext('readAll', new UnavailableError());
    await expect(store.headPosition()).rejects.toBeInstanceOf(StoreUnavailable);
    await store.close();
    expect(fake.disposed).toBe(true);
  });

  it('with a real client and no server, every call fails as StoreUnavailable', async () => {
    // A port that was free a moment ago: nothing listens there.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const store = EventStoreDbEventStore.fromConnectionString(`esdb://127.0.0.1:${port}?tls=false`);
    try {
      await expect(store.readStream('session-1')).rejects.toBeInstanceOf(StoreUnavailable);
      await expect(store.readAll()).rejects.toBeInstanceOf(StoreUnavailable);
      await expect(store.getStreamMetadata('session-1')).rejects.toBeInstanceOf(StoreUnavailable);
      await expect(store.appendToStream('session-1', [ev('SessionCreated')])).rejects.toBeInstanceOf(StoreUnavailable);
      await expect(store.setStreamMetadata('session-1', { maxCount: 1 })).rejects.toBeInstanceOf(StoreUnavailable);
    } finally {
      await store.close();
    }
  });
});
