// Asking the agent: the question is recorded first (QueryAsked), so it is never lost; then the
// analyst runs on the session's context; then everything it did is recorded as facts
// (RecordAnswer) or the failure is (FailQuery). Replaying a session never calls the analyst.
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AnalystError, type Analyst, type AnalystProgress } from '@crystalyse/agent';
import { analystContext, needsSummary, type SessionState } from '@crystalyse/domain';
import type { RequestContext } from '../http/request-context.js';
import { APP_CONFIG } from '../infrastructure/tokens.js';
import type { AppConfig } from '../config/app-config.js';
import { SessionCommandBus } from '../sessions/session-command.bus.js';
import type { CommandResponse } from '../sessions/command-response.js';
import { SessionEvents } from '../sessions/session-events.service.js';
import { ANALYST } from './analyst.provider.js';
import { answerFacts } from './answer-mapping.js';
import { RelevantFindings } from './relevant-findings.service.js';
import { HistorySummariser } from './history-summariser.js';
import { queryOutcome, type QueryOutcome } from './query-outcome.js';
import { QueryFailedError } from './query-failed.error.js';
import { describeTarget, type WorkspaceTarget } from '../branches/workspace-target.js';

export interface QueryListener {
  /** The question is recorded: from here on it is never lost. */
  onAccepted?: (accepted: { queryId: string; revision: number; position: string }) => void;
  onProgress?: (progress: AnalystProgress) => void;
}

@Injectable()
export class QueryPipeline {
  private readonly logger = new Logger('Queries');

  constructor(
    private readonly commands: SessionCommandBus,
    private readonly sessions: SessionEvents,
    private readonly findings: RelevantFindings,
    @Inject(ANALYST) private readonly analyst: Analyst,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly summariser: HistorySummariser,
  ) {}

  async ask(ctx: RequestContext, target: WorkspaceTarget, text: string, listener: QueryListener = {}): Promise<QueryOutcome> {
    const where = describeTarget(target);
    const queryId = this.commands.newId(ctx, `query:${target.branchId ?? target.sessionId}`);
    const asked = await this.commands.send(ctx, target, 'AskQuery', { queryId, text });
    listener.onAccepted?.({ queryId, revision: asked.revision, position: asked.position });
    if (asked.replayed) return this.outcome(ctx, target, queryId, asked);

    // What follows is this request's own bookkeeping: no idempotency key, no If-Match of its own.
    const internal: RequestContext = { ...ctx, commandId: undefined, basedOnRevision: undefined };
    const { state } = await this.sessions.readableState(target, ctx.user.userId);
    const context = analystContext(state, { relevantFindings: await this.findings.forQuestion(state.governance.ownerId, text) });
    const started = Date.now();
    try {
      const result = await this.withTimeout(this.analyst.analyse({ question: text, context, maxTokens: this.config.analyst.maxTokensPerQuery }, listener.onProgress));
      const recorded = await this.commands.send(internal, target, 'RecordAnswer', answerFacts(queryId, result, () => this.commands.newId(internal, 'fact')));
      this.logger.log(`${where}: answered ${queryId} with ${result.model} in ${Date.now() - started} ms (${result.toolInvocations.length} tool calls)`);
      const last = await this.maybeSummarise(internal, target, { ...recorded, events: [...asked.events, ...recorded.events] });
      return this.outcome(ctx, target, queryId, last);
    } catch (error) {
      // Whatever went wrong after the question was recorded, the question must not stay pending.
      const analystFailed = error instanceof AnalystError;
      const reason = analystFailed ? error.message : `the answer could not be recorded: ${error instanceof Error ? error.message : String(error)}`;
      const retryable = analystFailed ? error.retryable : false;
      this.logger.warn(`${where}: query ${queryId} failed: ${reason}`);
      const failed = await this.commands.send(internal, target, 'FailQuery', { queryId, reason: reason.slice(0, 2000), retryable });
      if (!analystFailed) throw error;
      throw new QueryFailedError(queryId, reason, retryable, { ...failed, events: [...asked.events, ...failed.events] });
    }
  }

  private withTimeout<T>(work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new AnalystError('timeout', `the analyst did not answer within ${this.config.queryTimeoutMs} ms`)), this.config.queryTimeoutMs);
    });
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  }

  /** autoSummarise: when the history passes maxHistory, the older turns become a summary event. */
  private async maybeSummarise(ctx: RequestContext, target: WorkspaceTarget, last: CommandResponse): Promise<CommandResponse> {
    const { state } = await this.sessions.readableState(target, ctx.user.userId);
    const due = needsSummary(state);
    if (!due) return last;
    const summaryId = this.commands.newId(ctx, 'summary');
    const result = await this.commands.send(ctx, target, 'SummariseHistory', { summaryId, ...(await this.summariser.summarise(due)) });
    return { ...result, events: [...last.events, ...result.events] };
  }

  private async outcome(ctx: RequestContext, target: WorkspaceTarget, queryId: string, last: CommandResponse): Promise<QueryOutcome> {
    const { state } = await this.sessions.readableState(target, ctx.user.userId);
    return queryOutcome(state as SessionState, queryId, last);
  }
}
