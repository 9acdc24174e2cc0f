// Runs one projection: take the lease, read the checkpoint, subscribe to `$all` from there and
// apply events in batches, each batch committed with its checkpoint (DESIGN.md, "Read side").
// A batch the store fails to take (it is down, say) is retried with back-off and never advances
// the checkpoint. An event the projection cannot apply (its pure code throws on it, or the store
// refuses what it would write) fails the same way on every retry, so it is parked instead, a dead
// letter written with the batch, and the projection goes on: one bad event never holds up every
// read (see dead-letters.ts).
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { BehaviorSubject, Subject } from 'rxjs';
import type { UpcasterRegistry, EventStore, RecordedEvent } from '@crystalyse/event-store';
import type { Document, DocumentStore, DocumentWrite } from '../document-store.port.js';
import { deadLetterCollection, deadLetterWrite, isRefusedWrite } from './dead-letters.js';
import { EventBatcher } from './event-batcher.js';
import { foldBatch, touchedIds } from './fold-batch.js';
import { LeaseKeeper } from './lease-keeper.js';
import { waitForPosition } from './position-waiter.js';
import { collectionsOf, isStateful, type AnyProjection } from './projection.js';
import { consoleProjectionLogger, type ProjectionLogger } from './projection-logger.js';
import { RebuildProgress, type RebuildResult } from './rebuild-progress.js';
import { backoff, sleep } from './sleep.js';

export interface ProjectionRunnerOptions {
  eventStore: EventStore;
  store: DocumentStore;
  /** Lease owner id; unique per process by default. */
  owner?: string;
  batchSize?: number;
  leaseTtlMs?: number;
  /** How often a waiting runner tries to take the lease. */
  leaseRetryMs?: number;
  retryInitialMs?: number;
  retryMaxMs?: number;
  /** Rebuild progress is logged every this many events. */
  progressEvery?: number;
  /** How often waitForPosition polls the stored checkpoint while another runner is active. */
  checkpointPollMs?: number;
  logger?: ProjectionLogger;
  clock?: () => Date;
  /** Upgrades old event versions before `evolve` sees them. */
  upcasters?: UpcasterRegistry;
}

export type RunnerState = 'stopped' | 'waiting-for-lease' | 'running' | 'retrying';

export const defaultOwner = () => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

export class ProjectionRunner {
  readonly position$ = new BehaviorSubject<bigint>(-1n);
  readonly state$ = new BehaviorSubject<RunnerState>('stopped');
  lastError: Error | undefined;
  private readonly stopped$ = new Subject<void>();
  private readonly lease: LeaseKeeper;
  private readonly options: Required<Omit<ProjectionRunnerOptions, 'owner' | 'upcasters'>> & Pick<ProjectionRunnerOptions, 'upcasters'>;
  private stopController: AbortController | undefined;
  private loop: Promise<void> | undefined;
  private releaseOnStop = true;
  private resetPending: (() => void) | undefined;
  private rebuildProgress: RebuildProgress | undefined;
  /** Up to here $all holds no event this projection handles beyond its checkpoint (see waitForPosition). */
  private cleanThrough = -1n;

  constructor(
    readonly projection: AnyProjection,
    options: ProjectionRunnerOptions,
  ) {
    this.options = {
      batchSize: 500,
      leaseTtlMs: 30_000,
      leaseRetryMs: Math.max(50, Math.floor((options.leaseTtlMs ?? 30_000) / 3)),
      retryInitialMs: 100,
      retryMaxMs: 30_000,
      progressEvery: 10_000,
      checkpointPollMs: 100,
      logger: consoleProjectionLogger,
      clock: () => new Date(),
      ...options,
    };
    const { store, leaseTtlMs, clock, logger } = this.options;
    this.lease = new LeaseKeeper(store, `projection:${projection.name}`, options.owner ?? defaultOwner(), leaseTtlMs, clock, logger);
  }

  get name(): string {
    return this.projection.name;
  }

  start(): void {
    if (this.loop) return;
    this.stopController = new AbortController();
    this.releaseOnStop = true;
    this.loop = this.runLoop(this.stopController.signal);
  }

  /** Finishes the batch being written, closes the subscription and releases the lease. */
  async stop(): Promise<void> {
    await this.halt(true);
  }

