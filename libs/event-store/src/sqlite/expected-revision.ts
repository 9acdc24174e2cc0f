// Optimistic concurrency and idempotency with EventStoreDB's rules (its IndexWriter.CheckCommit),
// so code written against the embedded store behaves the same on a cluster:
// - 'any' / 'stream_exists': if the batch's first event id is already in the stream, the batch
//   is a repeat when the following ids sit at the following revisions; a partial match is a
//   WrongExpectedVersion ("corrupted idempotency").
// - a revision (or 'no_stream' = -1) below the head: a repeat when the ids sit right after it.
// - 'no_stream' on a soft-deleted stream is allowed: the stream is recreated, revisions continue.
import { StreamDeleted, WrongExpectedVersion } from '../errors.js';
import type { AppendResult, ExpectedRevision } from '../event-store.port.js';
import { SOFT_DELETED, TOMBSTONED, type StreamState } from './schema.js';

export interface StreamHead {
  /** Revision of the last event ever written; -1n when none. Kept across a soft delete. */
  revision: bigint;
  state: StreamState;
  /** ESDB counts a stream with only metadata as existing for 'stream_exists'. */
  hasMetadata: boolean;
}

export interface StoredId {
  eventId: string;
  revision: bigint;
  position: bigint;
}

/** The two index look-ups idempotency needs; only called when a repeat is possible. */
export interface IdLookup {
  revisionOf(eventId: string): bigint | undefined;
  idsFrom(revision: bigint, count: number): StoredId[];
}

export type AppendDecision = { kind: 'write' } | { kind: 'repeat'; result: AppendResult };

const WRITE: AppendDecision = { kind: 'write' };

export function decideAppend(
  streamId: string,
  head: StreamHead,
  expected: ExpectedRevision,
  eventIds: string[],
  lookup: IdLookup,
): AppendDecision {
  if (head.state === TOMBSTONED) throw new StreamDeleted(streamId);
  const current = head.revision;
  const wrong = () => new WrongExpectedVersion(streamId, expected, current < 0n ? 'no_stream' : current);

  if (expected === 'stream_exists') {
    if (head.state === SOFT_DELETED) throw new StreamDeleted(streamId);
    if (current < 0n && !head.hasMetadata) throw wrong();
  }
  if (expected === 'any' || expected === 'stream_exists') {
    const first = eventIds[0] === undefined ? undefined : lookup.revisionOf(eventIds[0]);
    if (first === undefined) return WRITE;
    const repeat = matchAt(first, eventIds, lookup);
    if (!repeat) throw wrong();
    return repeat;
  }

  const expectedRevision = expected === 'no_stream' ? -1n : expected;
  if (expectedRevision < current) {
    if (eventIds.length === 0) throw wrong();
    const stored = lookup.idsFrom(expectedRevision + 1n, 1)[0];
    if (stored?.eventId !== eventIds[0]) {
      if (expected === 'no_stream' && head.state === SOFT_DELETED) return WRITE;
      throw wrong();
    }
    const repeat = matchAt(expectedRevision + 1n, eventIds, lookup);
    if (!repeat) throw wrong();
    return repeat;
  }
  if (expectedRevision > current) throw wrong();
  return WRITE;
}

/** A repeat when every id sits at consecutive revisions from `from`; null otherwise. */
function matchAt(from: bigint, eventIds: string[], lookup: IdLookup): AppendDecision | null {
  const stored = lookup.idsFrom(from, eventIds.length);
  if (stored.length !== eventIds.length) return null;
  for (let i = 0; i < eventIds.length; i++) {
    if (stored[i]!.eventId !== eventIds[i] || stored[i]!.revision !== from + BigInt(i)) return null;
  }
  const last = stored[stored.length - 1]!;
  return { kind: 'repeat', result: { nextExpectedRevision: last.revision, position: last.position } };
}
