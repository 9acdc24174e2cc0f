// The scaled setup's event store: a thin mapping of the port onto @eventstore/db-client. The port
// mirrors EventStoreDB on purpose; what needs more than a rename lives in the files beside this
// one (hash chain and races in append.ts, filters in filters.ts, subscriptions in subscription.ts).
import { BACKWARDS, END, EventStoreDBClient, FORWARDS, WrongExpectedVersionError } from '@eventstore/db-client';
import type { DeleteResult, ExpectedRevision as EsdbExpectedRevision } from '@eventstore/db-client';
import { StreamDeleted, StreamNotFound, WrongExpectedVersion } from '../errors.js';
import type {
  AppendOptions,
  AppendResult,
  EventData,
  EventStore,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamMetadata,
  SubscribeToAllOptions,
  Subscription,
} from '../event-store.port.js';
import { MAX_RACE_RETRIES, appendChained } from './append.js';
import { collectAll, readStreamEvents } from './client-reads.js';
import { translateError } from './error-mapping.js';
import { planFilter } from './filters.js';
import { PerKeyQueue } from './per-key-queue.js';
import {
  fromEsdbStreamMetadata,
  isSystemEventType,
  toDirection,
  toEsdbStreamMetadata,
  toPosition,
  toReadPosition,
  toReadRevision,
} from './mapping.js';
import { readTail } from './stream-head.js';
import { EventStoreDbSubscription } from './subscription.js';
import { SideStreamIdempotencyStore } from '../idempotency/side-stream-idempotency.js';
import { SideStreamSnapshotStorage } from '../snapshots/side-stream-snapshots.js';

export class EventStoreDbEventStore implements EventStore {
  private readonly appends = new PerKeyQueue();
  /** In side streams trimmed by $maxCount, which the server's scavenge frees. */
  readonly idempotency = new SideStreamIdempotencyStore(this);
  readonly snapshots = new SideStreamSnapshotStorage(this);

  constructor(private readonly client: EventStoreDBClient) {}

  /** For example `esdb://localhost:2113?tls=false`. */
  static fromConnectionString(url: string): EventStoreDbEventStore {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(url));
  }

  appendToStream(streamId: string, events: EventData[], options: AppendOptions = {}): Promise<AppendResult> {
    return this.appends.run(streamId, () => appendChained(this.client, streamId, events, options.expectedRevision ?? 'any'));
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const direction = options.direction ?? 'forwards';
    return readStreamEvents(this.client, streamId, {
      direction: toDirection(direction),
      fromRevision: toReadRevision(options.fromRevision ?? (direction === 'forwards' ? 'start' : 'end')),
      ...(options.maxCount !== undefined ? { maxCount: options.maxCount } : {}),
    });
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const direction = options.direction ?? 'forwards';
    const from = options.fromPosition ?? (direction === 'forwards' ? 'start' : 'end');
    const limit = options.maxCount ?? Number.POSITIVE_INFINITY;
    // Client 6.2.1 cannot filter readAll on the server, so the whole filter runs here.
    const { accepts } = planFilter(options.filter);
    const events: RecordedEvent[] = [];
    if (limit <= 0) return events;
    if (direction === 'backwards' && typeof from === 'bigint') {
      // The server reads backwards from a position exclusively; the port's fromPosition is
      // inclusive, so the event at that very position is fetched first.
      const [at] = await collectAll(
        () => this.client.readAll({ fromPosition: toPosition(from), direction: FORWARDS, maxCount: 1 }),
        () => true,
        1,
      );
      if (at && at.position === from && accepts(at)) events.push(at);
    }
    return collectAll(
      () => this.client.readAll({ fromPosition: toReadPosition(from), direction: toDirection(direction) }),
      accepts,
      limit,
      events,
    );
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): Subscription {
    const { server, accepts } = planFilter(options.filter);
    try {
      // A subscription from a position delivers the events after it: the port's exclusive start.
      const source = this.client.subscribeToAll({ fromPosition: toReadPosition(options.fromPosition ?? 'start'), filter: server });
      return new EventStoreDbSubscription(source, accepts);
    } catch (error) {
      throw translateError(error);
    }
  }

  async getStreamMetadata(streamId: string): Promise<StreamMetadata> {
    try {
      const { metadata } = await this.client.getStreamMetadata(streamId);
      return fromEsdbStreamMetadata(metadata);
    } catch (error) {
      throw translateError(error, { streamId });
    }
  }

  async setStreamMetadata(streamId: string, metadata: StreamMetadata): Promise<void> {
    const converted = toEsdbStreamMetadata(metadata);
    try {
      await this.client.setStreamMetadata(streamId, converted);
    } catch (error) {
      throw translateError(error, { streamId });
    }
  }

  deleteStream(streamId: string, options: AppendOptions = {}): Promise<void> {
    return this.remove(streamId, options.expectedRevision ?? 'any', (expectedRevision) =>
      this.client.deleteStream(streamId, { expectedRevision }),
    );
  }

  tombstoneStream(streamId: string, options: AppendOptions = {}): Promise<void> {
    return this.remove(streamId, options.expectedRevision ?? 'any', (expectedRevision) =>
      this.client.tombstoneStream(streamId, { expectedRevision }),
    );
  }

  /**
   * Last position of an event our reads deliver. System events are skipped as everywhere else: a
   * reader waiting to reach a `$metadata` or stats position would never get there.
   */
  async headPosition(): Promise<bigint> {
    const [last] = await collectAll(
      () => this.client.readAll({ fromPosition: END, direction: BACKWARDS }),
      (event) => !isSystemEventType(event.type),
      1,
    );
    return last?.position ?? 0n;
  }

  async streamRevision(streamId: string): Promise<bigint> {
    try {
      const [last] = await this.readStream(streamId, { direction: 'backwards', fromRevision: 'end', maxCount: 1 });
      return last?.revision ?? -1n;
    } catch (error) {
      if (error instanceof StreamNotFound || error instanceof StreamDeleted) return -1n;
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  /** Deletes take no 'stream_exists' on the server: it becomes the current revision, re-read on a race. */
  private async remove(
    streamId: string,
    expected: ExpectedRevision,
    run: (expectedRevision: EsdbExpectedRevision) => Promise<DeleteResult>,
  ): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      let target: EsdbExpectedRevision;
      if (expected === 'stream_exists') {
        const [last] = await readTail(this.client, streamId, 1);
        if (!last) throw new WrongExpectedVersion(streamId, expected, 'no_stream');
        target = last.revision;
      } else {
        target = expected;
      }
      try {
        await run(target);
        return;
      } catch (error) {
        if (expected === 'stream_exists' && error instanceof WrongExpectedVersionError && attempt < MAX_RACE_RETRIES) continue;
        throw translateError(error, { streamId, expected });
      }
    }
  }
}
