// Summary commands: a history summary (the working context's) and a session summary (the seed's
// generateSummary).
import type { Cmd } from '../core/command-base.js';
import type { SummaryMethod } from '../core/state.js';

export type SummariseHistory = Cmd<'SummariseHistory', { summaryId: string; throughQueryId: string; text: string; method: SummaryMethod }>;
export type RecordSummary = Cmd<'RecordSummary', {
  summaryId: string;
  keyFindings: string[];
  materialsOfInterest: string[];
  nextSteps: string[];
  model: string;
}>;

export type SummaryCommand = SummariseHistory | RecordSummary;
