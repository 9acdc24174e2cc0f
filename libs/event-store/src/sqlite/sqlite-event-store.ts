// The embedded event store: one SQLite file (better-sqlite3, WAL) with EventStoreDB's semantics,
// proved by the same conformance suite as the EventStoreDB adapter. Writes go through group
// commit; reads run directly on the connection and see only committed data.
import { open, type FileHandle } from 'node:fs/promises';
import { StreamDeleted, StreamNotFound } from '../errors.js';
import type {
  AllFilter, AppendOptions, AppendResult, EventData, EventStore, ExpectedRevision, ReadAllOptions, ReadStreamOptions,
  RecordedEvent, StreamMetadata, SubscribeToAllOptions, Subscription,
} from '../event-store.port.js';
import { chainEvents, GENESIS_HASH } from '../hash-chain.js';
import { decideAppend, type IdLookup, type StreamHead } from './expected-revision.js';
import { GroupCommit, type GroupCommitStats } from './group-commit.js';
import {
  LIVE, openDatabase, SOFT_DELETED, walFileOf, TOMBSTONED, type EventRow, type SqliteDatabase, type SqliteEventStoreOptions, type StreamRow, type StreamState,
} from './schema.js';
import { MAX_INT64, Statements, toRecordedEvent } from './statements.js';
import { parseMetadata, serialiseMetadata, visibleWindow } from './stream-metadata.js';
import { SqliteSubscription, type SubscriptionPage } from './sqlite-subscription.js';
import { DecodedEvents } from './decoded-events.js';
import { SqliteIdempotencyStore } from './sqlite-idempotency.js';
import { SqliteSnapshotStorage } from './sqlite-snapshots.js';
import type { SnapshotStorage } from '../snapshots/snapshot-storage.port.js';
import type { IdempotencyStore } from '../idempotency/idempotency.port.js';
import { packJson, type PackedJson } from '../packing/packed-json.js';

export type { SqliteEventStoreOptions } from './schema.js';

export class SqliteEventStore implements EventStore {
  private readonly db: SqliteDatabase;
  private readonly sql: Statements;
  private readonly writer: GroupCommit;
  private readonly listeners = new Set<() => void>();
  private readonly subscriptions = new Set<SqliteSubscription>();
  /** What subscribers read, decoded once for all of them. */
  private readonly decoded = new DecodedEvents();
  private readonly inReadTransaction: <T>(read: () => T) => T;
  private readonly tuning: { pageSize: number; pollMs: number };
  readonly idempotency: IdempotencyStore;
  readonly snapshots: SnapshotStorage;
  private closed = false;
  /** The WAL, opened once for the fsyncs that make commits durable (FULL on a file). */
  private wal: Promise<FileHandle> | null = null;
  /** The last position this process committed, and the first one not yet durable (null: all are). */
  private lastCommitted = 0n;
  private notDurableFrom: bigint | null = null;
  private readonly syncsWal: boolean;

  static open(options: SqliteEventStoreOptions): SqliteEventStore {
    return new SqliteEventStore(options);
  }

  constructor(options: SqliteEventStoreOptions) {
    this.db = openDatabase(options);
    this.tuning = { pageSize: options.subscriptionPageSize ?? 500, pollMs: options.subscriptionPollMs ?? 250 };
    this.sql = new Statements(this.db);
    const walFile = walFileOf(options);
    this.syncsWal = walFile !== null;
    this.writer = new GroupCommit(this.db, () => this.listeners.forEach((wake) => wake()), walFile ? () => this.syncWal(walFile) : undefined, options.readOnly);
    this.idempotency = new SqliteIdempotencyStore(this.db, this.writer);
    this.snapshots = new SqliteSnapshotStorage(this.db, this.writer);
    // Reads that take two statements run in one read transaction, so both see the same
    // snapshot even while another process writes to the file.
    const readTransaction = this.db.transaction((read: () => unknown) => read());
    this.inReadTransaction = <T>(read: () => T) => readTransaction(read) as T;
  }

  appendToStream(streamId: string, events: EventData[], options: AppendOptions = {}): Promise<AppendResult> {
    for (const event of events) {
      if (typeof event.eventId !== 'string' || !event.eventId || typeof event.type !== 'string' || !event.type) {
        return Promise.reject(new TypeError(`Every event needs an eventId and a type (stream ${streamId})`));
      }
    }
    const expected = options.expectedRevision ?? 'any';
    // Packed before queueing: the group transaction only copies bytes. (Metadata carries the hash,
    // which needs the previous event's, so it is packed inside.)
    let data: PackedJson[];
    try {
      data = events.map((e) => packJson(JSON.stringify(e.data === undefined ? null : e.data)));
    } catch (error) {
      return Promise.reject(error);
    }
    return this.writer.submit(() => this.appendNow(streamId, events, data, expected));
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const limit = toLimit(options.maxCount);
    const from = options.fromRevision ?? (options.direction === 'backwards' ? 'end' : 'start');
    if (typeof from === 'bigint' && from < 0n) throw new RangeError(`fromRevision must be >= 0, got ${from}`);
    return this.streamRows(streamId, options.direction === 'backwards', from, limit).map(toRecordedEvent);
  }

