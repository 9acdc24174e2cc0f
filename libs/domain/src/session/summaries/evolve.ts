// evolve for summaries: each is added after the ones before it (the latest history summary is the
// one the working context shows).
import { put, type Change } from '../core/changes.js';
import type { SessionState } from '../core/state.js';
import type { SummaryEvent } from './events.js';

export function evolveSummary(_state: SessionState, event: SummaryEvent): Change[] {
  switch (event.type) {
    case 'HistorySummarised': {
      const { summaryId, throughQueryId, text, method, at } = event.data;
      return [put('workspace.summaries', summaryId, { id: summaryId, throughTurnId: throughQueryId, text, method, at })];
    }
    case 'SessionSummaryGenerated': {
      const { summaryId, keyFindings, materialsOfInterest, nextSteps, model, at } = event.data;
      return [put('workspace.sessionSummaries', summaryId, { id: summaryId, keyFindings, materialsOfInterest, nextSteps, model, at })];
    }
    default: {
      const _never: never = event;
      throw new Error(`Unknown summary event ${JSON.stringify(_never)}`);
    }
  }
}
