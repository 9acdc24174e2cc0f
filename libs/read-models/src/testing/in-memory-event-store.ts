// A small in-memory EventStore for read-side tests: appends with expected revisions, `$all`
// reads and catch-up subscriptions with the port's semantics. Positions step by 10 so tests
// notice code that wrongly assumes they are contiguous. Not for production: no hash chain,
// no metadata, no persistence.
import { randomUUID } from 'node:crypto';
import type {
  AllFilter,
  AppendOptions,
  AppendResult,
  EventData,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamMetadata,
  SubscribeToAllOptions,
  Subscription,
} from '@crystalyse/event-store';
import { SideStreamIdempotencyStore, SideStreamSnapshotStorage, StreamNotFound, WrongExpectedVersion } from '@crystalyse/event-store';

const POSITION_STEP = 10n;

function matches(event: RecordedEvent, filter?: AllFilter): boolean {
  if (filter?.eventTypes && !filter.eventTypes.includes(event.type)) return false;
  if (filter?.streamPrefixes && !filter.streamPrefixes.some((p) => event.streamId.startsWith(p))) return false;
  return true;
}

export class InMemoryEventStore implements EventStore {
  private readonly all: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly metadata = new Map<string, StreamMetadata>();
  private readonly waiters = new Set<() => void>();
  readonly idempotency = new SideStreamIdempotencyStore(this);
  readonly snapshots = new SideStreamSnapshotStorage(this);
  /** Subscriptions opened so far; tests use it to see that closed ones really ended. */
  openSubscriptions = 0;

  async appendToStream(streamId: string, events: EventData[], options: AppendOptions = {}): Promise<AppendResult> {
    const stream = this.streams.get(streamId) ?? [];
    const current = stream.length === 0 ? 'no_stream' : BigInt(stream.length - 1);
    const expected = options.expectedRevision ?? 'any';
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && current === 'no_stream') ||
      (expected === 'stream_exists' && current !== 'no_stream') ||
      (typeof expected === 'bigint' && expected === current);
    if (!ok) throw new WrongExpectedVersion(streamId, expected, current);
    let position = this.all.at(-1)?.position ?? 0n;
    for (const event of events) {
      position += POSITION_STEP;
      const recorded: RecordedEvent = { ...structuredClone(event), streamId, revision: BigInt(stream.length), position, created: new Date().toISOString() };
      stream.push(recorded);
      this.all.push(recorded);
    }
    this.streams.set(streamId, stream);
    for (const wake of [...this.waiters]) wake();
    return { nextExpectedRevision: BigInt(stream.length - 1), position };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const stream = this.streams.get(streamId);
    if (!stream) throw new StreamNotFound(streamId);
    const events = options.direction === 'backwards' ? [...stream].reverse() : [...stream];
    const from = options.fromRevision;
    const started =
      typeof from === 'bigint' ? events.filter((e) => (options.direction === 'backwards' ? e.revision <= from : e.revision >= from)) : events;
    return started.slice(0, options.maxCount ?? Infinity);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const from = options.fromPosition ?? (backwards ? 'end' : 'start');
    const max = options.maxCount ?? Infinity;
    const out: RecordedEvent[] = [];
    // Positions are sorted: start at the first (or last) event inside the range.
    let i: number;
    if (backwards) i = from === 'start' ? -1 : from === 'end' ? this.all.length - 1 : this.firstIndexAfter(from) - 1;
    else i = from === 'start' ? 0 : from === 'end' ? this.all.length : this.firstIndexAfter(from - 1n);
    for (; i >= 0 && i < this.all.length && out.length < max; i += backwards ? -1 : 1) {
      if (matches(this.all[i]!, options.filter)) out.push(this.all[i]!);
    }
    return out;
  }

  /** Index of the first event with a position greater than `position`. */
  private firstIndexAfter(position: bigint): number {
    let low = 0;
    let high = this.all.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.all[mid]!.position <= position) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): Subscription {
    const from = options.fromPosition ?? 'start';
    let index = from === 'start' ? 0 : from === 'end' ? this.all.length : this.firstIndexAfter(from);
    let closed = false;
    let wake: (() => void) | undefined;
    this.openSubscriptions++;
    const close = async () => {
      if (closed) return;
      closed = true;
      this.openSubscriptions--;
      wake?.();
    };
    const next = async (): Promise<IteratorResult<RecordedEvent>> => {
      while (!closed) {
        const event = this.all[index];
        if (event) {
          index++;
          if (matches(event, options.filter)) return { value: event, done: false };
          continue;
        }
        await new Promise<void>((resolve) => {
          wake = () => {
            this.waiters.delete(wake!);
            resolve();
          };
          this.waiters.add(wake);
        });
      }
      return { value: undefined, done: true };
    };
    return {
      close,
      [Symbol.asyncIterator]: () => ({ next, return: async () => (await close(), { value: undefined, done: true }) }),
    };
  }

  async getStreamMetadata(streamId: string): Promise<StreamMetadata> {
    return this.metadata.get(streamId) ?? {};
  }

  async setStreamMetadata(streamId: string, metadata: StreamMetadata): Promise<void> {
    this.metadata.set(streamId, metadata);
  }

  async deleteStream(streamId: string): Promise<void> {
    this.streams.delete(streamId);
  }

  async tombstoneStream(streamId: string): Promise<void> {
    this.streams.delete(streamId);
  }

  async headPosition(): Promise<bigint> {
    return this.all.at(-1)?.position ?? 0n;
  }

  async streamRevision(streamId: string): Promise<bigint> {
    return this.streams.get(streamId)?.at(-1)?.revision ?? -1n;
  }

  async close(): Promise<void> {
    for (const wake of [...this.waiters]) wake();
  }
}

/** An event to append in tests, with the metadata every event carries. */
export function testEvent<T extends string>(type: T, data: unknown, userId = 'u-test'): EventData<T> {
  const id = randomUUID();
  return {
    eventId: id,
    type,
    data,
    metadata: { actor: { userId, via: 'api' }, occurredAt: '2030-01-01T00:00:00.000Z', correlationId: id, causationId: id, schemaVersion: 1 },
  };
}
