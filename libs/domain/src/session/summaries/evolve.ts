// evolve for summaries: each is added after the ones before it (the latest history summary is the
// one the working context shows).
import type { SessionState } from '../core/state.js';
import { updateWorkspace as workspace } from '../core/updates.js';
import type { SummaryEvent } from './events.js';

export function evolveSummary(state: SessionState, event: SummaryEvent): SessionState {
  const ws = state.workspace;
  switch (event.type) {
    case 'HistorySummarised': {
      const { summaryId, throughQueryId, text, method, at } = event.data;
      return workspace(state, { summaries: [...ws.summaries, { id: summaryId, throughTurnId: throughQueryId, text, method, at }] });
    }
    case 'SessionSummaryGenerated': {
      const { summaryId, keyFindings, materialsOfInterest, nextSteps, model, at } = event.data;
      return workspace(state, { sessionSummaries: [...ws.sessionSummaries, { id: summaryId, keyFindings, materialsOfInterest, nextSteps, model, at }] });
    }
    default: {
      const _never: never = event;
      throw new Error(`Unknown summary event ${JSON.stringify(_never)}`);
    }
  }
}
