// Schedules as pure functions of the session's events and an instant the caller's clock gives:
// the research config, the name of the period an instant falls in, when research ends. Names are
// what makes a schedule fire once per period across restarts and replicas: a checkpoint name is
// unique in a session, so a second save of the same period appends nothing.
import { ValidationError } from '../../errors.js';
import { ownValue, type JsonObject } from '../../json.js';
import { CHECKPOINT_FREQUENCIES, type CheckpointFrequency, type SessionState } from '../core/state.js';
import { requireInteger, requireOneOf } from '../core/validation.js';

export interface ResearchConfig {
  durationDays: number | null;
  checkpointFrequency: CheckpointFrequency | null;
}

export const MAX_RESEARCH_DAYS = 3650;

/** The research settings of a session's config; each is optional (absent: no end, no schedule). */
export function requireResearchConfig(config: JsonObject): ResearchConfig {
  const days = ownValue(config, 'durationDays');
  const frequency = ownValue(config, 'checkpointFrequency');
  return {
    durationDays: days === undefined ? null : requireInteger('config.durationDays', days, 1, MAX_RESEARCH_DAYS),
    checkpointFrequency: frequency === undefined ? null : requireOneOf('config.checkpointFrequency', frequency, CHECKPOINT_FREQUENCIES),
  };
}

/** The research schedule of a session, or null when it is not a research session. */
export function researchSchedule(state: SessionState): (ResearchConfig & { endsAt: string | null }) | null {
  if (state.governance.type !== 'research') return null;
  const config = requireResearchConfig(state.governance.config);
  const endsAt = config.durationDays === null ? null : new Date(Date.parse(state.governance.createdAt) + config.durationDays * 86_400_000).toISOString();
  return { ...config, endsAt };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** ISO 8601 week: the year and week of the Thursday of the instant's week (UTC). */
function isoWeek(date: Date): { year: number; week: number } {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  return { year: day.getUTCFullYear(), week: Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7) };
}

/** `auto-2026-12-05T14` (hourly), `auto-2026-12-05` (daily), `auto-2026-W49` (weekly), in UTC. */
export function researchCheckpointName(at: string, frequency: CheckpointFrequency): string {
  const d = new Date(at);
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  switch (frequency) {
    case 'hourly':
      return `auto-${day}T${pad(d.getUTCHours())}`;
    case 'daily':
      return `auto-${day}`;
    case 'weekly': {
      const { year, week } = isoWeek(d);
      return `auto-${year}-W${pad(week)}`;
    }
    default: {
      const _never: never = frequency;
      throw new ValidationError('checkpointFrequency', `unknown frequency ${String(_never)}`);
    }
  }
}

/** `autosave-2026-12-05T14-05`: the start of the N-minute slot the instant falls in (slots from the epoch, UTC). */
export function autosaveSlotName(at: string, frequencyMinutes: number): string {
  const slotMs = frequencyMinutes * 60_000;
  const d = new Date(Math.floor(Date.parse(at) / slotMs) * slotMs);
  return `autosave-${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}-${pad(d.getUTCMinutes())}`;
}

/** After a discovery: one checkpoint per discovery. */
export const autosaveDiscoveryName = (discoveryId: string) => `autosave-discovery-${discoveryId}`.slice(0, 100);
/** On pause: one per pause, named by the revision of the pause event. */
export const autosavePauseName = (pauseRevision: number) => `autosave-pause-r${pauseRevision}`;

export const SCHEDULED_NAME = /^(auto|autosave)-[A-Za-z0-9_.-]{1,90}$/;

/**
 * Whether anything was recorded since the latest checkpoint (or since the session was created,
 * before any). The CheckpointSaved event follows the revision it marks, so it is not a change.
 */
export function changedSinceCheckpoint(state: SessionState): boolean {
  const latest = state.governance.checkpoints.last();
  return latest ? state.eventCount - 1 > latest.revision + 1 : state.eventCount > 1;
}

export interface ScheduleDue {
  /** The scheduled checkpoint to save now, if one is due (SaveScheduledCheckpoint). */
  checkpoint: string | null;
  /** The research duration is over and its end is not recorded yet (EndResearch). */
  endResearch: boolean;
}

/**
 * What a session's schedules ask for at `now` (the scheduler's clock): a function of the session's
 * events and the instant only, so any replica, after any restart, works out the same names. One
 * checkpoint at a time: once one is saved the session has not changed since, until it does.
 * On pause first, then after a discovery, then the autosave slot, then the research period.
 */
export function dueSchedules(state: SessionState, now: string): ScheduleDue {
  const status = state.governance.status;
  const research = researchSchedule(state);
  const ended = Boolean(state.governance.researchEnd);
  const endResearch = Boolean(research?.endsAt && !ended && Date.parse(now) >= Date.parse(research.endsAt) && status !== 'archived');
  if (status === 'archived' || !changedSinceCheckpoint(state)) return { checkpoint: null, endResearch };
  const taken = (name: string) => state.governance.checkpoints.has(name);
  const autosave = state.governance.autosave;
  if (autosave?.enabled) {
    if (autosave.onPause && status === 'paused') return { checkpoint: autosavePauseName(state.eventCount - 1), endResearch };
    const latest = state.workspace.discoveries.last();
    const lastSaved = state.governance.checkpoints.last()?.savedAt ?? '';
    if (autosave.onDiscovery && latest && latest.at >= autosave.configuredAt && latest.at >= lastSaved && !taken(autosaveDiscoveryName(latest.id))) {
      return { checkpoint: autosaveDiscoveryName(latest.id), endResearch };
    }
    if (status !== 'paused') {
      const slot = autosaveSlotName(now, autosave.frequencyMinutes);
      if (!taken(slot)) return { checkpoint: slot, endResearch };
    }
  }
  if (research?.checkpointFrequency && !ended && status !== 'paused' && (!research.endsAt || Date.parse(now) < Date.parse(research.endsAt))) {
    const name = researchCheckpointName(now, research.checkpointFrequency);
    if (!taken(name)) return { checkpoint: name, endResearch };
  }
  return { checkpoint: null, endResearch };
}
