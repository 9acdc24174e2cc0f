// evolve for scheduled saving: the autosave settings, and the end of research.
import { set, type Change } from '../core/changes.js';
import type { SessionState } from '../core/state.js';
import type { ScheduleEvent } from './events.js';

export function evolveSchedule(_state: SessionState, event: ScheduleEvent): Change[] {
  switch (event.type) {
    case 'AutosaveConfigured': {
      const { enabled, frequencyMinutes, onDiscovery, onPause, at } = event.data;
      return [set('governance.autosave', { enabled, frequencyMinutes, onDiscovery, onPause, configuredAt: at })];
    }
    case 'ResearchEnded':
      return [set('governance.researchEnd', { endedAt: event.data.at, endsAt: event.data.endsAt, summaryId: event.data.summaryId })];
    default: {
      const _never: never = event;
      throw new Error(`Unknown schedule event ${JSON.stringify(_never)}`);
    }
  }
}
