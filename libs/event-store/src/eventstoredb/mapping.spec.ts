import { BACKWARDS, END, FORWARDS, START } from '@eventstore/db-client';
import type { EventData } from '../event-store.port.js';
import {
  fromEsdbStreamMetadata,
  fromPosition,
  fromResolvedEvent,
  isSystemEventType,
  normaliseEventId,
  toDirection,
  toEsdbStreamMetadata,
  toJsonEvent,
  toPosition,
  toReadPosition,
  toReadRevision,
} from './mapping.js';

const ID = '0b6c4f9e-3a41-4c8e-9f57-2d1e6a7b8c90';
const meta = { actor: { userId: 'u1', via: 'api' as const }, occurredAt: '2026-01-01T00:00:00.000Z', correlationId: 'c', causationId: 'c', schemaVersion: 1, prevHash: '', hash: 'h0' };

describe('EventStoreDB mapping: revisions, directions, positions', () => {
  it('maps directions and read revisions', () => {
    expect(toDirection('forwards')).toBe(FORWARDS);
    expect(toDirection('backwards')).toBe(BACKWARDS);
    expect(toReadRevision('start')).toBe(START);
    expect(toReadRevision('end')).toBe(END);
    expect(toReadRevision(4n)).toBe(4n);
  });

  it('uses the commit position as our global position, in both directions', () => {
    expect(toPosition(4242n)).toEqual({ commit: 4242n, prepare: 4242n });
    expect(toReadPosition(4242n)).toEqual({ commit: 4242n, prepare: 4242n });
    expect(toReadPosition('start')).toBe(START);
    expect(toReadPosition('end')).toBe(END);
    expect(fromPosition({ commit: 4242n, prepare: 4100n })).toBe(4242n);
  });

  it('treats a missing position and the pre-22.6 "no position" sentinel as unknown', () => {
    expect(fromPosition(undefined)).toBeUndefined();
    expect(fromPosition({ commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n })).toBeUndefined();
    expect(fromPosition({ commit: -1n, prepare: -1n })).toBeUndefined();
  });
});

describe('EventStoreDB mapping: events', () => {
  it('turns our EventData into a JSON event with the same id, type, data and metadata', () => {
    const event: EventData = { eventId: ID, type: 'QueryAsked', data: { question: 'LiFePO4?' }, metadata: meta };
    expect(toJsonEvent(event)).toEqual({ id: ID, contentType: 'application/json', type: 'QueryAsked', data: { question: 'LiFePO4?' }, metadata: meta });
  });

  it('lower-cases UUID event ids (the server returns them so) and refuses non-UUIDs', () => {
    expect(normaliseEventId(ID.toUpperCase())).toBe(ID);
    expect(() => normaliseEventId('event-1')).toThrow(/UUID/);
  });

  it('maps a resolved record to our RecordedEvent with an ISO creation time', () => {
    const created = new Date('2026-03-04T05:06:07.089Z');
    const resolved = {
      event: { streamId: 'session-1', id: ID, isJson: true as const, revision: 3n, type: 'QueryAsked', created, data: { q: 1 }, metadata: meta, position: { commit: 900n, prepare: 900n } },
      commitPosition: 900n,
    };
    expect(fromResolvedEvent(resolved)).toEqual({
      eventId: ID, type: 'QueryAsked', data: { q: 1 }, metadata: meta, streamId: 'session-1', revision: 3n, position: 900n, created: '2026-03-04T05:06:07.089Z',
    });
  });

  it('falls back to the commit position, gives foreign events empty metadata, and skips unresolved links', () => {
    const created = new Date(0);
    const noPosition = { commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n };
    const foreign = { event: { streamId: 's', id: ID, isJson: true as const, revision: 0n, type: 'T', created, data: {}, metadata: undefined, position: noPosition }, commitPosition: 77n };
    expect(fromResolvedEvent(foreign)).toMatchObject({ position: 77n, metadata: {} });
    expect(fromResolvedEvent({ commitPosition: 5n })).toBeNull();
  });

  it('recognises system event types by their $ prefix', () => {
    expect(isSystemEventType('$metadata')).toBe(true);
    expect(isSystemEventType('$>')).toBe(true);
    expect(isSystemEventType('SessionCreated')).toBe(false);
  });
});

describe('EventStoreDB mapping: stream metadata', () => {
  it('sends maxAge, maxCount, custom keys as they are and truncateBefore as a number', () => {
    expect(toEsdbStreamMetadata({ maxAge: 3600, maxCount: 3, truncateBefore: 10n, owner: 'u1', tags: ['a'] })).toEqual({
      maxAge: 3600, maxCount: 3, truncateBefore: 10, owner: 'u1', tags: ['a'],
    });
  });

  it('drops undefined keys, which the client would reject as non-integers', () => {
    expect(toEsdbStreamMetadata({ maxAge: undefined, maxCount: 5 })).toEqual({ maxCount: 5 });
  });

  it('refuses a truncateBefore beyond what JSON numbers hold exactly', () => {
    expect(() => toEsdbStreamMetadata({ truncateBefore: 2n ** 60n })).toThrow(RangeError);
  });

  it('round-trips through the client shape', () => {
    const ours = { maxAge: 60, maxCount: 2, truncateBefore: 4n, custom: { nested: true } };
    expect(fromEsdbStreamMetadata(toEsdbStreamMetadata(ours))).toEqual(ours);
  });

  it('reads absent metadata as empty and a soft delete $tb as a bigint', () => {
    expect(fromEsdbStreamMetadata(undefined)).toEqual({});
    expect(fromEsdbStreamMetadata({ truncateBefore: 2 ** 63 })).toEqual({ truncateBefore: 2n ** 63n });
  });
});
