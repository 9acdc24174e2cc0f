// Test double: an in-memory stand-in for EventStoreDBClient that behaves like the server where
// the adapter depends on it (revisions, soft delete and tombstones, wrong-expected-version answers
// naming the current revision, $all positions, catch-up subscriptions). Unit tests only.
import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { StreamDeletedError, StreamNotFoundError, WrongExpectedVersionError } from '@eventstore/db-client';
import type { AppendExpectedRevision, AppendResult, EventStoreDBClient, Filter, Position, ReadPosition, ReadRevision } from '@eventstore/db-client';

export interface StoredRecord {
  streamId: string;
  id: string;
  type: string;
  data: unknown;
  metadata: unknown;
  revision: bigint;
  position: bigint;
  created: Date;
}

interface StreamState {
  lastRevision: bigint;
  softDeleted: boolean;
  tombstoned: boolean;
  events: StoredRecord[];
}

export interface FakeRead extends AsyncIterable<unknown> {
  options: Record<string, unknown>;
  cancelled: boolean;
  cancel(): Promise<void>;
}

export type FakeSubscription = PassThrough & { options: Record<string, unknown>; unsubscribed: boolean; unsubscribe(): Promise<void> };

type NewEvent = { id: string; type: string; data: unknown; metadata?: unknown };

/** What the server stores for $tb after a soft delete (Int64.MaxValue, as JSON.parse rounds it). */
export const SOFT_DELETED_TB = 2 ** 63;
const roundTrip = (value: unknown) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
const toResolved = (r: StoredRecord) => ({
  event: { ...r, isJson: true, position: { commit: r.position, prepare: r.position } },
  commitPosition: r.position,
});
const matches = (filter: Filter | undefined, r: StoredRecord): boolean => {
  if (!filter) return true;
  const subject = filter.filterOn === 'streamName' ? r.streamId : r.type;
  return 'prefixes' in filter ? filter.prefixes.some((p) => subject.startsWith(p)) : new RegExp(filter.regex).test(subject);
};

export class FakeEsdbClient {
  readonly all: StoredRecord[] = [];
  readonly streams = new Map<string, StreamState>();
  readonly metadata = new Map<string, Record<string, unknown>>();
  readonly appendCalls: { streamId: string; events: NewEvent[]; expectedRevision: AppendExpectedRevision }[] = [];
  readonly reads: FakeRead[] = [];
  readonly subscriptions: FakeSubscription[] = [];
  disposed = false;
  /** Runs before an append is checked: lets a test slip in a concurrent writer. */
  beforeAppend?: (streamId: string, events: NewEvent[]) => void;
  private readonly failures = new Map<string, unknown[]>();
  private nextPosition = 1_000n;
  private clock = Date.parse('2026-01-01T00:00:00.000Z');

  asClient(): EventStoreDBClient {
    return this as unknown as EventStoreDBClient;
  }

