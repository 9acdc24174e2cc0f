// The audit bundle: one JSON document a reviewer can check without the service. It holds every
// event of the session's stream and of its branches' streams (with actor, channel and time
// pulled out for reading, and the stored data and metadata the hash covers), each stream's hash
// chain, the signatures with their validity, and what the service found when it checked them.
// `npm run cli -- verify-bundle audit.json` checks it again offline (apps/cli/src/verify-bundle.ts).
import { verifyEvents, type RecordedEvent } from '@crystalyse/event-store';

export const AUDIT_BUNDLE_FORMAT = 'crystalyse.audit-bundle';
export const AUDIT_BUNDLE_VERSION = 1;

export interface BundleEvent {
  revision: number;
  position: string;
  eventId: string;
  type: string;
  /** For reading: the envelope's actor, channel and time (the hash covers them inside `metadata`). */
  actor: string;
  channel: string;
  time: string;
  data: unknown;
  metadata: Record<string, unknown>;
}

export interface BundleStream {
  streamId: string;
  kind: 'session' | 'branch';
  branchId?: string;
  events: BundleEvent[];
  /** The hash of the last event: what the chain ends on. */
  headHash: string;
}

export interface ChainCheck {
  streamId: string;
  ok: boolean;
  eventsChecked: number;
  headHash?: string;
  firstBadRevision?: number;
  reason?: string;
}

export interface AuditBundle<Signature = unknown> {
  format: typeof AUDIT_BUNDLE_FORMAT;
  version: typeof AUDIT_BUNDLE_VERSION;
  generatedAt: string;
  hashing: { algorithm: 'sha256'; canonicalization: 'RFC 8785 (JSON Canonicalization Scheme)'; chain: string; signatures: string };
  session: { id: string; name: string; ownerId: string; status: string; createdAt: string; revision: number };
  streams: BundleStream[];
  signatures: Signature[];
  verification: { ok: boolean; chains: ChainCheck[]; signatures: { total: number; valid: number; invalid: number } };
}

export const HASHING = {
  algorithm: 'sha256',
  canonicalization: 'RFC 8785 (JSON Canonicalization Scheme)',
  chain: 'hash = sha256(prevHash + canonical({ streamId, revision (decimal string), eventId, type, data, metadata without prevHash and hash })); the first event of a stream has prevHash ""',
  signatures: 'contentHash = sha256(canonical(content)); a discovery: { discovery: its record without "pinned" }; a checkpoint: { checkpoint, revision, workspace at that revision }',
} as const;

export function bundleStream(streamId: string, kind: 'session' | 'branch', events: readonly RecordedEvent[], branchId?: string): BundleStream {
  return {
    streamId,
    kind,
    ...(branchId ? { branchId } : {}),
    events: events.map((e) => ({
      revision: Number(e.revision),
      position: e.position.toString(),
      eventId: e.eventId,
      type: e.type,
      actor: e.metadata.actor?.userId ?? '',
      channel: e.metadata.actor?.via ?? '',
      time: e.metadata.occurredAt,
      data: e.data,
      metadata: e.metadata as Record<string, unknown>,
    })),
    headHash: String(events[events.length - 1]?.metadata.hash ?? ''),
  };
}

/** A stream of the bundle as the chain's code reads events (what verifyEvents and computeHash take). */
export function asRecorded(stream: BundleStream): RecordedEvent[] {
  return stream.events.map((e) => ({
    streamId: stream.streamId,
    revision: BigInt(e.revision),
    position: 0n,
    created: '',
    eventId: e.eventId,
    type: e.type,
    data: e.data,
    metadata: e.metadata as unknown as RecordedEvent['metadata'],
  }));
}

/**
 * The chain of one stream of a bundle, checked with the event store's own code. A bundle holds
 * whole streams, so the first event must be revision 0 with an empty prevHash (nothing cut off the
 * front), revisions must follow each other, and the last hash must be the stated head.
 */
export function checkChain(stream: BundleStream): ChainCheck {
  const { streamId } = stream;
  const bad = (firstBadRevision: number, reason: string, eventsChecked = 0): ChainCheck => ({ streamId, ok: false, eventsChecked, firstBadRevision, reason });
  const gap = stream.events.findIndex((e, i) => e.revision !== i);
  if (gap >= 0) return bad(gap, gap === 0 ? 'the stream does not start at revision 0' : `revision ${gap} is missing or out of order`, gap);
  if (stream.events.length > 0 && stream.events[0]!.metadata.prevHash !== '') return bad(0, 'the first event does not start the chain (prevHash is not "")');
  const result = verifyEvents(streamId, asRecorded(stream));
  if (!result.ok) return bad(Number(result.firstBadRevision), result.reason, result.eventsChecked);
  if (result.headHash !== stream.headHash) return bad(stream.events.length - 1, 'the chain does not end on the stated head hash', result.eventsChecked);
  return { streamId, ok: true, eventsChecked: result.eventsChecked, headHash: result.headHash };
}
