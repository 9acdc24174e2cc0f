// The checkpoints slice as the core routes it. A restore replaces the whole workspace, so it
// conflicts with any change another writer made to it.
import { one } from '../core/import-step.js';
import { actor, checkpointName, COUNTS, int, oneOf, optional } from '../core/shapes.js';
import { WHOLE_WORKSPACE, type Slice } from '../core/slice.js';
import { ANY_BUT_ARCHIVED, WORKING } from '../core/statuses.js';
import type { CheckpointCommand } from './commands.js';
import { decideCheckpoint } from './decide.js';
import type { CheckpointEvent } from './events.js';
import { evolveCheckpoint } from './evolve.js';

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
      shape: { name: checkpointName, revision: int(), trigger: oneOf(['restore', 'recover']), counts: optional(COUNTS) },
      step: (e, base) =>
        e.data.trigger === 'recover'
          ? one({ type: 'RecoverFromCheckpoint', data: {} }, base)
          : one({ type: 'RestoreCheckpoint', data: { name: e.data.name } }, base),
    },
  },
  fields: {
    'governance.checkpoints.': (s, k) => s.governance.checkpoints.find((c) => c.name === k),
  },
};