  failNext(method: string, error: unknown, times = 1): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...Array(times).fill(error)]);
  }

  private takeFailure(method: string): unknown {
    return this.failures.get(method)?.shift();
  }

  private stream(streamId: string): StreamState {
    let stream = this.streams.get(streamId);
    if (!stream) this.streams.set(streamId, (stream = { lastRevision: -1n, softDeleted: false, tombstoned: false, events: [] }));
    return stream;
  }

  private record(streamId: string, type: string, data: unknown, metadata: unknown, revision: bigint, id: string = randomUUID()): StoredRecord {
    const record = { streamId, id, type, data, metadata, revision, position: this.nextPosition, created: new Date((this.clock += 1000)) };
    this.nextPosition += 137n; // positions grow but are not contiguous, as in a real log
    this.all.push(record);
    for (const sub of this.subscriptions) if (!sub.destroyed && matches(sub.options.filter as Filter, record)) sub.write(toResolved(record));
    return record;
  }

  async appendToStream(streamId: string, events: NewEvent | NewEvent[], options: { expectedRevision?: AppendExpectedRevision } = {}): Promise<AppendResult> {
    const batch = Array.isArray(events) ? events : [events];
    const expectedRevision = options.expectedRevision ?? 'any';
    this.appendCalls.push({ streamId, events: batch, expectedRevision });
    const failure = this.takeFailure('appendToStream');
    if (failure) throw failure;
    this.beforeAppend?.(streamId, batch);
    return this.write(streamId, batch, expectedRevision);
  }

  /** Writes as the server does (IndexWriter.CheckCommit); tests also use it as a concurrent writer. */
  write(streamId: string, events: NewEvent[], expected: AppendExpectedRevision = 'any'): AppendResult {
    const stream = this.stream(streamId);
    if (stream.tombstoned) throw StreamDeletedError.fromStreamName(streamId);
    const current = stream.lastRevision;
    const wrong = () => new WrongExpectedVersionError(undefined, { streamName: streamId, expected, current: current < 0n ? 'no_stream' : current });
    if (expected === 'stream_exists') {
      if (stream.softDeleted) throw StreamDeletedError.fromStreamName(streamId);
      if (current < 0n) throw wrong();
    } else if (expected !== 'any') {
      const base = expected === 'no_stream' ? -1n : expected;
      if (base > current) throw wrong();
      if (base < current) {
        const already = events.map((e, i) => stream.events.find((r) => r.revision === base + 1n + BigInt(i) && r.id === e.id.toLowerCase()));
        const last = already[already.length - 1];
        if (last && already.every(Boolean)) return { success: true, nextExpectedRevision: last.revision, position: { commit: last.position, prepare: last.position } };
        if (!(base === -1n && stream.softDeleted)) throw wrong();
      }
    }
    if (stream.softDeleted) {
      stream.softDeleted = false;
      this.metadata.set(streamId, { ...this.metadata.get(streamId), truncateBefore: Number(current + 1n) });
    }
    let last: StoredRecord | undefined;
    for (const e of events) {
      last = this.record(streamId, e.type, roundTrip(e.data), roundTrip(e.metadata), ++stream.lastRevision, e.id.toLowerCase());
      stream.events.push(last);
    }
    return { success: true, nextExpectedRevision: stream.lastRevision, ...(last ? { position: { commit: last.position, prepare: last.position } } : {}) };
  }

  private reading(method: string, options: Record<string, unknown>, produce: () => StoredRecord[]): FakeRead {
    const failure = this.takeFailure(method);
    const read: FakeRead = {
      options,
      cancelled: false,
      cancel: async () => void (read.cancelled = true),
      async *[Symbol.asyncIterator]() {
        // Like the client, errors surface while iterating, not when the read is created.
        if (failure) throw failure;
        for (const r of produce()) {
          if (read.cancelled) return;
          yield toResolved(r);
        }
      },
    };
    this.reads.push(read);
    return read;
  }

  readStream(streamId: string, options: { fromRevision?: ReadRevision; direction?: string; maxCount?: number | bigint } = {}): FakeRead {
    const { fromRevision = 'start', direction = 'forwards', maxCount = Number.MAX_SAFE_INTEGER } = options;
    return this.reading('readStream', { streamId, ...options }, () => {
      const stream = this.streams.get(streamId);
      if (stream?.tombstoned) throw StreamDeletedError.fromStreamName(streamId);
      if (!stream || stream.softDeleted || stream.lastRevision < 0n) throw new StreamNotFoundError(undefined, streamId);
      const { truncateBefore: tb, maxCount: keep } = this.metadata.get(streamId) ?? {};
      const visible = stream.events
        .filter((r) => typeof tb !== 'number' || r.revision >= BigInt(tb))
        .filter((r) => typeof keep !== 'number' || r.revision > stream.lastRevision - BigInt(keep));
      const selected =
        direction === 'forwards'
          ? visible.filter((r) => fromRevision === 'start' || (fromRevision !== 'end' && r.revision >= fromRevision))
          : [...visible].reverse().filter((r) => fromRevision === 'end' || (fromRevision !== 'start' && r.revision <= fromRevision));
      return selected.slice(0, Number(maxCount));
    });
  }

  readAll(options: { fromPosition?: ReadPosition; direction?: string; maxCount?: number | bigint } = {}): FakeRead {
    const { fromPosition = 'start', direction = 'forwards', maxCount = Number.MAX_SAFE_INTEGER } = options;
    return this.reading('readAll', { ...options }, () => {
      const at = (p: ReadPosition) => (p as Position).commit;
      const selected =
        direction === 'forwards'
          ? this.all.filter((r) => fromPosition === 'start' || (fromPosition !== 'end' && r.position >= at(fromPosition)))
          : [...this.all].reverse().filter((r) => fromPosition === 'end' || (fromPosition !== 'start' && r.position < at(fromPosition)));
      return selected.slice(0, Number(maxCount));
    });
  }

  subscribeToAll(options: { fromPosition?: ReadPosition; filter?: Filter } = {}): FakeSubscription {
    const sub = Object.assign(new PassThrough({ objectMode: true }), { options, unsubscribed: false }) as FakeSubscription;
    // Like the real client, unsubscribing cancels the call but need not end the Readable.
    sub.unsubscribe = async () => void (sub.unsubscribed = true);
    const failure = this.takeFailure('subscribeToAll');
    if (failure) setImmediate(() => sub.destroy(failure as Error));
    const from = options.fromPosition ?? 'start';
    for (const r of this.all) {
      const after = from === 'start' || (from !== 'end' && r.position > from.commit);
      if (after && matches(options.filter, r)) sub.write(toResolved(r));
    }
    this.subscriptions.push(sub);
    return sub;
  }

  async getStreamMetadata(streamId: string) {
    const failure = this.takeFailure('getStreamMetadata');
    if (failure) throw failure;
    if (this.streams.get(streamId)?.tombstoned) throw StreamDeletedError.fromStreamName(streamId);
    const metadata = this.metadata.get(streamId);
    return metadata ? { streamName: streamId, metadata: { ...metadata } } : { streamName: streamId };
  }

  async setStreamMetadata(streamId: string, metadata: Record<string, unknown>): Promise<AppendResult> {
    const failure = this.takeFailure('setStreamMetadata');
    if (failure) throw failure;
    if (this.streams.get(streamId)?.tombstoned) throw StreamDeletedError.fromStreamName(streamId);
    for (const key of ['maxAge', 'maxCount', 'truncateBefore']) {
      if (key in metadata && !Number.isInteger(metadata[key])) throw new Error(`Invalid stream metadata: "${key}" must be an integer.`);
    }
    this.metadata.set(streamId, roundTrip(metadata));
    const meta = this.record(`$$${streamId}`, '$metadata', roundTrip(metadata), undefined, 0n);
    return { success: true, nextExpectedRevision: 0n, position: { commit: meta.position, prepare: meta.position } };
  }

  private checkDelete(streamId: string, expected: AppendExpectedRevision): StreamState {
    const stream = this.stream(streamId);
    if (stream.tombstoned) throw StreamDeletedError.fromStreamName(streamId);
    const base = expected === 'no_stream' ? -1n : expected;
    if (typeof base === 'bigint' && base !== stream.lastRevision) {
      throw new WrongExpectedVersionError(undefined, { streamName: streamId, expected, current: stream.lastRevision < 0n ? 'no_stream' : stream.lastRevision });
    }
    return stream;
  }

  async deleteStream(streamId: string, options: { expectedRevision?: AppendExpectedRevision } = {}) {
    const stream = this.checkDelete(streamId, options.expectedRevision ?? 'any');
    stream.softDeleted = true;
    this.metadata.set(streamId, { ...this.metadata.get(streamId), truncateBefore: SOFT_DELETED_TB });
    this.record(`$$${streamId}`, '$metadata', { $tb: SOFT_DELETED_TB }, undefined, 0n);
    return {};
  }

  async tombstoneStream(streamId: string, options: { expectedRevision?: AppendExpectedRevision } = {}) {
    const stream = this.checkDelete(streamId, options.expectedRevision ?? 'any');
    stream.tombstoned = true;
    this.record(streamId, '$streamDeleted', {}, undefined, stream.lastRevision + 1n);
    return {};
  }

  async dispose(): Promise<void> {
    this.disposed = true;
  }
}
