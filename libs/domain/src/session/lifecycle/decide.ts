// The transitions of the seed's diagram (start, pause, resume, archive) and the governance
// commands (create, rename, metadata). Which status allows a command is said by the command's
// slice (here: slice.ts); the core gathers it into ALLOWED_STATUSES, its refusals into
// IllegalTransition with the way out (core/statuses.ts).
import { AlreadyExists, ValidationError } from '../../errors.js';
import { deepEqual, ownValue, type JsonObject } from '../../json.js';
import { SESSION_TYPES, type SessionState } from '../core/state.js';
import { LIMITS, optionalText, requireConfig, requireMetadata, requireName, requireOneOf } from '../core/validation.js';
import type { CreateSession, GovernanceCommand, LifecycleCommand } from './commands.js';
import type { LifecycleEvent, SessionCreated } from './events.js';
import { requireResearchConfig } from '../schedules/index.js';
import { seededSession, type SeededEvent, type SeedFold } from './seed.js';

export function decideCreate(command: CreateSession, state: SessionState, evolve: SeedFold): SeededEvent[] {
  const { sessionId, actorId, at } = command.data;
  if (state.exists) throw new AlreadyExists('session', sessionId, 'sessionId');
  const sessionType = requireOneOf('sessionType', command.data.sessionType, SESSION_TYPES);
  const name = requireName(command.data.name);
  const metadata = requireMetadata('metadata', command.data.metadata ?? {});
  const config = requireConfig('config', command.data.config ?? {});
  if (sessionType === 'research') requireResearchConfig(config);
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
