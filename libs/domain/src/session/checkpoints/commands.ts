// Checkpoint commands: save a named position, restore one, or recover from the latest.
import type { Cmd } from '../core/command-base.js';

export type SaveCheckpoint = Cmd<'SaveCheckpoint', { name: string }>;
export type RestoreCheckpoint = Cmd<'RestoreCheckpoint', { name: string }>;
/** Restores the latest checkpoint: the seed's `recoverFromCheckpoint()`. */
export type RecoverFromCheckpoint = Cmd<'RecoverFromCheckpoint'>;

export type CheckpointCommand = SaveCheckpoint | RestoreCheckpoint | RecoverFromCheckpoint;
