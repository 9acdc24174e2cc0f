import { randomUUID } from 'node:crypto';
import { UnavailableError } from '@eventstore/db-client';
import { StoreUnavailable, StreamDeleted, WrongExpectedVersion } from '../errors.js';
import type { EventData } from '../event-store.port.js';
import { chainEvents, verifyEvents } from '../hash-chain.js';
import { MAX_RACE_RETRIES } from './append.js';
import { EventStoreDbEventStore } from './eventstoredb-event-store.js';
import { FakeEsdbClient } from './fake-esdb-client.js';
import { toJsonEvent } from './mapping.js';
import { PROBE_EVENT_TYPE, PROBE_REVISION } from './stream-head.js';

const meta = { actor: { userId: 'u1', via: 'api' as const }, occurredAt: '2026-01-01T00:00:00.000Z', correlationId: 'c', causationId: 'c', schemaVersion: 1 };
const newEvent = (n: number): EventData => ({ eventId: randomUUID(), type: 'Noted', data: { n }, metadata: meta });
const S = 'session-1';

function setup() {
  const fake = new FakeEsdbClient();
  return { fake, store: new EventStoreDbEventStore(fake.asClient()) };
}
const batchAppends = (fake: FakeEsdbClient) => fake.appendCalls.filter((c) => c.events[0]?.type !== PROBE_EVENT_TYPE);
const probes = (fake: FakeEsdbClient) => fake.appendCalls.filter((c) => c.events[0]?.type === PROBE_EVENT_TYPE);

/** Another replica appending a correctly chained event between our read and our append. */
function concurrentWriter(fake: FakeEsdbClient, times = 1) {
  let left = times;
  fake.beforeAppend = (streamId) => {
    if (left-- <= 0) return;
    const last = fake.streams.get(streamId)!.events.at(-1)!;
    const [other] = chainEvents(streamId, last.revision + 1n, (last.metadata as { hash: string }).hash, [newEvent(-1)]);
    fake.write(streamId, [toJsonEvent(other!)]);
  };
}

describe('EventStoreDbEventStore.appendToStream: hash chain', () => {
  it('creates a stream: probes the revision, chains from the genesis hash, expects no_stream', async () => {
    const { fake, store } = setup();
    const result = await store.appendToStream(S, [newEvent(0), newEvent(1)]);
    expect(probes(fake)).toEqual([expect.objectContaining({ streamId: S, expectedRevision: PROBE_REVISION })]);
    expect(batchAppends(fake).map((c) => c.expectedRevision)).toEqual(['no_stream']);
    const events = await store.readStream(S);
    expect(events.map((e) => e.revision)).toEqual([0n, 1n]);
    expect(events[0]!.metadata.prevHash).toBe('');
    expect(events[1]!.metadata.prevHash).toBe(events[0]!.metadata.hash);
    expect(verifyEvents(S, events)).toMatchObject({ ok: true, eventsChecked: 2 });
    expect(result).toEqual({ nextExpectedRevision: 1n, position: events[1]!.position });
    expect(fake.all.some((r) => r.type === PROBE_EVENT_TYPE)).toBe(false);
  });

  it('continues the chain with the concrete revision it read', async () => {
    const { fake, store } = setup();
    await store.appendToStream(S, [newEvent(0), newEvent(1)]);
    await store.appendToStream(S, [newEvent(2)]);
    expect(batchAppends(fake).map((c) => c.expectedRevision)).toEqual(['no_stream', 1n]);
    expect(probes(fake)).toHaveLength(1); // a visible stream needs no probe
    expect(verifyEvents(S, await store.readStream(S))).toMatchObject({ ok: true, eventsChecked: 3 });
  });

  it('stores lower-cased ids so that the hash still verifies on read', async () => {
    const { store } = setup();
    const event = newEvent(0);
    await store.appendToStream(S, [{ ...event, eventId: event.eventId.toUpperCase() }]);
    const [read] = await store.readStream(S);
    expect(read!.eventId).toBe(event.eventId);
    expect(verifyEvents(S, [read!]).ok).toBe(true);
  });
});

