// A batch is planned once, on a batch session; its items are recorded by the runner. The state
// keeps the batch's settings only (a few numbers), not one record per item: per-item progress is
// folded from the events (progress.ts), so no event's cost grows with the size of the batch.
import { AlreadyExists, ValidationError } from '../../errors.js';
import type { BatchSettings, SessionState } from '../core/state.js';
import { LIMITS, optionalText, requireBoolean, requireFormula, requireId, requireInteger, requireText } from '../core/validation.js';
import type { BatchCommand, PlannedItem } from './commands.js';
import type { BatchEvent } from './events.js';

export const BATCH_LIMITS = { items: 1000, concurrency: 16, retries: 5, reason: 2000, attempts: 100 } as const;

export class NoBatch extends ValidationError {
  constructor() {
    super('batch', 'this session has no batch: create it with POST /v1/sessions/batch');
  }
}

export const batchOf = (state: SessionState): BatchSettings | null => state.governance.batch ?? null;

function requireBatch(state: SessionState): BatchSettings {
  const batch = batchOf(state);
  if (!batch) throw new NoBatch();
  return batch;
}

function requireIndex(batch: BatchSettings, value: unknown): number {
  return requireInteger('index', value, 0, batch.total - 1);
}

export function requirePlannedItems(value: unknown): PlannedItem[] {
  if (!Array.isArray(value) || value.length === 0) throw new ValidationError('materials', 'materials must be a list of 1 or more formulas');
  if (value.length > BATCH_LIMITS.items) throw new ValidationError('materials', `a batch holds at most ${BATCH_LIMITS.items} materials`);
  return value.map((item: unknown, i) => {
    const it = item as PlannedItem;
    if (typeof it !== 'object' || it === null) throw new ValidationError(`materials[${i}]`, `materials[${i}] must be a formula`);
    const error = optionalText(`materials[${i}].error`, it.error, BATCH_LIMITS.reason);
    // An invalid formula is kept as written (within the limit) so the report can name it.
    const formula = error ? requireText(`materials[${i}]`, it.formula, LIMITS.formula) : requireFormula(`materials[${i}]`, it.formula);
    return error ? { formula, error } : { formula };
  });
}

export function decideBatch(command: BatchCommand, state: SessionState): BatchEvent[] {
  const { at } = command.data;
  switch (command.type) {
    case 'PlanBatch': {
      if (state.governance.type !== 'batch') throw new ValidationError('type', 'only a batch session takes a batch');
      if (batchOf(state)) throw new AlreadyExists('batch', state.id, 'sessionId');
      const items = requirePlannedItems(command.data.items);
      const sharedContext = requireBoolean('sharedContext', command.data.sharedContext);
      const concurrency = requireInteger('concurrency', command.data.concurrency, 1, BATCH_LIMITS.concurrency);
      const retries = requireInteger('retries', command.data.retries, 0, BATCH_LIMITS.retries);
      return [{ type: 'BatchPlanned', data: { items, sharedContext, concurrency, retries, at } }];
    }
    case 'StartBatchItem': {
      const batch = requireBatch(state);
      const index = requireIndex(batch, command.data.index);
      const attempt = requireInteger('attempt', command.data.attempt, 1, BATCH_LIMITS.attempts);
      const queryId = requireId('queryId', command.data.queryId);
      const branchId = command.data.branchId === undefined ? undefined : requireId('branchId', command.data.branchId);
      return [{ type: 'BatchItemStarted', data: { index, attempt, queryId, ...(branchId ? { branchId } : {}), at } }];
    }
    case 'RecordBatchItemAnswered': {
      const batch = requireBatch(state);
      return [{ type: 'BatchItemAnswered', data: { index: requireIndex(batch, command.data.index), queryId: requireId('queryId', command.data.queryId), at } }];
    }
    case 'FailBatchItem': {
      const batch = requireBatch(state);
      const index = requireIndex(batch, command.data.index);
      const attempt = requireInteger('attempt', command.data.attempt, 1, BATCH_LIMITS.attempts);
      const queryId = command.data.queryId === undefined ? undefined : requireId('queryId', command.data.queryId);
      const reason = requireText('reason', command.data.reason, BATCH_LIMITS.reason);
      const interrupted = command.data.interrupted === undefined ? false : requireBoolean('interrupted', command.data.interrupted);
      // The policy decides, not the caller: an interruption is always retried (the crash was not
      // the material's fault), any other failure while the counted failures are within `retries`.
      const failures = requireInteger('failures', command.data.failures, 0, BATCH_LIMITS.attempts);
      const willRetry = interrupted || failures <= batch.retries;
      return [{ type: 'BatchItemFailed', data: { index, attempt, ...(queryId ? { queryId } : {}), reason, ...(interrupted ? { interrupted: true as const } : {}), willRetry, at } }];
    }
    case 'PauseBatch': {
      const batch = requireBatch(state);
      return batch.paused || batch.completedAt ? [] : [{ type: 'BatchPaused', data: { at } }];
    }
    case 'ResumeBatch': {
      const batch = requireBatch(state);
      return batch.paused ? [{ type: 'BatchResumed', data: { at } }] : [];
    }
    case 'CompleteBatch': {
      const batch = requireBatch(state);
      if (batch.completedAt) return [];
      const answered = requireInteger('answered', command.data.answered, 0, batch.total);
      const failed = requireInteger('failed', command.data.failed, 0, batch.total);
      if (answered + failed !== batch.total) throw new ValidationError('answered', `answered and failed must add up to the ${batch.total} materials`);
      return [{ type: 'BatchCompleted', data: { answered, failed, at } }];
    }
    default: {
      const _never: never = command;
      throw new Error(`Unknown batch command ${JSON.stringify(_never)}`);
    }
  }
}
