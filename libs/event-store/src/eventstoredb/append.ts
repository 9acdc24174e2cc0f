// Appends with the hash chain. The server cannot compute our hashes, so the adapter reads the
// stream head, chains the batch after it and appends expecting exactly that revision: a concurrent
// writer then makes the append fail instead of silently forking the chain.
import { FORWARDS, NO_STREAM, WrongExpectedVersionError } from '@eventstore/db-client';
import type { AppendExpectedRevision, EventStoreDBClient } from '@eventstore/db-client';
import { StreamNotFound, WrongExpectedVersion } from '../errors.js';
import type { AppendResult, EventData, ExpectedRevision, RecordedEvent } from '../event-store.port.js';
import { chainEvents } from '../hash-chain.js';
import { readStreamEvents } from './client-reads.js';
import { translateError } from './error-mapping.js';
import { fromPosition, normaliseEventId, toJsonEvent } from './mapping.js';
import { readHead, readTail, unsupportedClient, type StreamHead } from './stream-head.js';

/** Lost races in a row before giving up: more means a pathological hot stream, not a busy one. */
export const MAX_RACE_RETRIES = 20;

/** A random pause that grows with the lost races, so that racing replicas stop colliding in step. */
const backOff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2 ** attempt, 32)));

export interface AppendPlan {
  expected: AppendExpectedRevision;
  /** Only when the caller did not pin a revision may a lost race be retried after a re-read. */
  retryOnRace: boolean;
}

const actualOf = (head: StreamHead): bigint | 'no_stream' => (head.revision < 0n ? 'no_stream' : head.revision);

export function planAppend(streamId: string, head: StreamHead, expected: ExpectedRevision): AppendPlan {
  switch (expected) {
    case 'any':
      // Expecting the old last revision also recreates a soft-deleted stream.
      return { expected: head.revision < 0n ? NO_STREAM : head.revision, retryOnRace: true };
    case 'stream_exists':
      if (!head.visible) throw new WrongExpectedVersion(streamId, expected, 'no_stream');
      return { expected: head.revision, retryOnRace: true };
    case 'no_stream':
      if (head.visible) throw new WrongExpectedVersion(streamId, expected, head.revision);
      // The server takes no_stream for a never-written or soft-deleted stream only, and refuses it
      // once another writer has (re)created the stream: the check the caller asked for.
      return { expected: NO_STREAM, retryOnRace: false };
    default:
      if (expected !== head.revision) throw new WrongExpectedVersion(streamId, expected, actualOf(head));
      return { expected, retryOnRace: false };
  }
}

async function readForward(client: EventStoreDBClient, streamId: string, from: bigint, count: number): Promise<RecordedEvent[]> {
  try {
    return await readStreamEvents(client, streamId, { direction: FORWARDS, fromRevision: from, maxCount: count });
  } catch (error) {
    if (error instanceof StreamNotFound) return [];
    throw error;
  }
}

/**
 * A re-sent batch (a client retrying after a lost reply) gets the original result. The server's
 * own id-based idempotency would catch it too, but only after our revision check had refused it.
 */
export async function findResend(
  client: EventStoreDBClient,
  streamId: string,
  head: StreamHead,
  batch: EventData[],
  expected: ExpectedRevision,
): Promise<AppendResult | null> {
  const lastOfBatch = batch[batch.length - 1];
  if (!lastOfBatch) return null;
  const size = BigInt(batch.length);
  let written: RecordedEvent[];
  let base: bigint | undefined;
  if (expected === 'any' || expected === 'stream_exists') {
    // Without a revision to look at, only a batch still at the stream's tail is recognised; the
    // rest of it is read only when the last event already matches.
    if (head.last?.eventId !== lastOfBatch.eventId) return null;
    written = batch.length === 1 ? [head.last] : await readTail(client, streamId, batch.length);
  } else {
    base = expected === 'no_stream' ? -1n : expected;
    if (head.revision < base + size) return null;
    written = await readForward(client, streamId, base + 1n, batch.length);
  }
  const matches =
    written.length === batch.length &&
    written.every((event, i) => event.eventId === batch[i]!.eventId && (base === undefined || event.revision === base + 1n + BigInt(i)));
  if (!matches) return null;
  const last = written[written.length - 1]!;
  return { nextExpectedRevision: last.revision, position: last.position };
}

export async function appendChained(
  client: EventStoreDBClient,
  streamId: string,
  events: EventData[],
  expected: ExpectedRevision,
): Promise<AppendResult> {
  const batch = events.map((event) => ({ ...event, eventId: normaliseEventId(event.eventId) }));
  for (let attempt = 0; ; attempt++) {
    const head = await readHead(client, streamId);
    const resent = await findResend(client, streamId, head, batch, expected);
    if (resent) return resent;
    const plan = planAppend(streamId, head, expected);
    if (batch.length === 0) return { nextExpectedRevision: head.revision, position: head.position };

    const chained = chainEvents(streamId, head.revision + 1n, head.hash, batch);
    try {
      const result = await client.appendToStream(streamId, chained.map(toJsonEvent), { expectedRevision: plan.expected });
      if (!result.success) throw unsupportedClient(streamId);
      const position = fromPosition(result.position) ?? (await readTail(client, streamId, 1))[0]?.position ?? 0n;
      return { nextExpectedRevision: result.nextExpectedRevision, position };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError && plan.retryOnRace && attempt < MAX_RACE_RETRIES)) {
        throw translateError(error, { streamId, expected });
      }
    }
    await backOff(attempt);
  }
}
