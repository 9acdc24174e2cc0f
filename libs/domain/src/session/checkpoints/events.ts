// The events of checkpoints. Stored names: rename nothing, add new types instead.
import type { DomainEvent } from '@crystalyse/event-store';
import type { WorkspaceCounts } from '../core/counts.js';

interface At {
  at: string;
}

/** `revision` is the last event before the checkpoint: the position it marks. */
export type CheckpointSaved = DomainEvent<'CheckpointSaved', At & { name: string; revision: number; savedBy: string }>;
/** Workspace back to the checkpoint; governance untouched. `trigger` tells a recover from a restore. */
export type CheckpointRestored = DomainEvent<'CheckpointRestored', At & {
  name: string;
  revision: number;
  trigger: 'restore' | 'recover';
  /** The workspace counts after the restore; absent from restores recorded before they were carried. */
  counts?: WorkspaceCounts;
}>;

export type CheckpointEvent = CheckpointSaved | CheckpointRestored;
