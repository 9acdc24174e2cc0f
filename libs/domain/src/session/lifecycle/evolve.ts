// evolve for a session's life and governance: its status, name and metadata, how it came to be.
import type { JsonObject } from '../../json.js';
import { put, set, type Change } from '../core/changes.js';
import type { SessionState } from '../core/state.js';
import type { LifecycleEvent } from './events.js';

export function evolveLifecycle(state: SessionState, event: LifecycleEvent): Change[] {
  switch (event.type) {
    case 'SessionCreated': {
      const { sessionId, ownerId, sessionType, name, metadata, config, at } = event.data;
      return [
        set('id', sessionId), set('exists', true), set('governance.ownerId', ownerId), set('governance.name', name), set('governance.type', sessionType),
        set('governance.metadata', metadata), set('governance.config', config), set('governance.createdAt', at), set('governance.status', 'created'),
      ];
    }
    case 'SessionStarted':
    case 'SessionResumed':
      return [set('governance.status', 'active')];
    case 'SessionPaused':
      return [set('governance.status', 'paused')];
    case 'SessionArchived':
      return [set('governance.status', 'archived')];
    case 'SessionRenamed':
      return [set('governance.name', event.data.name)];
    case 'SessionMetadataUpdated': {
      const metadata: JsonObject = { ...state.governance.metadata, ...event.data.set };
      for (const key of event.data.removed) delete metadata[key];
      return [set('governance.metadata', metadata)];
    }
    case 'SessionImported':
      // The refs copied before it name branch streams the original session kept.
      return state.governance.branches.filter((b) => !b.imported).map((b) => put('governance.branches', b.branchId, { ...b, imported: true }));
    case 'SessionSeededFromTemplate': {
      const { template, version, parameters } = event.data;
      return [set('governance.seededFrom', { template, version, parameters })];
    }
    default: {
      const _never: never = event;
      throw new Error(`Unknown lifecycle event ${JSON.stringify(_never)}`);
    }
  }
}
