// evolve for a session's life and governance: its status, name and metadata, how it came to be.
import type { JsonObject } from '../../json.js';
import type { BranchRef, SessionState } from '../core/state.js';
import type { LifecycleEvent } from './events.js';

export function evolveLifecycle(state: SessionState, event: LifecycleEvent): SessionState {
  switch (event.type) {
    case 'SessionCreated': {
      const { sessionId, ownerId, sessionType, name, metadata, config, at } = event.data;
      const governance = { ...state.governance, ownerId, name, type: sessionType, metadata, config, createdAt: at, status: 'created' as const };
      return { ...state, id: sessionId, exists: true, governance };
    }
    case 'SessionStarted':
    case 'SessionResumed':
      return status(state, 'active');
    case 'SessionPaused':
      return status(state, 'paused');
    case 'SessionArchived':
      return status(state, 'archived');
    case 'SessionRenamed':
      return { ...state, governance: { ...state.governance, name: event.data.name } };
    case 'SessionMetadataUpdated': {
      const metadata: JsonObject = { ...state.governance.metadata, ...event.data.set };
      for (const key of event.data.removed) delete metadata[key];
      return { ...state, governance: { ...state.governance, metadata } };
    }
    case 'SessionImported': {
      // The refs copied before it name branch streams the original session kept.
      const branches = state.governance.branches.map((b): BranchRef => (b.imported ? b : { ...b, imported: true }));
      return branches.length === 0 ? state : { ...state, governance: { ...state.governance, branches } };
    }
    case 'SessionSeededFromTemplate': {
      const { template, version, parameters } = event.data;
      return { ...state, governance: { ...state.governance, seededFrom: { template, version, parameters } } };
    }
    default: {
      const _never: never = event;
      throw new Error(`Unknown lifecycle event ${JSON.stringify(_never)}`);
    }
  }
}

function status(state: SessionState, value: SessionState['governance']['status']): SessionState {
  return { ...state, governance: { ...state.governance, status: value } };
}
