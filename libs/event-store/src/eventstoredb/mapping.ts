// Pure translations between the port's shapes and @eventstore/db-client's, kept apart from the
// store so that every rule can be tested without a client.
import { BACKWARDS, END, FORWARDS, START, jsonEvent } from '@eventstore/db-client';
import type {
  AllStreamResolvedEvent,
  Direction as EsdbDirection,
  JSONType,
  Position,
  ReadPosition,
  ReadRevision,
  ResolvedEvent,
  StreamMetadata as EsdbStreamMetadata,
} from '@eventstore/db-client';
import type { Direction, EventData, EventMetadata, RecordedEvent, StreamMetadata } from '../event-store.port.js';

export const toDirection = (direction: Direction): EsdbDirection => (direction === 'backwards' ? BACKWARDS : FORWARDS);

export function toReadRevision(from: bigint | 'start' | 'end'): ReadRevision {
  if (from === 'start') return START;
  if (from === 'end') return END;
  return from;
}

/**
 * gRPC appends are implicit transactions: each event is its own log record, so its commit and
 * prepare positions are equal and the commit position alone identifies it in `$all`.
 */
export const toPosition = (position: bigint): Position => ({ commit: position, prepare: position });

export function toReadPosition(from: bigint | 'start' | 'end'): ReadPosition {
  if (from === 'start') return START;
  if (from === 'end') return END;
  return toPosition(from);
}

/** Servers before 22.6 send 2^64-1 ("no position") on stream reads. */
const NO_POSITION = 2n ** 64n - 1n;

export function fromPosition(position: Position | undefined): bigint | undefined {
  if (!position || position.commit < 0n || position.commit === NO_POSITION) return undefined;
  return position.commit;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * EventStoreDB stores ids as GUIDs and returns them in lower case. The hash covers the id, so it
 * is normalised before hashing; otherwise an upper-case id would fail verification on read.
 */
export function normaliseEventId(eventId: string): string {
  if (!UUID.test(eventId)) throw new TypeError(`EventStoreDB needs a UUID as event id, got "${eventId}"`);
  return eventId.toLowerCase();
}

export function toJsonEvent(event: EventData) {
  return jsonEvent({
    id: event.eventId,
    type: event.type,
    data: event.data as JSONType,
    metadata: event.metadata as JSONType,
  });
}

export const isSystemEventType = (type: string): boolean => type.startsWith('$');

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

/** Null for a resolved event without a record (an unresolved link). */
export function fromResolvedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | null {
  const event = resolved.event;
  if (!event) return null;
  return {
    eventId: event.id,
    type: event.type,
    data: event.data,
    // Events written by other tools may carry no (or binary) metadata; ours is always JSON.
    metadata: (isRecord(event.metadata) ? event.metadata : {}) as EventMetadata,
    streamId: event.streamId,
    revision: event.revision,
    position: fromPosition(event.position) ?? resolved.commitPosition ?? 0n,
    created: event.created.toISOString(),
  };
}

function toSafeInteger(key: string, value: bigint): number {
  if (value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`Stream metadata ${key} out of range: ${value}`);
  return Number(value);
}

/** maxAge, maxCount and custom keys share their names with the client's shape; only $tb changes type. */
export function toEsdbStreamMetadata(metadata: StreamMetadata): EsdbStreamMetadata {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(metadata)) {
    // The client rejects `maxAge: undefined` as a non-integer: absent and undefined mean the same to us.
    if (value === undefined) continue;
    out[key] = key === 'truncateBefore' ? toSafeInteger(key, value as bigint) : value;
  }
  return out as EsdbStreamMetadata;
}

export function fromEsdbStreamMetadata(metadata: EsdbStreamMetadata | undefined): StreamMetadata {
  if (!metadata) return {};
  const { truncateBefore, ...rest } = metadata;
  // A soft delete sets $tb to Int64.MaxValue, which JSON parsing rounds to 2^63: still an integer.
  return typeof truncateBefore === 'number' ? { ...rest, truncateBefore: BigInt(truncateBefore) } : rest;
}
