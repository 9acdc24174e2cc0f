// Where a stream ends: the revision the next event gets and the hash it must chain to.
import { BACKWARDS, END, NO_STREAM, WrongExpectedVersionError, jsonEvent } from '@eventstore/db-client';
import type { EventStoreDBClient } from '@eventstore/db-client';
import { StreamNotFound } from '../errors.js';
import type { RecordedEvent } from '../event-store.port.js';
import { GENESIS_HASH } from '../hash-chain.js';
import { readStreamEvents } from './client-reads.js';
import { translateError } from './error-mapping.js';

export interface StreamHead {
  /** Revision of the last event ever written (-1n for a stream never written). */
  revision: bigint;
  /** False when reads see no event: never written, soft-deleted, or every event expired/truncated. */
  visible: boolean;
  /** Hash of the last visible event; the genesis hash when none is visible. */
  hash: string;
  /** Position of the last visible event (0n when none). */
  position: bigint;
  last?: RecordedEvent;
}

/** No stream can be at this revision: an append expecting it can only fail, reporting the truth. */
export const PROBE_REVISION = 2n ** 62n;
export const PROBE_EVENT_TYPE = 'CrystalyseRevisionProbe';

/** The last `count` visible events, oldest first; empty for a missing or soft-deleted stream. */
export async function readTail(client: EventStoreDBClient, streamId: string, count: number): Promise<RecordedEvent[]> {
  try {
    const events = await readStreamEvents(client, streamId, { direction: BACKWARDS, fromRevision: END, maxCount: Math.max(1, count) });
    return events.reverse();
  } catch (error) {
    if (error instanceof StreamNotFound) return [];
    throw error;
  }
}

export async function readHead(client: EventStoreDBClient, streamId: string): Promise<StreamHead> {
  const [last] = await readTail(client, streamId, 1);
  if (last) {
    const hash = typeof last.metadata.hash === 'string' ? last.metadata.hash : GENESIS_HASH;
    return { revision: last.revision, visible: true, hash, position: last.position, last };
  }
  return { revision: await probeRevision(client, streamId), visible: false, hash: GENESIS_HASH, position: 0n };
}

/**
 * A soft-deleted stream reads as "not found", yet its next event continues the old revisions, and
 * the hash covers the revision. Reads cannot tell that revision, but the server's
 * wrong-expected-version answer names the current one, so ask with an impossible expectation.
 */
export async function probeRevision(client: EventStoreDBClient, streamId: string): Promise<bigint> {
  let result;
  try {
    result = await client.appendToStream(streamId, jsonEvent({ type: PROBE_EVENT_TYPE, data: {} }), {
      expectedRevision: PROBE_REVISION,
    });
  } catch (error) {
    if (error instanceof WrongExpectedVersionError) return error.actualVersion === NO_STREAM ? -1n : error.actualVersion;
    throw translateError(error, { streamId });
  }
  throw unsupportedClient(streamId, result.success);
}

/**
 * With throwOnAppendFailure=false the client answers a lost race with { success: false } and, on
 * batch appends, a wrong current revision: nothing trustworthy to chain after.
 */
export function unsupportedClient(streamId: string, accepted = false): Error {
  return new Error(
    `EventStoreDB append to ${streamId} ${accepted ? 'accepted an impossible revision' : 'returned success=false'}: ` +
      'the client must keep throwOnAppendFailure=true (the default)',
  );
}
