// evolve: the one place events change state. Pure and total over valid streams; it hands each
// event to its slice's evolve, which returns new values and shares the untouched parts (see
// updates.ts), and counts the event and its time here, for every slice alike.
import { evolveBranch } from '../branches/index.js';
import { evolveCheckpoint } from '../checkpoints/index.js';
import { evolveDiscovery } from '../discoveries/index.js';
import { evolveHygiene } from '../hygiene/index.js';
import { evolveLifecycle } from '../lifecycle/index.js';
import { evolveQuery } from '../queries/index.js';
import { evolveSummary } from '../summaries/index.js';
import { evolveWorkspace } from '../workspace/index.js';
import type { SessionEvent } from './events.js';
import type { SessionState } from './state.js';

export function evolveSession(state: SessionState, event: SessionEvent): SessionState {
  const next = apply(state, event);
  return { ...next, eventCount: state.eventCount + 1, governance: { ...next.governance, updatedAt: event.data.at } };
}

function apply(state: SessionState, event: SessionEvent): SessionState {
  switch (event.type) {
    case 'SessionCreated':
    case 'SessionStarted':
    case 'SessionResumed':
    case 'SessionPaused':
    case 'SessionArchived':
    case 'SessionRenamed':
    case 'SessionMetadataUpdated':
    case 'SessionImported':
    case 'SessionSeededFromTemplate':
      return evolveLifecycle(state, event);
    case 'ContextConfigured':
    case 'ContextItemAdded':
    case 'ContextItemRemoved':
    case 'ContextCleared':
    case 'FocusSet':
    case 'HypothesisAdded':
    case 'TaskAdded':
    case 'TaskCompleted':
      return evolveWorkspace(state, event);
    case 'ContextItemsExpired':
    case 'TasksArchived':
      return evolveHygiene(state, event);
    case 'CheckpointSaved':
    case 'CheckpointRestored':
      return evolveCheckpoint(state, event);
    case 'BranchCreated':
    case 'BranchForked':
    case 'BranchMerged':
    case 'BranchDiscarded':
      return evolveBranch(state, event);
    case 'QueryAsked':
    case 'ToolInvoked':
    case 'ToolStateChanged':
    case 'MaterialAnalysed':
    case 'QueryAnswered':
    case 'QueryFailed':
      return evolveQuery(state, event);
    case 'DiscoveryDetected':
    case 'DiscoveriesConfigured':
    case 'DiscoveryRecorded':
    case 'DiscoveriesLinked':
    case 'DiscoveryValidated':
    case 'DiscoveryRejected':
    case 'DiscoveryTagged':
      return evolveDiscovery(state, event);
    case 'HistorySummarised':
    case 'SessionSummaryGenerated':
      return evolveSummary(state, event);
    default: {
      const _never: never = event;
      throw new Error(`Unknown session event ${JSON.stringify(_never)}`);
    }
  }
}