describe('EventStoreDbEventStore.appendToStream: races', () => {
  it("re-reads and re-chains after a lost race when the caller said 'any'", async () => {
    const { fake, store } = setup();
    await store.appendToStream(S, [newEvent(0)]);
    concurrentWriter(fake);
    const result = await store.appendToStream(S, [newEvent(1)]);
    expect(batchAppends(fake).map((c) => c.expectedRevision)).toEqual(['no_stream', 0n, 1n]);
    const events = await store.readStream(S);
    expect(events.map((e) => e.data)).toEqual([{ n: 0 }, { n: -1 }, { n: 1 }]);
    expect(verifyEvents(S, events)).toMatchObject({ ok: true, eventsChecked: 3 });
    expect(result.nextExpectedRevision).toBe(2n);
  });

  it('queues concurrent appends to one stream in-process, so they do not race each other', async () => {
    const { fake, store } = setup();
    await store.appendToStream(S, [newEvent(0)]);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => store.appendToStream(S, [newEvent(i + 1)])));
    expect(results.map((r) => r.nextExpectedRevision)).toEqual(Array.from({ length: 10 }, (_, i) => BigInt(i + 1)));
    expect(batchAppends(fake)).toHaveLength(11); // not one lost race, so not one retry
    expect(verifyEvents(S, await store.readStream(S))).toMatchObject({ ok: true, eventsChecked: 11 });
  });

  it("retries 'stream_exists' too, and refuses it for a missing stream without writing", async () => {
    const { fake, store } = setup();
    await expect(store.appendToStream(S, [newEvent(0)], { expectedRevision: 'stream_exists' })).rejects.toMatchObject({
      constructor: WrongExpectedVersion, expected: 'stream_exists', actual: 'no_stream',
    });
    expect(batchAppends(fake)).toHaveLength(0);
    await store.appendToStream(S, [newEvent(0)]);
    concurrentWriter(fake);
    await store.appendToStream(S, [newEvent(1)], { expectedRevision: 'stream_exists' });
    expect(verifyEvents(S, await store.readStream(S))).toMatchObject({ ok: true, eventsChecked: 3 });
  });

  it('gives up after a bounded number of lost races', async () => {
    const { fake, store } = setup();
    await store.appendToStream(S, [newEvent(0)]);
    concurrentWriter(fake, Number.POSITIVE_INFINITY);
    const error = await store.appendToStream(S, [newEvent(1)]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongExpectedVersion);
    expect(error).toMatchObject({ streamId: S, expected: 'any' });
    expect(batchAppends(fake)).toHaveLength(1 + MAX_RACE_RETRIES + 1);
  });

  it('checks a concrete revision itself and names the actual one, without writing', async () => {
    const { fake, store } = setup();
    await store.appendToStream(S, [newEvent(0), newEvent(1)]);
    await expect(store.appendToStream(S, [newEvent(2)], { expectedRevision: 0n })).rejects.toMatchObject({
      constructor: WrongExpectedVersion, streamId: S, expected: 0n, actual: 1n,
    });
    await expect(store.appendToStream('session-new', [newEvent(0)], { expectedRevision: 3n })).rejects.toMatchObject({ expected: 3n, actual: 'no_stream' });
    await expect(store.appendToStream(S, [newEvent(2)], { expectedRevision: 'no_stream' })).rejects.toMatchObject({ expected: 'no_stream', actual: 1n });
    expect(batchAppends(fake)).toHaveLength(1);
  });

  it('does not retry a concrete revision that loses a race; the server names the new revision', async () => {
    const { fake, store } = setup();
    await store.appendToStream(S, [newEvent(0)]);
    concurrentWriter(fake);
    await expect(store.appendToStream(S, [newEvent(1)], { expectedRevision: 0n })).rejects.toMatchObject({
      constructor: WrongExpectedVersion, expected: 0n, actual: 1n,
    });
    expect(batchAppends(fake)).toHaveLength(2);
  });
});

