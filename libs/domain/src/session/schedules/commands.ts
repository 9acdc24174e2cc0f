// Commands of scheduled saving: autosave settings, the checkpoints a schedule takes, and the end of
// a research session. The scheduler (the application) sends them when its clock says so; decide
// makes each safe to send again: a period's checkpoint has one name, and a session ends once.
import type { Cmd } from '../core/command-base.js';

export type ConfigureAutosave = Cmd<'ConfigureAutosave', { enabled: boolean; frequencyMinutes: number; onDiscovery: boolean; onPause: boolean }>;
/** `name` from scheduledCheckpointName / autosave names: `auto-…` (research) or `autosave-…`. */
export type SaveScheduledCheckpoint = Cmd<'SaveScheduledCheckpoint', { name: string }>;
/** The research duration is over: record it, with the summary the application recorded with it. */
export type EndResearch = Cmd<'EndResearch', { summaryId: string }>;

export type ScheduleCommand = ConfigureAutosave | SaveScheduledCheckpoint | EndResearch;
