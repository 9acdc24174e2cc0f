// The one scheduler of the process: on each tick it finds the sessions with something scheduled
// (the session-schedules read model), works out from each session's events and the clock what is
// due (dueSchedules), and sends it; it also starts a runner for every batch no runner drives (after
// a restart, or when another replica's runner is gone). Every command it sends is safe to send
// again, so two replicas ticking at once, or a tick repeated after a crash, record each thing once.
// `npm start` starts it after crash recovery; tests drive `tick()` with an injected clock.
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { dueSchedules, offlineSummary } from '@crystalyse/domain';
import { SCHEDULES_COLLECTION, type DocumentStore, type ScheduleDoc } from '@crystalyse/read-models';
import type { AppConfig } from '../config/app-config.js';
import { Clock } from '../infrastructure/clock.js';
import { ReadYourWrites } from '../infrastructure/read-your-writes.js';
import { APP_CONFIG, DOCUMENT_STORE } from '../infrastructure/tokens.js';
import { SessionCommandBus } from '../sessions/session-command.bus.js';
import { SessionEvents } from '../sessions/session-events.service.js';
import { systemContext } from './batch-context.js';
import { BatchRunner } from './batch-runner.service.js';

export interface TickReport {
  checkpoints: Array<{ sessionId: string; name: string }>;
  ended: string[];
  batchesStarted: string[];
}

@Injectable()
export class Scheduler implements OnApplicationShutdown {
  private readonly logger = new Logger('Scheduler');
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<unknown> | undefined;

  constructor(
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ryw: ReadYourWrites,
    private readonly sessions: SessionEvents,
    private readonly commands: SessionCommandBus,
    private readonly runner: BatchRunner,
    private readonly clock: Clock,
  ) {}

  /** Ticks now and then every `intervalMs` (0: never). */
  start(intervalMs = this.config.schedulerIntervalMs): void {
    this.stop();
    if (intervalMs <= 0) return;
    const tick = () => {
      if (this.ticking) return;
      this.ticking = this.tick()
        .catch((error: unknown) => this.logger.warn(`tick failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => (this.ticking = undefined));
    };
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
    tick();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stop();
    await this.ticking;
  }

  async tick(): Promise<TickReport> {
    await this.ryw.settle();
    const report: TickReport = { checkpoints: [], ended: [], batchesStarted: [] };
    const docs = await this.documents.collection<ScheduleDoc>(SCHEDULES_COLLECTION).find({ due: true });
    for (const doc of docs) {
      try {
        await this.tickSession(doc, report);
      } catch (error) {
        // One session that cannot be served must not keep the others waiting.
        this.logger.warn(`session ${doc._id}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return report;
  }

  private async tickSession(doc: ScheduleDoc, report: TickReport): Promise<void> {
    const sessionId = doc._id;
    const { state } = await this.sessions.sessionNow(sessionId);
    const batch = state.governance.batch;
    if (batch && !batch.completedAt && !batch.paused && ['created', 'active'].includes(state.governance.status) && !this.runner.isRunning(sessionId)) {
      this.runner.kick(sessionId);
      report.batchesStarted.push(sessionId);
    }
    const now = this.clock.now();
    const due = dueSchedules(state, now);
    const ctx = systemContext(state.governance.ownerId, 'scheduler', `schedule-${sessionId}-${now}`);
    if (due.checkpoint) {
      const result = await this.commands.send(ctx, sessionId, 'SaveScheduledCheckpoint', { name: due.checkpoint });
      if (result.events.length > 0) report.checkpoints.push({ sessionId, name: due.checkpoint });
    }
    if (due.endResearch) {
      // The end and its summary in one append: a research session never ends without its summary.
      const { state: latest } = await this.sessions.sessionNow(sessionId);
      const summaryId = this.clock.derivedId(sessionId, 'research-end');
      const result = await this.commands.sendAll(ctx, sessionId, [
        { type: 'RecordSummary', data: { summaryId, ...offlineSummary(latest), model: 'offline' } },
        { type: 'EndResearch', data: { summaryId } },
      ]);
      if (result.events.length > 0) report.ended.push(sessionId);
    }
  }
}