describe('EventStoreDbEventStore.appendToStream: re-sends and deleted streams', () => {
  it('returns the original result for a re-sent batch, whatever the expectation', async () => {
    const { fake, store } = setup();
    const batch = [newEvent(0), newEvent(1)];
    const first = await store.appendToStream(S, batch, { expectedRevision: 'no_stream' });
    expect(await store.appendToStream(S, batch, { expectedRevision: 'no_stream' })).toEqual(first);
    expect(await store.appendToStream(S, batch)).toEqual(first);
    await store.appendToStream(S, [newEvent(2)]);
    // The stream moved on; a pinned revision still finds the batch where it was written.
    expect(await store.appendToStream(S, batch, { expectedRevision: 'no_stream' })).toEqual(first);
    expect(fake.streams.get(S)!.events).toHaveLength(3);
  });

  it('refuses a batch that only starts like an earlier one', async () => {
    const { store } = setup();
    const batch = [newEvent(0), newEvent(1)];
    await store.appendToStream(S, batch, { expectedRevision: 'no_stream' });
    await expect(store.appendToStream(S, [batch[0]!, newEvent(9)], { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(WrongExpectedVersion);
  });

  it('recreates a soft-deleted stream after its last revision, with a verifiable chain', async () => {
    for (const expectedRevision of ['any', 'no_stream', 2n] as const) {
      const { fake, store } = setup();
      await store.appendToStream(S, [newEvent(0), newEvent(1), newEvent(2)]);
      await store.deleteStream(S);
      const result = await store.appendToStream(S, [newEvent(3)], { expectedRevision });
      expect(result.nextExpectedRevision).toBe(3n);
      expect(batchAppends(fake).at(-1)!.expectedRevision).toBe(expectedRevision === 'no_stream' ? 'no_stream' : 2n);
      const events = await store.readStream(S);
      expect(events.map((e) => e.revision)).toEqual([3n]);
      expect(verifyEvents(S, events).ok).toBe(true);
    }
  });

  it('answers an empty batch with the head, after the same revision check', async () => {
    const { fake, store } = setup();
    expect(await store.appendToStream(S, [])).toEqual({ nextExpectedRevision: -1n, position: 0n });
    const written = await store.appendToStream(S, [newEvent(0)]);
    expect(await store.appendToStream(S, [], { expectedRevision: 0n })).toEqual(written);
    await expect(store.appendToStream(S, [], { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(WrongExpectedVersion);
    expect(batchAppends(fake)).toHaveLength(1);
  });

  it('reports a tombstoned stream as deleted and an unreachable server as unavailable', async () => {
    const { fake, store } = setup();
    await store.appendToStream(S, [newEvent(0)]);
    await store.tombstoneStream(S);
    await expect(store.appendToStream(S, [newEvent(1)])).rejects.toBeInstanceOf(StreamDeleted);
    fake.failNext('readStream', new UnavailableError());
    await expect(store.appendToStream('session-2', [newEvent(0)])).rejects.toBeInstanceOf(StoreUnavailable);
    await store.appendToStream('session-2', [newEvent(0)]);
    fake.failNext('appendToStream', Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 }));
    await expect(store.appendToStream('session-2', [newEvent(1)])).rejects.toBeInstanceOf(StoreUnavailable);
  });

  it('refuses a client that does not throw on append failure', async () => {
    const { fake, store } = setup();
    await store.appendToStream(S, [newEvent(0)]);
    fake.appendToStream = async () => ({ success: false, nextExpectedRevision: 1n });
    await expect(store.appendToStream(S, [newEvent(1)])).rejects.toThrow(/throwOnAppendFailure/);
  });
});
