// Drives a batch: one query per material through the same pipeline as POST /queries. Nothing of
// the batch lives only here: before each step the runner reads the session's events (progress is
// their fold), every step is an event, and every query of an item's attempt has an idempotency key
// derived from (batch, item, attempt), so a repeated step replays instead of asking twice. One
// runner drives a batch at a time: it holds a lease in the read-model store (as projections do),
// renewed before each item; another replica takes over once a crashed runner's lease expires.
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { batchProgress, BATCH_EVENT_TYPES, sessionStream, unfinishedItems, type BatchItemProgress, type BatchSettings, type SessionState } from '@crystalyse/domain';
import type { EventStore } from '@crystalyse/event-store';
import type { DocumentStore } from '@crystalyse/read-models';
import { QueryPipeline } from '../agent/query-pipeline.service.js';
import { QueryFailedError } from '../agent/query-failed.error.js';
import type { AppConfig } from '../config/app-config.js';
import type { RequestContext } from '../http/request-context.js';
import { Clock } from '../infrastructure/clock.js';
import { APP_CONFIG, DOCUMENT_STORE, EVENT_STORE } from '../infrastructure/tokens.js';
import { SessionCommandBus } from '../sessions/session-command.bus.js';
import { SessionEvents } from '../sessions/session-events.service.js';
import { BranchService } from '../branches/branch.service.js';
import type { WorkspaceTarget } from '../branches/workspace-target.js';
import { systemContext } from './batch-context.js';

/** The reason recovery gives a question a crash interrupted (pending-queries.recovery.ts). */
const INTERRUPTED = 'interrupted: the service stopped before the answer was recorded; ask again';
const BATCH_TYPES = new Set<string>(BATCH_EVENT_TYPES);

export const batchQuestion = (formula: string) => `Analyse ${formula}`;
export const itemBranchName = (index: number) => `batch-item-${String(index + 1).padStart(4, '0')}`;

