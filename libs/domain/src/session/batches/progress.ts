// A batch's progress, folded from its events alone: what the runner resumes from after a crash and
// what GET /v1/sessions/:id/batch shows. Pure, so the runner, the read model and a test fold the
// same events to the same progress. An item's first final outcome wins: an outcome recorded again
// (two runners racing past an expired lease) changes nothing.
import type { BatchEvent } from './events.js';

export type BatchItemStatus = 'pending' | 'running' | 'answered' | 'failed';

export interface BatchItemProgress {
  index: number;
  formula: string;
  status: BatchItemStatus;
  /** The query of the latest attempt (null before the first). */
  queryId: string | null;
  branchId: string | null;
  attempts: number;
  /** Failed attempts the retry policy counts (interruptions by a crash are not counted). */
  failures: number;
  /** Why the latest attempt failed (a retry may still come), or why the item failed for good. */
  error: string | null;
  /** Whether the latest failed attempt is to be tried again (the item is pending again then). */
  willRetry: boolean;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface BatchProgress {
  planned: boolean;
  sharedContext: boolean;
  concurrency: number;
  retries: number;
  paused: boolean;
  completedAt: string | null;
  plannedAt: string | null;
  items: BatchItemProgress[];
}

export const emptyBatchProgress = (): BatchProgress => ({
  planned: false, sharedContext: true, concurrency: 1, retries: 0, paused: false, completedAt: null, plannedAt: null, items: [],
});

const isFinal = (item: BatchItemProgress) => item.status === 'answered' || item.status === 'failed';

/** Folds one event into the progress (a new value; the given one is not changed). */
export function foldBatchProgress(progress: BatchProgress, event: { type: string; data: unknown }): BatchProgress {
  const e = event as BatchEvent;
  const patch = (index: number, change: (item: BatchItemProgress) => BatchItemProgress | null): BatchProgress => {
    const item = progress.items[index];
    const next = item ? change(item) : null;
    if (!next) return progress;
    const items = progress.items.slice();
    items[index] = next;
    return { ...progress, items };
  };
  switch (e.type) {
    case 'BatchPlanned':
      if (progress.planned) return progress;
      return {
        ...progress,
        planned: true,
        sharedContext: e.data.sharedContext,
        concurrency: e.data.concurrency,
        retries: e.data.retries,
        plannedAt: e.data.at,
        items: e.data.items.map((it, index) => ({
          index, formula: it.formula, status: it.error ? 'failed' : 'pending', queryId: null, branchId: null, attempts: 0, failures: 0,
          error: it.error ?? null, willRetry: false, startedAt: null, finishedAt: it.error ? e.data.at : null,
        })),
      };
    case 'BatchItemStarted':
      return patch(e.data.index, (item) =>
        isFinal(item) ? null : { ...item, status: 'running', queryId: e.data.queryId, branchId: e.data.branchId ?? item.branchId, attempts: Math.max(item.attempts, e.data.attempt), startedAt: item.startedAt ?? e.data.at, willRetry: false });
    case 'BatchItemAnswered':
      return patch(e.data.index, (item) => (isFinal(item) ? null : { ...item, status: 'answered', queryId: e.data.queryId, error: null, willRetry: false, finishedAt: e.data.at }));
    case 'BatchItemFailed':
      return patch(e.data.index, (item) =>
        isFinal(item)
          ? null
          : { ...item, status: e.data.willRetry ? 'pending' : 'failed', queryId: e.data.queryId ?? item.queryId, attempts: Math.max(item.attempts, e.data.attempt), failures: item.failures + (e.data.interrupted ? 0 : 1), error: e.data.reason, willRetry: e.data.willRetry, finishedAt: e.data.willRetry ? null : e.data.at });
    case 'BatchPaused':
      return { ...progress, paused: true };
    case 'BatchResumed':
      return { ...progress, paused: false };
    case 'BatchCompleted':
      return { ...progress, completedAt: e.data.at };
    default:
      return progress;
  }
}

export const batchProgress = (events: Iterable<{ type: string; data: unknown }>): BatchProgress => {
  let progress = emptyBatchProgress();
  for (const event of events) progress = foldBatchProgress(progress, event);
  return progress;
};

/** Items still to run, in order: never asked, or failed with a retry due. A running item is the runner's to settle. */
export const unfinishedItems = (progress: BatchProgress): BatchItemProgress[] => progress.items.filter((item) => !isFinal(item));

export const isSettled = isFinal;

export interface BatchReport {
  total: number;
  done: number;
  failed: number;
  remaining: number;
  paused: boolean;
  completed: boolean;
  sharedContext: boolean;
  items: Array<{ formula: string; status: BatchItemStatus; queryId: string | null; error: string | null; attempts: number }>;
  ratePerMinute: number;
  etaSeconds: number | null;
}

/**
 * What GET /batch answers: `done` counts answered items, `failed` those failed for good, and the
 * rate is settled items per minute since the first item started, up to `now` (the caller's clock);
 * the ETA is null until there is a rate, 0 once nothing remains.
 */
export function batchReport(progress: BatchProgress, now: string): BatchReport {
  const done = progress.items.filter((i) => i.status === 'answered').length;
  const failed = progress.items.filter((i) => i.status === 'failed').length;
  const total = progress.items.length;
  const remaining = total - done - failed;
  const starts = progress.items.map((i) => i.startedAt).filter((s): s is string => s !== null).map(Date.parse);
  const settledRun = progress.items.filter((i) => i.startedAt !== null && isFinal(i)).length;
  const minutes = starts.length > 0 ? Math.max(Date.parse(now) - Math.min(...starts), 1) / 60_000 : 0;
  const ratePerMinute = minutes > 0 ? Math.round((settledRun / minutes) * 100) / 100 : 0;
  const etaSeconds = remaining === 0 ? 0 : ratePerMinute > 0 ? Math.ceil((remaining / ratePerMinute) * 60) : null;
  return {
    total, done, failed, remaining, paused: progress.paused, completed: progress.completedAt !== null, sharedContext: progress.sharedContext,
    items: progress.items.map((i) => ({ formula: i.formula, status: i.status, queryId: i.queryId, error: i.error, attempts: i.attempts })),
    ratePerMinute, etaSeconds,
  };
}
