// The event-store port. It mirrors EventStoreDB's semantics on purpose, so the EventStoreDB
// adapter stays a thin mapping and the embedded SQLite adapter can be proved against the same
// conformance suite.
import type { IdempotencyStore } from './idempotency/idempotency.port.js';
import type { SnapshotStorage } from './snapshots/snapshot-storage.port.js';

export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;
export type Direction = 'forwards' | 'backwards';

/**
 * How the actor reached us; recorded on every event for the audit trail. `api` is REST (and the
 * SDK, CLI and dashboard, which use it); `mcp` is a tool of the MCP server, which is REST too but
 * says so (apps/api/src/http/request-context.ts).
 */
export type Channel = 'api' | 'mcp' | 'share-link' | 'system' | 'batch' | 'scheduler';

export interface Actor {
  userId: string;
  via: Channel;
}

/** Metadata every event carries (DESIGN.md, "Streams and events"). */
export interface EventMetadata {
  actor: Actor;
  occurredAt: string;
  correlationId: string;
  causationId: string;
  commandId?: string;
  schemaVersion: number;
  /** Set by the store: hash of the previous event in the stream ('' for the first). */
  prevHash?: string;
  /** Set by the store: SHA-256 over prevHash and the canonical JSON of this event. */
  hash?: string;
  [custom: string]: unknown;
}

export interface EventData<Type extends string = string, Data = unknown> {
  /** Unique id (UUID). Appending the same id at the same place again is a no-op. */
  eventId: string;
  type: Type;
  data: Data;
  metadata: EventMetadata;
}

export interface RecordedEvent<Type extends string = string, Data = unknown> extends EventData<Type, Data> {
  streamId: string;
  revision: bigint;
  /** Global position in `$all`: strictly increasing with commit order, not contiguous. */
  position: bigint;
  /** Store-assigned commit time (ISO 8601). */
  created: string;
}

export interface AppendOptions {
  expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  nextExpectedRevision: bigint;
  /** Global position of the last appended event. */
  position: bigint;
}

export interface ReadStreamOptions {
  /** Inclusive. Defaults to the first event (forwards) or the last (backwards). */
  fromRevision?: bigint | 'start' | 'end';
  direction?: Direction;
  maxCount?: number;
}

/** Filter for `$all` reads and subscriptions. Prefixes are matched with startsWith. */
export interface AllFilter {
  streamPrefixes?: string[];
  eventTypes?: string[];
}

export interface ReadAllOptions {
  /** Inclusive. 'start' or 'end' as in EventStoreDB. */
  fromPosition?: bigint | 'start' | 'end';
  direction?: Direction;
  maxCount?: number;
  filter?: AllFilter;
}

export interface SubscribeToAllOptions {
  /** Exclusive: delivers events after this position. 'start' delivers everything. */
  fromPosition?: bigint | 'start' | 'end';
  filter?: AllFilter;
}

/**
 * A catch-up subscription: delivers stored events from the position on, then live ones,
 * each exactly once and in order. Iterate with `for await`; `close()` ends the iteration.
 */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

/** Stream metadata as in EventStoreDB ($maxAge in seconds, $maxCount, $tb) plus custom keys. */
export interface StreamMetadata {
  maxAge?: number;
  maxCount?: number;
  truncateBefore?: bigint;
  [custom: string]: unknown;
}

export interface EventStore {
  appendToStream(streamId: string, events: EventData[], options?: AppendOptions): Promise<AppendResult>;
  /** Throws StreamNotFound for a stream never written or soft-deleted; StreamDeleted once tombstoned. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeToAll(options?: SubscribeToAllOptions): Subscription;
  getStreamMetadata(streamId: string): Promise<StreamMetadata>;
  setStreamMetadata(streamId: string, metadata: StreamMetadata): Promise<void>;
  /** Soft delete: reads say StreamNotFound; a later append recreates it, revisions continue. */
  deleteStream(streamId: string, options?: AppendOptions): Promise<void>;
  /** Hard delete: the stream can never be read or written again (StreamDeleted). */
  tombstoneStream(streamId: string, options?: AppendOptions): Promise<void>;
  /** Last position written to `$all` (0n when empty); used for read-your-writes and lag. */
  headPosition(): Promise<bigint>;
  /**
   * Revision of the stream's last event, -1n when it has none to read (never written, deleted):
   * a cheap question that tells a cached fold it is still current without reading any event.
   */
  streamRevision(streamId: string): Promise<bigint>;
  /**
   * Answers of keyed commands that appended nothing, kept beside the log (in the same database or
   * server) so that a repeat of the key answers the same on any replica, after any restart.
   */
  readonly idempotency: IdempotencyStore;
  /** The latest snapshot of each stream's state, bounded per stream (see SnapshotStore). */
  readonly snapshots: SnapshotStorage;
  close(): Promise<void>;
}