@Injectable()
export class BatchRunner implements OnApplicationShutdown {
  private readonly logger = new Logger('Batches');
  private readonly owner = `batch-runner-${randomUUID()}`;
  private readonly running = new Map<string, Promise<void>>();
  private stopping = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: SessionEvents,
    private readonly commands: SessionCommandBus,
    private readonly pipeline: QueryPipeline,
    private readonly branches: BranchService,
    private readonly clock: Clock,
  ) {}

  /** Starts driving the batch in the background unless this process already does. */
  kick(sessionId: string): void {
    if (this.stopping || this.running.has(sessionId)) return;
    const run = this.drive(sessionId)
      .catch((error: unknown) => this.logger.error(`batch ${sessionId} stopped: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => this.running.delete(sessionId));
    this.running.set(sessionId, run);
  }

  isRunning(sessionId: string): boolean {
    return this.running.has(sessionId);
  }

  /** Resolves once this process drives no batch (tests; shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.idle();
  }

  private leaseName = (sessionId: string) => `batch:${sessionId}`;

  private async holdLease(sessionId: string): Promise<boolean> {
    return this.documents.acquireLease(this.leaseName(sessionId), this.owner, this.config.batchLeaseMs, new Date(this.clock.now()));
  }

  private async drive(sessionId: string): Promise<void> {
    if (!(await this.holdLease(sessionId))) {
      this.logger.log(`batch ${sessionId}: another runner holds it`);
      return;
    }
    try {
      for (;;) {
        if (this.stopping) return;
        const { state } = await this.sessions.sessionNow(sessionId);
        const batch = state.governance.batch;
        if (!batch || batch.completedAt || batch.paused || !['created', 'active'].includes(state.governance.status)) return;
        const progress = batchProgress(await this.batchEvents(sessionId));
        const todo = unfinishedItems(progress);
        if (todo.length === 0) {
          const answered = progress.items.filter((i) => i.status === 'answered').length;
          await this.commands.send(this.ctx(state, 'complete'), sessionId, 'CompleteBatch', { answered, failed: progress.items.length - answered });
          this.logger.log(`batch ${sessionId}: completed (${answered} of ${progress.items.length} answered)`);
          return;
        }
        // With shared context one item at a time, in order, so later ones see earlier findings.
        const width = batch.sharedContext ? 1 : batch.concurrency;
        const round = todo.slice(0, width);
        if (!(await this.holdLease(sessionId))) {
          this.logger.warn(`batch ${sessionId}: lost its lease; another runner goes on`);
          return;
        }
        const outcomes = await Promise.allSettled(round.map((item) => this.runItem(state, sessionId, batch, item)));
        const stop = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
        // An error outside the analyst (the session was paused or archived, the store is down) ends
        // this run; the items stay as the events say, and the next run goes on from there.
        if (stop) throw stop.reason;
      }
    } finally {
      await this.documents.releaseLease(this.leaseName(sessionId), this.owner).catch(() => undefined);
    }
  }

  private async batchEvents(sessionId: string) {
    const events = await this.store.readStream(sessionStream(sessionId));
    return events.filter((e) => BATCH_TYPES.has(e.type));
  }

  private ctx(state: SessionState, step: string, commandId?: string): RequestContext {
    return systemContext(state.governance.ownerId, 'batch', `batch-${state.id}-${step}`, commandId);
  }

  /** One attempt of one item: settles an attempt a crash interrupted, or starts the next one. */
  private async runItem(state: SessionState, sessionId: string, batch: BatchSettings, item: BatchItemProgress): Promise<void> {
    const resuming = item.status === 'running';
    const attempt = resuming ? item.attempts : item.attempts + 1;
    const key = `batch:${sessionId}:${item.index}:${attempt}`;
    const ctx = this.ctx(state, `item-${item.index}-${attempt}`, key);
    const target: WorkspaceTarget = batch.sharedContext ? { sessionId } : { sessionId, branchId: item.branchId ?? (await this.itemBranch(state, sessionId, item)) };
    const queryId = this.commands.newId(ctx, `query:${target.branchId ?? target.sessionId}`);
    const internal = this.ctx(state, `item-${item.index}-${attempt}`);

    if (resuming) {
      // The attempt was started before: what became of its query decides (never ask twice).
      const turn = (await this.sessions.readableState(target, state.governance.ownerId)).state.workspace.conversation.get(queryId);
      if (turn?.status === 'answered') return this.answered(internal, sessionId, item, queryId);
      if (turn?.status === 'failed') return this.failed(internal, sessionId, item, attempt, queryId, turn.failure?.reason ?? 'failed', turn.failure?.reason === INTERRUPTED);
      if (turn?.status === 'pending') {
        // Asked by a runner that is gone (this one holds the lease): failed as recovery would.
        await this.commands.send(internal, target, 'FailQuery', { queryId, reason: INTERRUPTED, retryable: true });
        return this.failed(internal, sessionId, item, attempt, queryId, INTERRUPTED, true);
      }
      // Not asked yet: ask now, under the same key, as the first runner would have.
    } else {
      await this.commands.send(internal, sessionId, 'StartBatchItem', { index: item.index, attempt, queryId, ...(target.branchId ? { branchId: target.branchId } : {}) });
    }
    try {
      const outcome = await this.pipeline.ask(ctx, target, batchQuestion(item.formula));
      if (outcome.status === 'answered') return this.answered(internal, sessionId, item, queryId);
      const failure = outcome.failure as { reason?: string } | null;
      if (outcome.status === 'failed') return this.failed(internal, sessionId, item, attempt, queryId, failure?.reason ?? 'failed', failure?.reason === INTERRUPTED);
      // A replayed question still pending: its first asker is gone.
      await this.commands.send(internal, target, 'FailQuery', { queryId, reason: INTERRUPTED, retryable: true });
      return this.failed(internal, sessionId, item, attempt, queryId, INTERRUPTED, true);
    } catch (error) {
      if (!(error instanceof QueryFailedError)) throw error;
      return this.failed(internal, sessionId, item, attempt, queryId, error.message, false);
    }
  }

  private async answered(ctx: RequestContext, sessionId: string, item: BatchItemProgress, queryId: string): Promise<void> {
    await this.commands.send(ctx, sessionId, 'RecordBatchItemAnswered', { index: item.index, queryId });
  }

  private async failed(ctx: RequestContext, sessionId: string, item: BatchItemProgress, attempt: number, queryId: string, reason: string, interrupted: boolean): Promise<void> {
    const failures = item.failures + (interrupted ? 0 : 1);
    await this.commands.send(ctx, sessionId, 'FailBatchItem', { index: item.index, attempt, queryId, reason: reason.slice(0, 2000), interrupted, failures });
    this.logger.warn(`batch ${sessionId}: ${item.formula} attempt ${attempt} failed: ${reason}`);
  }

  /**
   * Without shared context an item runs in a branch of its own, forked from the session's head.
   * The key makes it safe to repeat: a crash between the branch's two appends is completed.
   */
  private async itemBranch(state: SessionState, sessionId: string, item: BatchItemProgress): Promise<string> {
    const name = itemBranchName(item.index);
    const ctx = this.ctx(state, `branch-${item.index}`, `batch:${sessionId}:${item.index}:branch`);
    return (await this.branches.create(ctx, { sessionId }, name, 'head')).branchId;
  }
}
