// The batch slice as the core routes it. A batch runs on the session's main line (its items may
// each run in a branch, but the batch's own record is the session's). Every command records facts
// about the runner's work or acts on the batch as it is, so each is rebased.
import { one } from '../core/import-step.js';
import { bool, id, int, list, object, optional, text } from '../core/shapes.js';
import type { Slice } from '../core/slice.js';
import { ANY_BUT_ARCHIVED } from '../core/statuses.js';
import { LIMITS } from '../core/validation.js';
import type { BatchCommand } from './commands.js';
import { BATCH_LIMITS, decideBatch } from './decide.js';
import type { BatchEvent } from './events.js';
import { evolveBatch } from './evolve.js';

const BATCH = () => ['governance.batch'];
const SESSION_ONLY = 'run the batch on the session, not a branch';
const rule = (action: string) => ({ statuses: ANY_BUT_ARCHIVED, action, sessionOnly: SESSION_ONLY, fields: BATCH, commutative: true as const });

export const batchesSlice: Slice<BatchCommand, BatchEvent> = {
  decide: decideBatch,
  evolve: evolveBatch,
  commands: {
    PlanBatch: rule('plan a batch'),
    StartBatchItem: rule('start a batch item'),
    RecordBatchItemAnswered: rule('record a batch item answered'),
    FailBatchItem: rule('fail a batch item'),
    PauseBatch: rule('pause the batch'),
    ResumeBatch: rule('resume the batch'),
    CompleteBatch: rule('complete the batch'),
  },
  events: {
    BatchPlanned: {
      shape: {
        items: list(object({ formula: text(LIMITS.formula), error: optional(text(BATCH_LIMITS.reason)) }), BATCH_LIMITS.items, 1),
        sharedContext: bool, concurrency: int(1, BATCH_LIMITS.concurrency), retries: int(0, BATCH_LIMITS.retries),
      },
      step: (e, base) => one({ type: 'PlanBatch', data: { items: e.data.items, sharedContext: e.data.sharedContext, concurrency: e.data.concurrency, retries: e.data.retries } }, base),
    },
    BatchItemStarted: {
      shape: { index: int(), attempt: int(1), queryId: id, branchId: optional(id) },
      step: (e, base) => one({ type: 'StartBatchItem', data: { index: e.data.index, attempt: e.data.attempt, queryId: e.data.queryId, branchId: e.data.branchId } }, base),
    },
    BatchItemAnswered: {
      shape: { index: int(), queryId: id },
      step: (e, base) => one({ type: 'RecordBatchItemAnswered', data: { index: e.data.index, queryId: e.data.queryId } }, base),
    },
    BatchItemFailed: {
      shape: { index: int(), attempt: int(1), queryId: optional(id), reason: text(BATCH_LIMITS.reason), interrupted: optional(bool), willRetry: bool },
      step: (e, base) =>
        // The import decides the policy again from what the event says: a retry due or not.
        one({ type: 'FailBatchItem', data: { index: e.data.index, attempt: e.data.attempt, queryId: e.data.queryId, reason: e.data.reason, interrupted: e.data.interrupted, failures: e.data.willRetry ? 0 : BATCH_LIMITS.attempts } }, base),
    },
    BatchPaused: { shape: {}, step: (_e, base) => one({ type: 'PauseBatch', data: {} }, base) },
    BatchResumed: { shape: {}, step: (_e, base) => one({ type: 'ResumeBatch', data: {} }, base) },
    BatchCompleted: {
      shape: { answered: int(), failed: int() },
      step: (e, base) => one({ type: 'CompleteBatch', data: { answered: e.data.answered, failed: e.data.failed } }, base),
    },
  },
};
