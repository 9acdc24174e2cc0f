// Autosave settings, scheduled checkpoints and the end of research. Each command is safe to send
// again, from any replica, after any restart: a scheduled checkpoint whose name exists, or with
// nothing changed since the latest checkpoint, appends nothing; research ends once.
import { ValidationError } from '../../errors.js';
import type { CheckpointSaved } from '../checkpoints/index.js';
import type { SessionState } from '../core/state.js';
import { requireBoolean, requireCheckpointName, requireId, requireInteger } from '../core/validation.js';
import type { ScheduleCommand } from './commands.js';
import type { ScheduleEvent } from './events.js';
import { changedSinceCheckpoint, researchSchedule, SCHEDULED_NAME } from './periods.js';

export const MAX_AUTOSAVE_MINUTES = 7 * 24 * 60;

export function decideSchedule(command: ScheduleCommand, state: SessionState): Array<ScheduleEvent | CheckpointSaved> {
  const { at } = command.data;
  switch (command.type) {
    case 'ConfigureAutosave': {
      const enabled = requireBoolean('enabled', command.data.enabled);
      const frequencyMinutes = requireInteger('frequencyMinutes', command.data.frequencyMinutes, 1, MAX_AUTOSAVE_MINUTES);
      const onDiscovery = requireBoolean('onDiscovery', command.data.onDiscovery);
      const onPause = requireBoolean('onPause', command.data.onPause);
      const now = state.governance.autosave;
      if (now && now.enabled === enabled && now.frequencyMinutes === frequencyMinutes && now.onDiscovery === onDiscovery && now.onPause === onPause) return [];
      return [{ type: 'AutosaveConfigured', data: { enabled, frequencyMinutes, onDiscovery, onPause, at } }];
    }
    case 'SaveScheduledCheckpoint': {
      const name = requireCheckpointName('name', command.data.name);
      if (!SCHEDULED_NAME.test(name)) throw new ValidationError('name', 'a scheduled checkpoint is named auto-… or autosave-…');
      if (state.governance.checkpoints.has(name) || !changedSinceCheckpoint(state)) return [];
      return [{ type: 'CheckpointSaved', data: { name, revision: state.eventCount - 1, savedBy: command.data.actorId, at } }];
    }
    case 'EndResearch': {
      const summaryId = requireId('summaryId', command.data.summaryId);
      const schedule = researchSchedule(state);
      if (!schedule?.endsAt) throw new ValidationError('type', 'only a research session with a durationDays ends');
      if (state.governance.researchEnd) return [];
      if (Date.parse(at) < Date.parse(schedule.endsAt)) throw new ValidationError('at', `the research runs until ${schedule.endsAt}`);
      return [{ type: 'ResearchEnded', data: { endsAt: schedule.endsAt, summaryId, at } }];
    }
    default: {
      const _never: never = command;
      throw new Error(`Unknown schedule command ${JSON.stringify(_never)}`);
    }
  }
}

