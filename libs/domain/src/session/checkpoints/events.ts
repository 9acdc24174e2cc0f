// The events of checkpoints. Stored names: rename nothing, add new types instead.
import type { DomainEvent } from '@crystalyse/event-store';
import type { AppliedChange } from '../core/changes.js';
import type { WorkspaceCounts } from '../core/counts.js';

interface At {
  at: string;
}

/** What a restore puts back, item by item (each record at its old place), or takes away. */
export type RestoredChanges = AppliedChange[];

/** `revision` is the last event before the checkpoint: the position it marks. */
export type CheckpointSaved = DomainEvent<'CheckpointSaved', At & { name: string; revision: number; savedBy: string }>;
/**
 * Workspace back to the checkpoint; governance untouched. `trigger` tells a recover from a restore.
 * It carries what changed back (only the delta, never the whole workspace): a checkpoint keeps no
 * copy of the workspace, so the fold of this stream alone must be able to put it back.
 */
export type CheckpointRestored = DomainEvent<'CheckpointRestored', At & {
  name: string;
  revision: number;
  trigger: 'restore' | 'recover';
  changes: RestoredChanges;
  /** The workspace counts after the restore. */
  counts?: WorkspaceCounts;
  /** Why, when the caller said (absent from restores recorded before reasons were taken). */
  reason?: string;
}>;

export type CheckpointEvent = CheckpointSaved | CheckpointRestored;