  /** Stream row and events from one read snapshot, in case another process appends in between. */
  private streamRows(streamId: string, backwards: boolean, from: bigint | 'start' | 'end', limit: number): EventRow[] {
    return this.inReadTransaction(() => {
      const row = this.sql.getStream.get(streamId);
      if (row?.state === TOMBSTONED) throw new StreamDeleted(streamId);
      if (!row || row.revision < 0 || row.state === SOFT_DELETED) throw new StreamNotFound(streamId);
      const head = BigInt(row.revision);
      const window = visibleWindow(parseMetadata(row.metadata), head, Date.now());
      if (backwards) {
        const upper = from === 'end' ? MAX_INT64 : from === 'start' ? 0n : clamp(from);
        return this.sql.streamBackwards.all(streamId, window.minRevision, upper, window.minCreated, limit);
      }
      const start = from === 'end' ? head + 1n : from === 'start' ? 0n : clamp(from);
      const lower = start > window.minRevision ? start : window.minRevision;
      return this.sql.streamForwards.all(streamId, lower, MAX_INT64, window.minCreated, limit);
    });
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const limit = toLimit(options.maxCount);
    const backwards = options.direction === 'backwards';
    const from = options.fromPosition ?? (backwards ? 'end' : 'start');
    if (typeof from === 'bigint' && from < 0n) throw new RangeError(`fromPosition must be >= 0, got ${from}`);
    if (backwards) {
      if (from === 'start') return [];
      const upper = from === 'end' ? MAX_INT64 : clamp(from);
      return this.sql.readAll('backwards', 0n, upper, options.filter, limit).map(toRecordedEvent);
    }
    if (from === 'end') return [];
    const lower = from === 'start' ? 0n : clamp(from);
    return this.sql.readAll('forwards', lower, MAX_INT64, options.filter, limit).map(toRecordedEvent);
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): Subscription {
    if (this.closed) throw new Error('SqliteEventStore is closed');
    const from = options.fromPosition ?? 'start';
    const after = from === 'start' ? 0n : from === 'end' ? BigInt(this.sql.headPosition.get() ?? 0) : from;
    const source = {
      page: (cursor: bigint, filter: AllFilter | undefined, limit: number) => this.page(cursor, filter, limit),
      onCommit: (listener: () => void) => {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
      },
    };
    const subscription = new SqliteSubscription(source, after, options.filter, this.tuning, (s) =>
      this.subscriptions.delete(s),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /**
   * The head and the page from one snapshot: `scannedTo` must not pass an unread event.
   * Subscribers (the projections) see durable events only: a read model must never hold an
   * event that a power loss could take back and the next append reuse the position of.
   */
  private page(after: bigint, filter: AllFilter | undefined, limit: number): SubscriptionPage {
    return this.inReadTransaction(() => {
      let head = BigInt(this.sql.headPosition.get() ?? 0);
      if (this.notDurableFrom !== null && head >= this.notDurableFrom) head = this.notDurableFrom - 1n;
      const rows = this.sql.readAll('forwards', after + 1n, head, filter, limit);
      const scannedTo = rows.length < limit ? head : BigInt(rows[rows.length - 1]!.position);
      return { events: rows.map((row) => this.decoded.of(row)), scannedTo };
    });
  }

  async getStreamMetadata(streamId: string): Promise<StreamMetadata> {
    const row = this.sql.getStream.get(streamId);
    if (row?.state === TOMBSTONED) throw new StreamDeleted(streamId);
    return parseMetadata(row?.metadata ?? null);
  }

  setStreamMetadata(streamId: string, metadata: StreamMetadata): Promise<void> {
    let json: string;
    try {
      json = serialiseMetadata(metadata);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.writer.submit(() => {
      const row = this.sql.getStream.get(streamId);
      if (row?.state === TOMBSTONED) throw new StreamDeleted(streamId);
      this.putStream(streamId, row, row?.state ?? LIVE, json);
    });
  }

  deleteStream(streamId: string, options: AppendOptions = {}): Promise<void> {
    return this.changeState(streamId, options.expectedRevision ?? 'any', SOFT_DELETED);
  }

  tombstoneStream(streamId: string, options: AppendOptions = {}): Promise<void> {
    return this.changeState(streamId, options.expectedRevision ?? 'any', TOMBSTONED);
  }

  async headPosition(): Promise<bigint> {
    return BigInt(this.sql.headPosition.get() ?? 0);
  }

  async streamRevision(streamId: string): Promise<bigint> {
    const row = this.sql.getStream.get(streamId);
    return row && row.state === LIVE ? BigInt(row.revision) : -1n;
  }

  /** Group-commit counters: how many transactions carried how many writes. */
  stats(): GroupCommitStats {
    return this.writer.stats();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    this.writer.close();
    await this.writer.drain();
    await (await this.wal)?.close().catch(() => undefined);
    this.db.close();
  }

  /** Runs inside the group transaction (its own savepoint). */
  private appendNow(streamId: string, events: EventData[], data: PackedJson[], expected: ExpectedRevision): AppendResult {
    const row = this.sql.getStream.get(streamId);
    const head = toHead(row);
    const decision = decideAppend(streamId, head, expected, events.map((e) => e.eventId), this.idLookup(streamId));
    if (decision.kind === 'repeat') return decision.result;
    if (events.length === 0) return { nextExpectedRevision: head.revision, position: BigInt(row?.last_position ?? 0) };

    const first = head.revision + 1n;
    // JSON has no `undefined`: store and hash the same value, or verify would fail on read.
    const normalised = events.map((e) => (e.data === undefined ? { ...e, data: null } : e));
    const chained = chainEvents(streamId, first, row?.last_hash ?? GENESIS_HASH, normalised);
    const created = new Date().toISOString();
    const firstNumber = Number(first);
    let position: number | bigint = 0;
    for (let i = 0; i < chained.length; i++) {
      const event = chained[i]!;
      const metadata = packJson(JSON.stringify(event.metadata));
      position = this.sql.insertEvent.run(streamId, firstNumber + i, event.eventId, event.type, data[i]!, metadata, created).lastInsertRowid;
    }
    const last = first + BigInt(chained.length - 1);
    // Recreating a soft-deleted stream: only the events from now on are visible (ESDB sets $tb).
    const metadata = row?.state === SOFT_DELETED ? serialiseMetadata({ ...parseMetadata(row.metadata), truncateBefore: first }) : (row?.metadata ?? null);
    this.sql.putStream.run(streamId, last, chained[chained.length - 1]!.metadata.hash!, position, LIVE, metadata);
    if (this.syncsWal) {
      this.lastCommitted = BigInt(position);
      this.notDurableFrom ??= BigInt(position) - BigInt(chained.length - 1);
    }
    return { nextExpectedRevision: last, position: BigInt(position) };
  }

  /** fsyncs the WAL: every commit made before the call is durable when it resolves. */
  private async syncWal(walFile: string): Promise<void> {
    const covered = this.lastCommitted;
    this.wal ??= open(walFile, 'r');
    try {
      await (await this.wal).datasync();
    } catch (error) {
      this.wal = null;
      throw error;
    }
    this.notDurableFrom = this.lastCommitted > covered ? covered + 1n : null;
  }

  private changeState(streamId: string, expected: ExpectedRevision, state: StreamState): Promise<void> {
    return this.writer.submit(() => {
      const row = this.sql.getStream.get(streamId);
      decideAppend(streamId, toHead(row), expected, [], this.idLookup(streamId));
      this.putStream(streamId, row, state, row?.metadata ?? null);
    });
  }

  private putStream(streamId: string, row: StreamRow | undefined, state: StreamState, metadata: string | null): void {
    this.sql.putStream.run(streamId, row?.revision ?? -1, row?.last_hash ?? GENESIS_HASH, row?.last_position ?? 0, state, metadata);
  }

  private idLookup(streamId: string): IdLookup {
    return {
      revisionOf: (eventId) => {
        const revision = this.sql.revisionOfEventId.get(streamId, eventId);
        return revision === undefined || revision === null ? undefined : BigInt(revision);
      },
      idsFrom: (revision, count) =>
        this.sql.idsFrom.all(streamId, revision, count).map((r) => ({ eventId: r.event_id, revision: BigInt(r.revision), position: BigInt(r.position) })),
    };
  }
}

function toHead(row: StreamRow | undefined): StreamHead {
  if (!row) return { revision: -1n, state: LIVE, hasMetadata: false };
  return { revision: BigInt(row.revision), state: row.state, hasMetadata: row.metadata !== null };
}

function toLimit(maxCount: number | undefined): number {
  if (maxCount === undefined) return -1;
  if (!Number.isInteger(maxCount) || maxCount < 0) throw new RangeError(`maxCount must be a non-negative integer, got ${maxCount}`);
  return maxCount;
}

function clamp(value: bigint): bigint {
  return value > MAX_INT64 ? MAX_INT64 : value;
}
