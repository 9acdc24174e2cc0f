// Binds the generic `handle()` to this app's store, snapshots and upcasters, so Nest command
// handlers stay a few lines: build the domain command, run it, return the result.
import { Inject, Injectable } from '@nestjs/common';
import {
  CommandWriter,
  eventEnvelope,
  loadStream,
  SnapshotStore,
  StateCache,
  type CommandContext,
  type Decider,
  type DomainEvent,
  type EventStore,
  type ExpectedRevision,
  type HandleResult,
  type LoadedStream,
  type SnapshotOptions,
  type AppendResult,
  WrongExpectedVersion,
} from '@crystalyse/event-store';
import { EVENT_STORE } from './tokens.js';
import { DOMAIN_UPCASTERS } from '@crystalyse/domain';

export interface RunOptions<State> {
  context: CommandContext;
  expectedRevision?: ExpectedRevision;
  snapshot?: SnapshotOptions<State>;
  /** For states that depend on more than their own stream (a branch folds on the session's governance now). */
  uncached?: boolean;
}

@Injectable()
export class CommandRunner {
  private readonly snapshots: SnapshotStore;
  // One cache for every aggregate: stream ids never repeat across aggregates, and each stream is
  // always folded by the same evolve.
  private readonly cache = new StateCache<unknown>(2000);
  // One writer for the process: commands to a stream queue behind each other and are decided in
  // rounds, so writers in this process never race each other (only other processes).
  private readonly writer: CommandWriter;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {
    this.snapshots = new SnapshotStore(store);
    this.writer = new CommandWriter(store);
  }

  run<C, E extends DomainEvent, S>(streamId: string, decider: Decider<C, E, S>, command: C, options: RunOptions<S>): Promise<HandleResult<S, E>> {
    return this.writer.submit(streamId, decider, command, {
      context: options.context,
      expectedRevision: options.expectedRevision,
      snapshot: options.snapshot ? { ...options.snapshot, store: this.snapshots } : undefined,
      cache: options.uncached ? undefined : (this.cache as StateCache<S>),
      upcasters: DOMAIN_UPCASTERS,
    });
  }

  /**
   * Appends already-decided events with extra metadata each (an import keeps every event's
   * provenance); the envelope is the same as `handle()` writes.
   */
  async appendDecided(streamId: string, events: Array<{ event: DomainEvent; metadata: Record<string, unknown> }>, context: CommandContext, expectedRevision: ExpectedRevision) {
    const data = events.map(({ event, metadata }) => eventEnvelope(event, context, metadata));
    try {
      return await this.store.appendToStream(streamId, data, { expectedRevision });
    } catch (error) {
      const replay = error instanceof WrongExpectedVersion && context.commandId ? await this.findReplay(streamId, context.commandId) : null;
      if (replay) return replay;
      throw error;
    }
  }

  /** The result of an earlier append by the same idempotency key, if the stream holds one. */
  private async findReplay(streamId: string, commandId: string): Promise<AppendResult | null> {
    const events = await this.store.readStream(streamId);
    const earlier = events.filter((e) => e.metadata.commandId === commandId);
    const last = earlier[earlier.length - 1];
    return last ? { nextExpectedRevision: last.revision, position: last.position } : null;
  }

  load<E extends DomainEvent, S>(streamId: string, decider: Pick<Decider<unknown, E, S>, 'initialState' | 'evolve'>, snapshot?: SnapshotOptions<S>): Promise<LoadedStream<S>> {
    return loadStream(this.store, streamId, decider, {
      snapshot: snapshot ? { ...snapshot, store: this.snapshots } : undefined,
      cache: this.cache as StateCache<S>,
      upcasters: DOMAIN_UPCASTERS,
    });
  }
}
