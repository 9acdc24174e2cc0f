// evolve for checkpoints. A checkpoint keeps the workspace it marks (shared, never copied), so a
// restore puts it back without a fat event; governance is left as it is.
import type { SessionState } from '../core/state.js';
import type { CheckpointEvent } from './events.js';

export function evolveCheckpoint(state: SessionState, event: CheckpointEvent): SessionState {
  switch (event.type) {
    case 'CheckpointSaved': {
      const { name, revision, savedBy, at } = event.data;
      const checkpoints = [...state.governance.checkpoints, { name, revision, savedAt: at, savedBy }];
      // The workspace now is the workspace at `revision`: keep a reference to it, not a copy.
      const checkpointWorkspaces = [...state.checkpointWorkspaces, { name, workspace: state.workspace }];
      return { ...state, governance: { ...state.governance, checkpoints }, checkpointWorkspaces };
    }
    case 'CheckpointRestored': {
      const saved = state.checkpointWorkspaces.find((c) => c.name === event.data.name);
      // decide guarantees the checkpoint exists; a hand-edited stream should stay readable.
      return saved ? { ...state, workspace: saved.workspace } : state;
    }
    default: {
      const _never: never = event;
      throw new Error(`Unknown checkpoint event ${JSON.stringify(_never)}`);
    }
  }
}
