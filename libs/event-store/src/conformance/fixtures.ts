// Helpers shared by the conformance suite. Every test names its own streams and event types
// with a random UUID, so the suite can run against a shared, long-lived server.
import { randomUUID } from 'node:crypto';
import { WrongExpectedVersion } from '../errors.js';
import type { EventData, EventStore, ExpectedRevision, RecordedEvent, Subscription } from '../event-store.port.js';

export interface ConformanceContext {
  /** The store under test; valid inside tests (set in beforeAll). */
  store(): EventStore;
}

export const uniqueName = (label: string) => `conf-${label}-${randomUUID()}`;

export function newEvent(type = 'Noted', data: unknown = {}): EventData {
  return {
    eventId: randomUUID(),
    type,
    data,
    metadata: {
      actor: { userId: 'conformance', via: 'system' },
      occurredAt: new Date().toISOString(),
      correlationId: randomUUID(),
      causationId: randomUUID(),
      schemaVersion: 1,
      note: 'custom metadata key',
    },
  };
}

export const newEvents = (count: number, type = 'Noted') => Array.from({ length: count }, (_, i) => newEvent(type, { i }));

export async function expectWrongExpectedVersion(
  attempt: Promise<unknown>,
  streamId: string,
  expected: ExpectedRevision,
  actual: bigint | 'no_stream',
): Promise<void> {
  const error = await attempt.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WrongExpectedVersion);
  expect(error).toMatchObject({ streamId, expected, actual });
}

export const revisions = (events: RecordedEvent[]) => events.map((e) => e.revision);
export const ids = (events: { eventId: string }[]) => events.map((e) => e.eventId);

export function expectStrictlyIncreasing(positions: bigint[]): void {
  for (let i = 1; i < positions.length; i++) expect(positions[i]! > positions[i - 1]!).toBe(true);
}

/**
 * Iterates a subscription until `count` events arrived or `timeoutMs` passed, then closes it.
 * Returns what arrived, so a test sees a missing or duplicated event instead of hanging.
 */
export async function collect(subscription: Subscription, count: number, timeoutMs = 10_000): Promise<RecordedEvent[]> {
  const received: RecordedEvent[] = [];
  const timer = setTimeout(() => void subscription.close(), timeoutMs);
  try {
    if (count > 0) {
      for await (const event of subscription) {
        received.push(event);
        if (received.length >= count) break;
      }
    }
  } finally {
    clearTimeout(timer);
    await subscription.close();
  }
  return received;
}

/** Appends one event at a time, awaiting each, so their global order is known. */
export async function appendInOrder(store: EventStore, plan: [streamId: string, event: EventData][]): Promise<bigint[]> {
  const positions: bigint[] = [];
  for (const [streamId, event] of plan) positions.push((await store.appendToStream(streamId, [event])).position);
  return positions;
}
