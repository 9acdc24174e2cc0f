// Checkpoint commands: save a named position, restore one, or recover from the latest.
import type { Cmd } from '../core/command-base.js';
import type { RestoredChanges } from './events.js';

export type SaveCheckpoint = Cmd<'SaveCheckpoint', { name: string }>;
/**
 * A checkpoint is a position, not a copy: the application gives the value at the checkpoint of
 * every workspace item that changed since it, up to the head it read (`from`): the timeline's
 * changes since the checkpoint, or `restoreChanges`. decide keeps those that differ from the state
 * it decides on, and refuses a state written after `from` (the caller reads again).
 */
export type RestoreCheckpoint = Cmd<'RestoreCheckpoint', { name: string; from: number; changes: RestoredChanges; reason?: string }>;
/** Restores the latest checkpoint: the seed's `recoverFromCheckpoint()`. */
export type RecoverFromCheckpoint = Cmd<'RecoverFromCheckpoint', { from: number; changes: RestoredChanges; reason?: string }>;

export type CheckpointCommand = SaveCheckpoint | RestoreCheckpoint | RecoverFromCheckpoint;
