// The summaries slice as the core routes it. Both commands only add under an id the caller
// generated, so they are always rebased.
import { one } from '../core/import-step.js';
import { id, instant, object, oneOf, text, texts, type Check } from '../core/shapes.js';
import type { Slice } from '../core/slice.js';
import { SUMMARY_METHODS } from '../core/state.js';
import { WORKING } from '../core/statuses.js';
import { LIMITS } from '../core/validation.js';
import type { SummaryCommand } from './commands.js';
import { decideSummary } from './decide.js';
import type { SummaryEvent } from './events.js';
import { evolveSummary } from './evolve.js';

// The record as the state holds it, for a merge that carries it (branches/changes.shape.ts).
// History summaries are not merged: a branch's covers turns in an order the parent does not have.
const SUMMARY = object({ id, keyFindings: texts(), materialsOfInterest: texts(), nextSteps: texts(), model: text(LIMITS.model), at: instant });

type Records = { readonly records: Readonly<Record<'sessionSummaries', Check>> };

export const summariesSlice: Slice<SummaryCommand, SummaryEvent> & Records = {
  records: { sessionSummaries: SUMMARY },
  decide: decideSummary,
  evolve: evolveSummary,
  commands: {
    SummariseHistory: { statuses: WORKING, action: 'summarise the history', fields: (c) => [`workspace.summaries.${c.data.summaryId}`], commutative: true },
    RecordSummary: { statuses: WORKING, action: 'record a session summary', fields: (c) => [`workspace.sessionSummaries.${c.data.summaryId}`], commutative: true },
  },
  events: {
    HistorySummarised: {
      shape: { summaryId: id, throughQueryId: id, text: text(LIMITS.summaryText), method: oneOf(SUMMARY_METHODS) },
      step: (e, base) => {
        const { at: _at, ...data } = e.data;
        return one({ type: 'SummariseHistory', data }, base);
      },
    },
    SessionSummaryGenerated: {
      shape: { summaryId: id, keyFindings: texts(), materialsOfInterest: texts(), nextSteps: texts(), model: text(LIMITS.model) },
      step: (e, base) => {
        const { at: _at, ...data } = e.data;
        return one({ type: 'RecordSummary', data }, base);
      },
    },
  },
  fields: {
    'workspace.summaries.': (s, k) => s.workspace.summaries.find((h) => h.id === k),
    'workspace.sessionSummaries.': (s, k) => s.workspace.sessionSummaries.find((r) => r.id === k),
  },
};
