// The status machine of the seed's diagram, and the governance commands (create, rename,
// metadata). One table says which status allows which command, so the refusals and their
// "way out" can be read, and tested, in one place.
import { AlreadyExists, IllegalTransition, ValidationError } from '../../errors.js';
import { deepEqual, ownValue, type JsonObject } from '../../json.js';
import type { SessionCommandType } from '../core/commands.js';
import { SESSION_TYPES, type SessionState, type SessionStatus } from '../core/state.js';
import { LIMITS, optionalText, requireConfig, requireMetadata, requireName, requireOneOf } from '../core/validation.js';
import type { CreateSession, GovernanceCommand, LifecycleCommand } from './commands.js';
import type { LifecycleEvent, SessionCreated } from './events.js';
import { seededSession, type SeededEvent, type SeedFold } from './seed.js';

type StatusBound = Exclude<SessionCommandType, 'CreateSession'>;

const ANY_BUT_ARCHIVED: readonly SessionStatus[] = ['created', 'active', 'paused'];
// A paused session keeps its workspace still until it is resumed.
const WORKING: readonly SessionStatus[] = ['created', 'active'];
// The one exception: a query asked while active may be answered (or failed) after a pause, so
// the analyst's work in flight is recorded, not lost. Only AskQuery can open a query, and it
// starts a created session, so neither applies to one.
const SETTLING: readonly SessionStatus[] = ['active', 'paused'];

export const ALLOWED_STATUSES: Readonly<Record<StatusBound, readonly SessionStatus[]>> = {
  StartSession: ['created'],
  PauseSession: ['active'],
  ResumeSession: ['paused', 'archived'],
  ArchiveSession: ['paused'],
  RenameSession: ANY_BUT_ARCHIVED,
  UpdateSessionMetadata: ANY_BUT_ARCHIVED,
  // Saving is allowed while paused: autosave takes a checkpoint on pause.
  SaveCheckpoint: ANY_BUT_ARCHIVED,
  RestoreCheckpoint: WORKING,
  RecoverFromCheckpoint: WORKING,
  ConfigureContext: WORKING,
  AddContextItem: WORKING,
  RemoveContextItem: WORKING,
  ClearContext: WORKING,
  SetFocus: WORKING,
  AddHypothesis: WORKING,
  AddTask: WORKING,
  CompleteTask: WORKING,
  AskQuery: WORKING,
  RecordAnswer: SETTLING,
  FailQuery: SETTLING,
  RecordToolInvocation: WORKING,
  ConfigureDiscoveries: WORKING,
  RecordDiscovery: WORKING,
  LinkDiscoveries: WORKING,
  ValidateDiscovery: WORKING,
  RejectDiscovery: WORKING,
  TagDiscovery: WORKING,
  SummariseHistory: WORKING,
  RecordSummary: WORKING,
  // A fork and a discard are allowed while paused, like a checkpoint; a merge changes the workspace.
  CreateBranch: ANY_BUT_ARCHIVED,
  ForkBranch: ANY_BUT_ARCHIVED,
  MergeBranch: WORKING,
  DiscardBranch: ANY_BUT_ARCHIVED,
  CleanupOldContext: WORKING,
  ArchiveCompletedTasks: WORKING,
};

const ACTIONS: Readonly<Record<StatusBound, string>> = {
  StartSession: 'start',
  PauseSession: 'pause',
  ResumeSession: 'resume',
  ArchiveSession: 'archive',
  RenameSession: 'rename',
  UpdateSessionMetadata: 'update metadata',
  SaveCheckpoint: 'save a checkpoint',
  RestoreCheckpoint: 'restore a checkpoint',
  RecoverFromCheckpoint: 'recover from a checkpoint',
  ConfigureContext: 'configure context',
  AddContextItem: 'add a context item',
  RemoveContextItem: 'remove a context item',
  ClearContext: 'clear context',
  SetFocus: 'set the focus',
  AddHypothesis: 'add a hypothesis',
  AddTask: 'add a task',
  CompleteTask: 'complete a task',
  AskQuery: 'ask a query',
  RecordAnswer: 'record an answer',
  FailQuery: 'fail a query',
  RecordToolInvocation: 'record a tool invocation',
  ConfigureDiscoveries: 'configure discoveries',
  RecordDiscovery: 'record a discovery',
  LinkDiscoveries: 'link discoveries',
  ValidateDiscovery: 'validate a discovery',
  RejectDiscovery: 'reject a discovery',
  TagDiscovery: 'tag a discovery',
  SummariseHistory: 'summarise the history',
  RecordSummary: 'record a session summary',
  CreateBranch: 'create a branch',
  ForkBranch: 'fork a branch',
  MergeBranch: 'merge a branch',
  DiscardBranch: 'discard a branch',
  CleanupOldContext: 'clean up old context',
  ArchiveCompletedTasks: 'archive completed tasks',
};

