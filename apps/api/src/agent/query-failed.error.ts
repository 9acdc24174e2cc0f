import { DomainError } from '@crystalyse/domain';
import type { CommandResponse } from '../sessions/command-response.js';

/** The analyst failed; the question and the failure are both recorded (QueryAsked, QueryFailed). */
export class QueryFailedError extends DomainError {
  readonly code = 'query_failed';
  override readonly recoverable: boolean;
  readonly details: { queryId: string };

  constructor(
    readonly queryId: string,
    reason: string,
    retryable: boolean,
    readonly recorded: CommandResponse,
  ) {
    super(`the analyst could not answer: ${reason}${retryable ? ' (retrying may help)' : ''}`);
    this.recoverable = retryable;
    this.details = { queryId };
  }
}
