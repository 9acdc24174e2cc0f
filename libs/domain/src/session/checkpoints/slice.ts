// The checkpoints slice as the core routes it. A restore replaces the whole workspace, so it
// conflicts with any change another writer made to it.
import { one } from '../core/import-step.js';
import { actor, bool, check, checkpointName, COUNTS, int, json, list, MANY, object, oneOf, optional, RECORD_CHARS, text } from '../core/shapes.js';
import { ValidationError } from '../../errors.js';
import { LIMITS } from '../core/validation.js';
import { WHOLE_WORKSPACE, type Slice } from '../core/slice.js';
import { ANY_BUT_ARCHIVED, WORKING } from '../core/statuses.js';
import type { CheckpointCommand } from './commands.js';
import { decideCheckpoint } from './decide.js';
import type { CheckpointEvent } from './events.js';
import { evolveCheckpoint } from './evolve.js';

// A record as the state holds it; the import checks it against what restoring there gives.
const KEY = check((field, value) => {
  if (typeof value !== 'string' || value.length > LIMITS.name) throw new ValidationError(field, `${field} must be a key of at most ${LIMITS.name} characters`);
});
const RESTORED_CHANGE = object({ part: text(LIMITS.name), key: KEY, ord: int(), value: json(RECORD_CHARS, 12), deleted: optional(bool) });

const reasonOf = (data: { reason?: string }) => (data.reason !== undefined ? { reason: data.reason } : {});

export const checkpointsSlice: Slice<CheckpointCommand, CheckpointEvent> = {
  decide: decideCheckpoint,
  evolve: evolveCheckpoint,
  commands: {
    // Saving is allowed while paused: autosave takes a checkpoint on pause.
    SaveCheckpoint: { statuses: ANY_BUT_ARCHIVED, action: 'save a checkpoint', fields: (c) => [`governance.checkpoints.${c.data.name}`] },
    RestoreCheckpoint: { statuses: WORKING, action: 'restore a checkpoint', fields: () => [...WHOLE_WORKSPACE] },
    RecoverFromCheckpoint: { statuses: WORKING, action: 'recover from a checkpoint', fields: () => [...WHOLE_WORKSPACE] },
  },
  events: {
    CheckpointSaved: {
      shape: { name: checkpointName, revision: int(), savedBy: actor },
      step: (e, base) => one({ type: 'SaveCheckpoint', data: { name: e.data.name } }, base),
    },
    CheckpointRestored: {
      shape: { name: checkpointName, revision: int(), trigger: oneOf(['restore', 'recover']), changes: optional(list(RESTORED_CHANGE, MANY)), counts: optional(COUNTS), reason: optional(text(LIMITS.reason)) },
      // An import puts in `from` and `changes` the ones restoring on the state so far gives (export/import.ts).
      step: (e, base) =>
        e.data.trigger === 'recover'
          ? one({ type: 'RecoverFromCheckpoint', data: { from: -1, changes: [], ...reasonOf(e.data) } }, base)
          : one({ type: 'RestoreCheckpoint', data: { name: e.data.name, from: -1, changes: [], ...reasonOf(e.data) } }, base),
    },
  },
  fields: {
    'governance.checkpoints.': (s, k) => s.governance.checkpoints.get(k),
  },
};
