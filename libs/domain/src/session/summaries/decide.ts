// Summaries. A history summary folds the turns up to a query into one text, so the working
// context stays small; nothing leaves the log, and the conversation part keeps every turn. A
// session summary (the seed's generateSummary) records key findings and next steps written by a
// model or by the offline path (see offlineSummary).
import { NotFound, ValidationError } from '../../errors.js';
import { SUMMARY_METHODS, type SessionState, type Workspace } from '../core/state.js';
import { claimable, claimId, LIMITS, requireId, requireOneOf, requireText, requireTextList } from '../core/validation.js';
import type { SummaryCommand } from './commands.js';
import type { SummaryEvent } from './events.js';

export function decideSummary(command: SummaryCommand, state: SessionState): SummaryEvent[] {
  const { at } = command.data;
  const ws = state.workspace;
  switch (command.type) {
    case 'SummariseHistory': {
      const summaryId = requireId('summaryId', command.data.summaryId);
      claimId('summaryId', summaryId, claimable(ws.summaries), 'history summary');
      const throughQueryId = requireId('throughQueryId', command.data.throughQueryId);
      assertSummarisable(ws, throughQueryId);
      const text = requireText('text', command.data.text, LIMITS.summaryText);
      const method = requireOneOf('method', command.data.method, SUMMARY_METHODS);
      return [{ type: 'HistorySummarised', data: { summaryId, throughQueryId, text, method, at } }];
    }
    case 'RecordSummary': {
      const summaryId = requireId('summaryId', command.data.summaryId);
      claimId('summaryId', summaryId, claimable(ws.sessionSummaries), 'session summary');
      const keyFindings = requireTextList('keyFindings', command.data.keyFindings);
      const materialsOfInterest = requireTextList('materialsOfInterest', command.data.materialsOfInterest, { unique: true });
      const nextSteps = requireTextList('nextSteps', command.data.nextSteps);
      const model = requireText('model', command.data.model, LIMITS.model);
      return [{ type: 'SessionSummaryGenerated', data: { summaryId, keyFindings, materialsOfInterest, nextSteps, model, at } }];
    }
    default: {
      const _never: never = command;
      throw new Error(`Unknown summary command ${JSON.stringify(_never)}`);
    }
  }
}

/**
 * Where the latest summary ends in the conversation, as the ord of the last turn it covers; -1
 * when nothing is summarised yet (or that turn was taken back). The turns after it are the ones
 * the working context still shows verbatim, read from the end: cost the turns since the summary.
 */
export function summarisedThrough(ws: Workspace): number {
  const latest = ws.summaries.last();
  return latest ? (ws.conversation.ordOf(latest.throughTurnId) ?? -1) : -1;
}

// Summaries move forward and cover settled turns only: an answer that lands after the summary
// was written would otherwise drop out of the working context.
function assertSummarisable(ws: Workspace, throughQueryId: string): void {
  const ord = ws.conversation.ordOf(throughQueryId);
  if (ord === undefined) throw new NotFound('query', throughQueryId);
  const done = summarisedThrough(ws);
  if (ord <= done) {
    throw new ValidationError('throughQueryId', `the turns through ${throughQueryId} are already summarised: summarise through a later query`);
  }
  const since = ws.conversation.after(done);
  const covered = since.slice(0, since.findIndex((t) => t.id === throughQueryId) + 1);
  const pending = covered.find((t) => t.status === 'pending');
  if (pending) {
    throw new ValidationError('throughQueryId', `query ${pending.id} is still pending: a summary covers answered or failed queries only`);
  }
}
