// A question whose answer was lost to a crash must not stay pending forever: on start, every
// question asked before this process started (embedded: nothing else can be answering it) or
// longer ago than the query timeout (scaled: another replica may still be at work) is marked
// failed, recoverable, by the system. One session that cannot be recovered is logged and left as
// it is: it must never keep the service from starting.
import { Inject, Injectable, Logger } from '@nestjs/common';
import { pendingQueries } from '@crystalyse/domain';
import { SESSIONS_COLLECTION, type DocumentStore, type SessionSummaryDoc } from '@crystalyse/read-models';
import type { AppConfig } from '../config/app-config.js';
import type { RequestContext } from '../http/request-context.js';
import { ReadYourWrites } from '../infrastructure/read-your-writes.js';
import { APP_CONFIG, DOCUMENT_STORE } from '../infrastructure/tokens.js';
import { SessionCommandBus } from '../sessions/session-command.bus.js';
import { SessionEvents } from '../sessions/session-events.service.js';

const REASON = 'interrupted: the service stopped before the answer was recorded; ask again';

@Injectable()
export class PendingQueriesRecovery {
  private readonly logger = new Logger('Recovery');
  private readonly startedAt = Date.now();

  private defaultCutoff(): number {
    const embedded = !this.config.eventStoreUrl;
    return embedded ? this.startedAt : Date.now() - this.config.queryTimeoutMs;
  }

  constructor(
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ryw: ReadYourWrites,
    private readonly sessions: SessionEvents,
    private readonly commands: SessionCommandBus,
  ) {}

  /** Sessions the last run could not recover (each was logged). */
  skipped: string[] = [];

  /** Marks questions asked before `askedBefore` (ms since epoch) failed; returns how many. */
  async recover(askedBefore = this.defaultCutoff()): Promise<number> {
    await this.ryw.settle();
    const docs = await this.documents
      .collection<SessionSummaryDoc>(SESSIONS_COLLECTION)
      .find({ 'workspace.pendingQueryIds.0': { $exists: true }, status: { $ne: 'archived' } });
    let failed = 0;
    this.skipped = [];
    for (const doc of docs) {
      try {
        failed += await this.recoverSession(doc, askedBefore);
      } catch (error) {
        this.skipped.push(doc._id);
        this.logger.error(`could not recover the questions of session ${doc._id}; left as they are: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (failed > 0) this.logger.warn(`marked ${failed} interrupted question(s) as failed (recoverable)`);
    return failed;
  }

  private async recoverSession(doc: SessionSummaryDoc, cutoff: number): Promise<number> {
    const { state } = await this.sessions.readableState(doc._id, doc.ownerId);
    const system: RequestContext = {
      // Permission is the owner's; the envelope's actor says the system did it.
      user: { userId: doc.ownerId, name: 'system', role: 'owner', keyId: 'system' },
      actor: { userId: 'system', via: 'system' },
      correlationId: `recovery-${cutoff}`,
    };
    let failed = 0;
    for (const turn of pendingQueries(state).filter((t) => Date.parse(t.askedAt) < cutoff)) {
      await this.commands.send(system, doc._id, 'FailQuery', { queryId: turn.id, reason: REASON, retryable: true });
      failed++;
    }
    return failed;
  }
}
