// Per-stream hash chain: any edit of a stored event (data, metadata, order) breaks it, and
// `verifyStream` names the first revision that no longer holds.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { EventData, EventMetadata, RecordedEvent } from './event-store.port.js';

export const GENESIS_HASH = '';

/** The part of an event that the hash covers: everything but the hash fields themselves. */
function hashedContent(streamId: string, revision: bigint, event: EventData): string {
  const { prevHash: _p, hash: _h, ...metadata } = event.metadata;
  const content = {
    streamId,
    revision: revision.toString(),
    eventId: event.eventId,
    type: event.type,
    data: event.data,
    metadata,
  };
  const json = canonicalize(content);
  if (json === undefined) throw new Error(`Event ${event.eventId} cannot be serialised canonically`);
  return json;
}

export function computeHash(prevHash: string, streamId: string, revision: bigint, event: EventData): string {
  return createHash('sha256').update(prevHash).update(hashedContent(streamId, revision, event)).digest('hex');
}

/** Returns the events with `prevHash` and `hash` set, continuing the chain after `prevHash`. */
export function chainEvents(
  streamId: string,
  firstRevision: bigint,
  prevHash: string,
  events: EventData[],
): EventData[] {
  let previous = prevHash;
  return events.map((event, i) => {
    const metadata: EventMetadata = { ...event.metadata, prevHash: previous };
    const hash = computeHash(previous, streamId, firstRevision + BigInt(i), { ...event, metadata });
    previous = hash;
    return { ...event, metadata: { ...metadata, hash } };
  });
}

export type VerifyResult =
  | { ok: true; streamId: string; eventsChecked: number; headHash: string }
  | { ok: false; streamId: string; eventsChecked: number; firstBadRevision: bigint; reason: string };

/**
 * Checks a stream's events in revision order. The first event's `prevHash` is trusted as the
 * anchor (events before it may have been truncated by `$tb`/`$maxCount`).
 */
export function verifyEvents(streamId: string, events: RecordedEvent[]): VerifyResult {
  let expectedPrev: string | undefined;
  let checked = 0;
  for (const event of events) {
    const { prevHash, hash } = event.metadata;
    if (expectedPrev !== undefined && prevHash !== expectedPrev) {
      return { ok: false, streamId, eventsChecked: checked, firstBadRevision: event.revision, reason: 'prevHash does not match the previous event' };
    }
    if (typeof prevHash !== 'string' || typeof hash !== 'string') {
      return { ok: false, streamId, eventsChecked: checked, firstBadRevision: event.revision, reason: 'hash fields missing' };
    }
    if (computeHash(prevHash, streamId, event.revision, event) !== hash) {
      return { ok: false, streamId, eventsChecked: checked, firstBadRevision: event.revision, reason: 'content does not match its hash' };
    }
    expectedPrev = hash;
    checked++;
  }
  return { ok: true, streamId, eventsChecked: checked, headHash: expectedPrev ?? GENESIS_HASH };
}