/** The action a command stands for, as refusals name it ("cannot pause: …"). */
export const actionOf = (type: StatusBound): string => ACTIONS[type];

function wayOut(type: StatusBound, status: SessionStatus): string {
  switch (status) {
    case 'archived':
      return type === 'ArchiveSession' ? 'it is already archived' : 'resume it first';
    case 'paused':
      return type === 'PauseSession' ? 'it is already paused' : 'resume it first';
    case 'created':
      return 'start it first';
    case 'active':
      if (type === 'StartSession') return 'it has already started';
      if (type === 'ResumeSession') return 'it is already active';
      return 'pause it first';
    default: {
      const _never: never = status;
      throw new Error(`Unknown status ${String(_never)}`);
    }
  }
}

export function assertStatusAllows(type: StatusBound, status: SessionStatus): void {
  if (!ALLOWED_STATUSES[type].includes(status)) throw new IllegalTransition(status, ACTIONS[type], wayOut(type, status));
}

export function decideCreate(command: CreateSession, state: SessionState, evolve: SeedFold): SeededEvent[] {
  const { sessionId, actorId, at } = command.data;
  if (state.exists) throw new AlreadyExists('session', sessionId, 'sessionId');
  const sessionType = requireOneOf('sessionType', command.data.sessionType, SESSION_TYPES);
  const name = requireName(command.data.name);
  const metadata = requireMetadata('metadata', command.data.metadata ?? {});
  const config = requireConfig('config', command.data.config ?? {});
  const created: SessionCreated = { type: 'SessionCreated', data: { sessionId, ownerId: actorId, sessionType, name, metadata, config, at } };
  return command.data.template === undefined ? [created] : seededSession(created, command.data.template, { sessionId, actorId, at }, evolve);
}

export function decideLifecycle(command: LifecycleCommand, state: SessionState): LifecycleEvent[] {
  const { at } = command.data;
  switch (command.type) {
    case 'StartSession':
      return [{ type: 'SessionStarted', data: { at } }];
    case 'PauseSession': {
      const reason = optionalText('reason', command.data.reason, LIMITS.reason);
      return [{ type: 'SessionPaused', data: { at, ...(reason ? { reason } : {}) } }];
    }
    case 'ResumeSession': {
      const from = state.governance.status === 'archived' ? 'archived' : 'paused';
      return [{ type: 'SessionResumed', data: { from, at } }];
    }
    case 'ArchiveSession': {
      const reason = optionalText('reason', command.data.reason, LIMITS.reason);
      return [{ type: 'SessionArchived', data: { at, ...(reason ? { reason } : {}) } }];
    }
    default: {
      const _never: never = command;
      throw new Error(`Unknown lifecycle command ${JSON.stringify(_never)}`);
    }
  }
}

export function decideGovernance(command: GovernanceCommand, state: SessionState): LifecycleEvent[] {
  const { at } = command.data;
  switch (command.type) {
    case 'RenameSession': {
      const name = requireName(command.data.name);
      return name === state.governance.name ? [] : [{ type: 'SessionRenamed', data: { name, at } }];
    }
    case 'UpdateSessionMetadata':
      return decideMetadata(command.data.set ?? {}, command.data.remove ?? [], state, at);
    default: {
      const _never: never = command;
      throw new Error(`Unknown governance command ${JSON.stringify(_never)}`);
    }
  }
}

function decideMetadata(rawSet: unknown, rawRemove: unknown, state: SessionState, at: string): LifecycleEvent[] {
  const setAll = requireMetadata('set', rawSet);
  if (!Array.isArray(rawRemove) || rawRemove.some((k) => typeof k !== 'string')) {
    throw new ValidationError('remove', 'remove must be a list of keys');
  }
  const remove = rawRemove as string[];
  const both = remove.find((k) => Object.hasOwn(setAll, k));
  if (both !== undefined) throw new ValidationError('remove', `key "${both}" is both set and removed`);
  if (Object.keys(setAll).length === 0 && remove.length === 0) throw new ValidationError('set', 'give keys to set or to remove');

  const current = state.governance.metadata;
  // Only what changes is recorded, so a repeated update appends nothing.
  const set: JsonObject = {};
  for (const [key, value] of Object.entries(setAll)) if (!deepEqual(ownValue(current, key), value)) set[key] = value;
  const removed = [...new Set(remove)].filter((k) => Object.hasOwn(current, k));
  const size = Object.keys({ ...current, ...set }).length - removed.length;
  if (size > LIMITS.metadataKeys) throw new ValidationError('set', `metadata may have at most ${LIMITS.metadataKeys} keys`);
  if (Object.keys(set).length === 0 && removed.length === 0) return [];
  return [{ type: 'SessionMetadataUpdated', data: { set, removed, at } }];
}