  waitForPosition(position: bigint, timeoutMs: number): Promise<boolean> {
    const { eventStore, store, checkpointPollMs } = this.options;
    return waitForPosition(
      {
        position$: this.position$,
        stopped$: this.stopped$,
        isActive: () => this.state$.value === 'running' || this.state$.value === 'retrying',
        readStoredPosition: async () => (await store.getCheckpoint(this.name))?.position ?? -1n,
        hasHandledEventBetween: async (after, upTo) => {
          // Positions already proven to hold nothing for this projection are not scanned again:
          // a projection whose events are rare would otherwise rescan $all on every wait.
          const from = after > this.cleanThrough ? after : this.cleanThrough;
          if (from >= upTo) return false;
          const [next] = await eventStore.readAll({ fromPosition: from + 1n, maxCount: 1, filter: this.filter() });
          if (next !== undefined && next.position <= upTo) return true;
          this.cleanThrough = upTo;
          return false;
        },
      },
      position,
      timeoutMs,
      checkpointPollMs,
    );
  }

  /**
   * Empties the projection and replays it from position zero, then keeps it live. Resolves when
   * the replay has reached the head the store had when the rebuild began (or on stop/timeout).
   */
  async rebuild(timeoutMs = Infinity): Promise<RebuildResult> {
    const head = await this.options.eventStore.headPosition();
    await this.halt(false); // keep the lease: no other runner may write between reset and replay
    const progress = new RebuildProgress(this.name, this.options.progressEvery, this.options.logger);
    const deadline = Date.now() + timeoutMs;
    const reset = new Promise<void>((resolve) => (this.resetPending = resolve));
    this.cleanThrough = -1n; // the checkpoint goes back to zero: nothing is known clean any more
    this.rebuildProgress = progress;
    this.start();
    // The reset waits for the lease; a stop or the timeout ends that wait too.
    let cancel = () => {};
    const interrupted = new Promise<void>((resolve) => {
      const subscription = this.stopped$.subscribe(() => resolve());
      const timer = Number.isFinite(timeoutMs) ? setTimeout(resolve, Math.min(timeoutMs, 2 ** 31 - 1)) : undefined;
      cancel = () => (subscription.unsubscribe(), clearTimeout(timer));
    });
    await Promise.race([reset, interrupted]);
    cancel();
    const resetDone = this.resetPending === undefined;
    // Interrupted before the reset: do not leave it armed to wipe the projection at a later start.
    this.resetPending = undefined;
    const caughtUp = resetDone && (await this.waitForPosition(head, deadline - Date.now()));
    if (this.rebuildProgress === progress) this.rebuildProgress = undefined;
    return progress.finish(caughtUp);
  }

  private async halt(releaseLease: boolean): Promise<void> {
    if (!this.loop) return;
    this.releaseOnStop = releaseLease;
    this.stopController?.abort();
    this.stopped$.next();
    await this.loop;
    this.loop = undefined;
  }

  private async runLoop(stop: AbortSignal): Promise<void> {
    const { leaseRetryMs, logger, retryInitialMs, retryMaxMs, store } = this.options;
    let failures = 0;
    while (!stop.aborted) {
      this.state$.next('waiting-for-lease');
      if (!(await this.lease.acquire(stop, leaseRetryMs))) break;
      const term = new AbortController();
      const endTerm = () => term.abort();
      stop.addEventListener('abort', endTerm, { once: true });
      this.lease.startRenewing((reason) => {
        logger.warn(`${this.name}: ${reason}; pausing`);
        term.abort();
      });
      try {
        this.state$.next('running');
        if (this.resetPending) {
          await store.resetProjection(this.name, [...collectionsOf(this.projection), deadLetterCollection(this.name)]);
          if (isStateful(this.projection)) this.projection.reset();
          this.position$.next(-1n);
          this.resetPending();
          this.resetPending = undefined;
        }
        await this.consume(term.signal);
        failures = 0;
      } catch (error) {
        failures++;
        this.fail(error, `${this.name}: runner failed (attempt ${failures})`);
        await sleep(backoff(failures, retryInitialMs, retryMaxMs), stop);
      } finally {
        this.lease.stopRenewing();
        stop.removeEventListener('abort', endTerm);
      }
    }
    if (this.releaseOnStop) await this.lease.release().catch((e: Error) => logger.warn(`${this.name}: lease release failed: ${e.message}`));
    this.state$.next('stopped');
  }

