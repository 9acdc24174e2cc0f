// evolve for checkpoints: a save records the position; a restore applies what it carries back.
import { put, type Change } from '../core/changes.js';
import type { SessionState } from '../core/state.js';
import { toChanges } from './decide.js';
import type { CheckpointEvent } from './events.js';

export function evolveCheckpoint(_state: SessionState, event: CheckpointEvent): Change[] {
  switch (event.type) {
    case 'CheckpointSaved': {
      const { name, revision, savedBy, at } = event.data;
      return [put('governance.checkpoints', name, { name, revision, savedAt: at, savedBy })];
    }
    case 'CheckpointRestored':
      return toChanges(event.data.changes ?? []);
    default: {
      const _never: never = event;
      throw new Error(`Unknown checkpoint event ${JSON.stringify(_never)}`);
    }
  }
}
