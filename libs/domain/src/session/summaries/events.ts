// The events of summaries: of the history (the working context's) and of the whole session.
// Stored names: rename nothing, add new types instead.
import type { DomainEvent } from '@crystalyse/event-store';
import type { SummaryMethod } from '../core/state.js';

interface At {
  at: string;
}

/** The working context shows this summary and the turns after it; nothing leaves the log. */
export type HistorySummarised = DomainEvent<'HistorySummarised', At & {
  summaryId: string;
  throughQueryId: string;
  text: string;
  method: SummaryMethod;
}>;
export type SessionSummaryGenerated = DomainEvent<'SessionSummaryGenerated', At & {
  summaryId: string;
  keyFindings: string[];
  materialsOfInterest: string[];
  nextSteps: string[];
  model: string;
}>;

export type SummaryEvent = HistorySummarised | SessionSummaryGenerated;