  /** Applies batches until the term ends (stop or lease lost). */
  private async consume(term: AbortSignal): Promise<void> {
    const { eventStore, store, batchSize } = this.options;
    const stored = await store.getCheckpoint(this.name);
    // Holding the lease: finish a reset another process left half done before replaying.
    if (stored?.pendingReset) await store.resetProjection(this.name, stored.pendingReset);
    const checkpoint = stored?.pendingReset ? -1n : (stored?.position ?? -1n);
    this.position$.next(checkpoint);
    const subscription = eventStore.subscribeToAll({
      fromPosition: checkpoint < 0n ? 'start' : checkpoint,
      filter: this.filter(),
    });
    const batcher = new EventBatcher(subscription, batchSize * 2);
    try {
      while (!term.aborted) {
        const events = await batcher.take(batchSize, term);
        if (events === null) {
          if (term.aborted) return;
          throw new Error('subscription ended unexpectedly');
        }
        if (!(await this.applyWithRetry(events, term))) return;
      }
    } finally {
      await batcher.close();
    }
  }

  /** True once applied; false if the term ended first (the checkpoint then stays put). */
  private async applyWithRetry(events: RecordedEvent[], term: AbortSignal): Promise<boolean> {
    const { retryInitialMs, retryMaxMs } = this.options;
    for (let attempt = 1; !term.aborted; attempt++) {
      try {
        if (!(await this.lease.ensure())) return false;
        await this.applyBatch(events);
        if (attempt > 1) this.options.logger.log(`${this.name}: batch applied after ${attempt} attempts`);
        this.lastError = undefined;
        this.state$.next('running');
        return true;
      } catch (error) {
        this.state$.next('retrying');
        this.fail(error, `${this.name}: batch at ${events[0]!.position}..${events.at(-1)!.position} failed (attempt ${attempt})`);
        await sleep(backoff(attempt, retryInitialMs, retryMaxMs), term);
      }
    }
    return false;
  }

  private async applyBatch(recorded: RecordedEvent[]): Promise<void> {
    const { store, upcasters } = this.options;
    const parked: Array<{ event: RecordedEvent; error: unknown }> = [];
    // Projections see events in their current shape; the store keeps what was written.
    const events = recorded.flatMap((event) => {
      try {
        return [upcasters ? upcasters.upcast(event) : event];
      } catch (error) {
        parked.push({ event, error });
        return [];
      }
    });
    const { writes, failed, commit } = await this.fold(events);
    parked.push(...failed);
    const last = recorded.at(-1)!.position;
    const now = this.options.clock();
    try {
      await store.applyProjectionBatch(this.name, [...writes, ...parked.map((p) => deadLetterWrite(this.name, p.event, p.error, now))], last);
      commit();
    } catch (error) {
      if (!isRefusedWrite(error)) throw error;
      // The store refuses what one of these events would write: find it by applying them one by one.
      if (recorded.length > 1) {
        for (const event of recorded) await this.applyBatch([event]);
        return;
      }
      await store.applyProjectionBatch(this.name, [deadLetterWrite(this.name, recorded[0]!, error, now)], last);
      parked.splice(0, parked.length, { event: recorded[0]!, error });
    }
    for (const { event, error } of parked) {
      const message = error instanceof Error ? error.message : String(error);
      this.options.logger.warn(`${this.name}: parked ${event.type} at position ${event.position} (${event.streamId}): ${message}`);
    }
    this.position$.next(last);
    this.rebuildProgress?.advance(recorded.length);
  }

  private filter(): { eventTypes: string[]; streamPrefixes?: string[] } {
    const p = this.projection;
    return { eventTypes: p.handles, ...(isStateful(p) && p.streamPrefixes ? { streamPrefixes: p.streamPrefixes } : {}) };
  }

  private async fold(events: RecordedEvent[]): Promise<{ writes: DocumentWrite[]; failed: Array<{ event: RecordedEvent; error: unknown }>; commit: () => void }> {
    const { store } = this.options;
    const projection = this.projection;
    if (isStateful(projection)) return projection.fold(events, store);
    const ids = touchedIds(projection, events);
    const stored = ids.length === 0 ? [] : await store.collection<Document>(projection.collection).find({ _id: { $in: ids } });
    return { ...foldBatch(projection, events, stored), commit: () => {} };
  }

  private fail(error: unknown, context: string): void {
    this.lastError = error instanceof Error ? error : new Error(String(error));
    this.options.logger.error(`${context}: ${this.lastError.message}`, this.lastError.stack);
  }
}
