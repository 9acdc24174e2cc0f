// The events of a batch session's progress. Stored names: rename nothing, add new types instead.
import type { DomainEvent } from '@crystalyse/event-store';
import type { PlannedItem } from './commands.js';

interface At {
  at: string;
}

export type BatchPlanned = DomainEvent<'BatchPlanned', At & { items: PlannedItem[]; sharedContext: boolean; concurrency: number; retries: number }>;
export type BatchItemStarted = DomainEvent<'BatchItemStarted', At & { index: number; attempt: number; queryId: string; branchId?: string }>;
export type BatchItemAnswered = DomainEvent<'BatchItemAnswered', At & { index: number; queryId: string }>;
export type BatchItemFailed = DomainEvent<'BatchItemFailed', At & { index: number; attempt: number; queryId?: string; reason: string; interrupted?: true; willRetry: boolean }>;
export type BatchPaused = DomainEvent<'BatchPaused', At>;
export type BatchResumed = DomainEvent<'BatchResumed', At>;
export type BatchCompleted = DomainEvent<'BatchCompleted', At & { answered: number; failed: number }>;

export type BatchEvent = BatchPlanned | BatchItemStarted | BatchItemAnswered | BatchItemFailed | BatchPaused | BatchResumed | BatchCompleted;

export const BATCH_EVENT_TYPES = ['BatchPlanned', 'BatchItemStarted', 'BatchItemAnswered', 'BatchItemFailed', 'BatchPaused', 'BatchResumed', 'BatchCompleted'] as const;
