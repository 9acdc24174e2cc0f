// The schedules slice as the core routes it: the session's own settings and checkpoints, so a
// branch refuses them. A scheduled checkpoint may be taken on a paused session (autosave on pause).
import type { CheckpointSaved } from '../checkpoints/index.js';
import { one } from '../core/import-step.js';
import { bool, id, instant, int } from '../core/shapes.js';
import type { Slice } from '../core/slice.js';
import { ANY_BUT_ARCHIVED } from '../core/statuses.js';
import type { ScheduleCommand } from './commands.js';
import { decideSchedule, MAX_AUTOSAVE_MINUTES } from './decide.js';
import type { ScheduleEvent } from './events.js';
import { evolveSchedule } from './evolve.js';

export const schedulesSlice: Slice<ScheduleCommand, ScheduleEvent, ScheduleEvent | CheckpointSaved> = {
  decide: decideSchedule,
  evolve: evolveSchedule,
  commands: {
    ConfigureAutosave: { statuses: ANY_BUT_ARCHIVED, action: 'configure autosave', sessionOnly: "configure the session's autosave", fields: () => ['governance.autosave'] },
    SaveScheduledCheckpoint: {
      statuses: ANY_BUT_ARCHIVED, action: 'save a scheduled checkpoint', sessionOnly: 'checkpoint the session', fields: (c) => [`governance.checkpoints.${c.data.name}`], commutative: true,
    },
    EndResearch: { statuses: ANY_BUT_ARCHIVED, action: 'end the research', sessionOnly: 'end the research session', fields: () => ['governance.researchEnd'], commutative: true },
  },
  events: {
    AutosaveConfigured: {
      shape: { enabled: bool, frequencyMinutes: int(1, MAX_AUTOSAVE_MINUTES), onDiscovery: bool, onPause: bool },
      step: (e, base) => one({ type: 'ConfigureAutosave', data: { enabled: e.data.enabled, frequencyMinutes: e.data.frequencyMinutes, onDiscovery: e.data.onDiscovery, onPause: e.data.onPause } }, base),
    },
    ResearchEnded: { shape: { endsAt: instant, summaryId: id }, step: (e, base) => one({ type: 'EndResearch', data: { summaryId: e.data.summaryId } }, base) },
  },
};
