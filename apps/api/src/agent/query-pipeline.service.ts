// Asking the agent: the question is recorded first (QueryAsked), so it is never lost; then the
// analyst runs on the session's context; then everything it did is recorded as facts
// (RecordAnswer) or the failure is (FailQuery). Replaying a session never calls the analyst.
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AnalystError, type Analyst, type AnalystProgress } from '@crystalyse/agent';
import { analystContext, needsSummary, type SessionState } from '@crystalyse/domain';
import type { RequestContext } from '../http/request-context.js';
import { APP_CONFIG } from '../infrastructure/tokens.js';
import type { AppConfig } from '../config/app-config.js';
import { SessionCommandBus, type CommandInput } from '../sessions/session-command.bus.js';
import type { CommandResponse } from '../sessions/command-response.js';
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

interface Step {
  response: CommandResponse;
  state: SessionState;
}

@Injectable()
export class QueryPipeline {
  private readonly logger = new Logger('Queries');

  constructor(
    private readonly commands: SessionCommandBus,
    private readonly findings: RelevantFindings,
    @Inject(ANALYST) private readonly analyst: Analyst,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly summariser: HistorySummariser,
  ) {}

  async ask(ctx: RequestContext, target: WorkspaceTarget, text: string, listener: QueryListener = {}): Promise<QueryOutcome> {
    const where = describeTarget(target);
    const queryId = this.commands.newId(ctx, `query:${target.branchId ?? target.sessionId}`);
    // Each step goes on from the state the previous command left: no reloads between them.
    const asked = await this.step(ctx, target, { type: 'AskQuery', data: { queryId, text } });
    listener.onAccepted?.({ queryId, revision: asked.response.revision, position: asked.response.position });
    if (asked.response.replayed) return queryOutcome(asked.state, queryId, asked.response);

    // What follows is this request's own bookkeeping: no idempotency key, no If-Match of its own.
    const internal: RequestContext = { ...ctx, commandId: undefined, basedOnRevision: undefined };
    // The asker's own reach: a member never brings in findings of the owner's other sessions.
    const relevantFindings = await this.findings.forQuestion(ctx.user.userId, text);
    const context = analystContext(asked.state, { relevantFindings });
    const started = Date.now();
    try {
      const result = await this.withTimeout(this.analyst.analyse({ question: text, context, maxTokens: this.config.analyst.maxTokensPerQuery }, listener.onProgress));
      const recorded = await this.step(internal, target, { type: 'RecordAnswer', data: answerFacts(queryId, result, () => this.commands.newId(internal, 'fact')) }, asked);
      this.logger.log(`${where}: answered ${queryId} with ${result.model} in ${Date.now() - started} ms (${result.toolInvocations.length} tool calls)`);
      const last = await this.maybeSummarise(internal, target, recorded);
      return queryOutcome(last.state, queryId, last.response);
    } catch (error) {
      // Whatever went wrong after the question was recorded, the question must not stay pending.
      const analystFailed = error instanceof AnalystError;
      const reason = analystFailed ? error.message : `the answer could not be recorded: ${error instanceof Error ? error.message : String(error)}`;
      const retryable = analystFailed ? error.retryable : false;
      this.logger.warn(`${where}: query ${queryId} failed: ${reason}`);
      const failed = await this.step(internal, target, { type: 'FailQuery', data: { queryId, reason: reason.slice(0, 2000), retryable } }, asked);
      if (!analystFailed) throw error;
      throw new QueryFailedError(queryId, reason, retryable, failed.response);
    }
  }

  /** Runs one command; the response lists the events of `before` too, so the caller sees them all. */
  private async step(ctx: RequestContext, target: WorkspaceTarget, command: CommandInput, before?: Step): Promise<Step> {
    const { response, state } = await this.commands.execute(ctx, target, [command]);
    return { state, response: before ? { ...response, events: [...before.response.events, ...response.events] } : response };
  }

  private withTimeout<T>(work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new AnalystError('timeout', `the analyst did not answer within ${this.config.queryTimeoutMs} ms`)), this.config.queryTimeoutMs);
    });
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  }

  /** autoSummarise: when the history passes maxHistory, the older turns become a summary event. */
  private async maybeSummarise(ctx: RequestContext, target: WorkspaceTarget, last: Step): Promise<Step> {
    const due = needsSummary(last.state);
    if (!due) return last;
    const summaryId = this.commands.newId(ctx, 'summary');
    return this.step(ctx, target, { type: 'SummariseHistory', data: { summaryId, ...(await this.summariser.summarise(due)) } }, last);
  }
}
