// Commands of a batch session: plan the materials, then the runner records what it does with each
// one. The analyst's work itself is the query slice's (AskQuery … RecordAnswer / FailQuery); these
// only say which item a query belongs to, so progress is events and nothing lives only in memory.
import type { Cmd } from '../core/command-base.js';

export interface PlannedItem {
  formula: string;
  /** Set when the application found the formula invalid: the item is reported failed, never asked. */
  error?: string;
}

export type PlanBatch = Cmd<'PlanBatch', { items: PlannedItem[]; sharedContext: boolean; concurrency: number; retries: number }>;
/** `branchId`: where the item runs when the batch has no shared context (a branch of its own). */
export type StartBatchItem = Cmd<'StartBatchItem', { index: number; attempt: number; queryId: string; branchId?: string }>;
export type RecordBatchItemAnswered = Cmd<'RecordBatchItemAnswered', { index: number; queryId: string }>;
/**
 * `interrupted`: the attempt was cut short by a crash (its query failed by recovery), which the
 * retry policy does not count. Otherwise the item is retried while its counted failures are at
 * most `retries`, and reported failed for good after.
 */
export type FailBatchItem = Cmd<'FailBatchItem', { index: number; attempt: number; queryId?: string; reason: string; interrupted?: boolean; failures: number }>;
export type PauseBatch = Cmd<'PauseBatch'>;
export type ResumeBatch = Cmd<'ResumeBatch'>;
export type CompleteBatch = Cmd<'CompleteBatch', { answered: number; failed: number }>;

export type BatchCommand = PlanBatch | StartBatchItem | RecordBatchItemAnswered | FailBatchItem | PauseBatch | ResumeBatch | CompleteBatch;
