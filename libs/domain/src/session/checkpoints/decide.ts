// Checkpoints are named positions in the stream. Saving records the revision it marks; restoring
// is itself an event that puts the workspace back, so no event is ever deleted and the restore
// shows in the audit trail; it carries the workspace counts after it, for the read models.
// Governance is left as it is now.
import { AlreadyExists, CheckpointNotFound, NoCheckpointSaved } from '../../errors.js';
import { workspaceCounts } from '../core/counts.js';
import type { Checkpoint, SessionState } from '../core/state.js';
import { requireCheckpointName } from '../core/validation.js';
import type { CheckpointCommand } from './commands.js';
import type { CheckpointEvent } from './events.js';

export function decideCheckpoint(command: CheckpointCommand, state: SessionState): CheckpointEvent[] {
  const { at } = command.data;
  switch (command.type) {
    case 'SaveCheckpoint': {
      const name = requireCheckpointName('name', command.data.name);
      if (findCheckpoint(state, name)) throw new AlreadyExists('checkpoint', name, 'name');
      // eventCount - 1 is the head revision: the checkpoint marks the state after that event.
      return [{ type: 'CheckpointSaved', data: { name, revision: state.eventCount - 1, savedBy: command.data.actorId, at } }];
    }
    case 'RestoreCheckpoint': {
      const name = requireCheckpointName('name', command.data.name);
      const checkpoint = findCheckpoint(state, name);
      if (!checkpoint) throw new CheckpointNotFound(name);
      return [{ type: 'CheckpointRestored', data: { name, revision: checkpoint.revision, trigger: 'restore', counts: countsAfterRestore(state, name), at } }];
    }
    case 'RecoverFromCheckpoint': {
      const latest = latestCheckpoint(state);
      if (!latest) throw new NoCheckpointSaved();
      return [{ type: 'CheckpointRestored', data: { name: latest.name, revision: latest.revision, trigger: 'recover', counts: countsAfterRestore(state, latest.name), at } }];
    }
    default: {
      const _never: never = command;
      throw new Error(`Unknown checkpoint command ${JSON.stringify(_never)}`);
    }
  }
}

/** What the workspace holds once restored (evolve keeps the workspace when the checkpoint's is missing). */
const countsAfterRestore = (state: SessionState, name: string) =>
  workspaceCounts((state.checkpointWorkspaces.find((c) => c.name === name) ?? state).workspace);

export const findCheckpoint = (state: SessionState, name: string): Checkpoint | undefined =>
  state.governance.checkpoints.find((c) => c.name === name);

/** Checkpoints in the order they were saved (their revisions never decrease). */
export const listCheckpoints = (state: SessionState): readonly Checkpoint[] => state.governance.checkpoints;

/** The last one saved, which is also the one at the highest revision. */
export const latestCheckpoint = (state: SessionState): Checkpoint | undefined => state.governance.checkpoints.at(-1);
