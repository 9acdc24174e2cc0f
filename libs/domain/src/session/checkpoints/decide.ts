// Checkpoints are named positions in the stream. Saving records the revision it marks; restoring
// is itself an event that puts the workspace back, so no event is ever deleted and the restore
// shows in the audit trail; it carries what it put back, and the workspace counts after it.
// Governance is left as it is now.
import { AlreadyExists, CheckpointNotFound, NoCheckpointSaved, RestoreOutdated, ValidationError } from '../../errors.js';
import { deepEqual, isPlainObject } from '../../json.js';
import { isKeyedPart, KEYED_PARTS, readPart, VALUE_PARTS, type AppliedChange, type Change } from '../core/changes.js';
import type { Items } from '../core/items.js';
import { countsAfter, workspaceCounts } from '../core/counts.js';
import type { Checkpoint, SessionState } from '../core/state.js';
import { LIMITS, optionalText, requireCheckpointName, requireInteger } from '../core/validation.js';
import type { CheckpointCommand } from './commands.js';
import type { CheckpointEvent, RestoredChanges } from './events.js';
import { isWorkspacePart } from './restore.js';

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
      return [restored(checkpoint, 'restore', command.data, state, at)];
    }
    case 'RecoverFromCheckpoint': {
      const latest = latestCheckpoint(state);
      if (!latest) throw new NoCheckpointSaved();
      return [restored(latest, 'recover', command.data, state, at)];
    }
    default: {
      const _never: never = command;
      throw new Error(`Unknown checkpoint command ${JSON.stringify(_never)}`);
    }
  }
}

function restored(checkpoint: Checkpoint, trigger: 'restore' | 'recover', given: { from: number; changes: RestoredChanges; reason?: string }, state: SessionState, at: string): CheckpointEvent {
  const reason = optionalText('reason', given.reason, LIMITS.reason);
  const from = requireInteger('from', given.from, -1, Number.MAX_SAFE_INTEGER);
  // The changes cover every item that changed from the checkpoint up to `from`: enough for any
  // state up to there (a caller's If-Match base, the head it read), not for one written since.
  if (state.eventCount - 1 > from) {
    throw new RestoreOutdated(from, state.eventCount - 1);
  }
  const changes = effective(requireRestoredChanges(given.changes), state);
  // From the changes, not by applying them: evolve applies them once the event is decided.
  const counts = countsAfter(workspaceCounts(state.workspace), state, changes);
  return { type: 'CheckpointRestored', data: { name: checkpoint.name, revision: checkpoint.revision, trigger, changes, counts, ...(reason ? { reason } : {}), at } };
}

const PART_ORDER = new Map<string, number>([...KEYED_PARTS, ...VALUE_PARTS].map((part, i) => [part, i]));

/**
 * What actually changes on this state, in one order whoever worked them out (by part, then key):
 * an item already as it was at the checkpoint is left out.
 */
function effective(changes: RestoredChanges, state: SessionState): RestoredChanges {
  const byPartThenKey = (a: AppliedChange, b: AppliedChange) => (PART_ORDER.get(a.part)! - PART_ORDER.get(b.part)!) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  return [...changes].sort(byPartThenKey).filter((c) => {
    const current = readPart(state, c.part);
    if (!isKeyedPart(c.part)) return !deepEqual(current, c.value);
    const items = current as Items<unknown>;
    if (c.deleted) return items.has(c.key);
    return items.ordOf(c.key) !== c.ord || !deepEqual(items.get(c.key), c.value);
  });
}

function requireRestoredChanges(value: unknown): RestoredChanges {
  if (!Array.isArray(value)) throw new ValidationError('changes', 'changes must be a list');
  value.forEach((c: unknown, i) => {
    if (!isPlainObject(c) || typeof c.part !== 'string' || !isWorkspacePart(c.part) || typeof c.key !== 'string' || !Number.isSafeInteger(c.ord)) {
      throw new ValidationError(`changes[${i}]`, `changes[${i}] must name a workspace part, a key and an ord`);
    }
  });
  return value as RestoredChanges;
}

/** Changes as applied, replayed as they were: each record at the place it had. */
export function toChanges(applied: readonly AppliedChange[]): Change[] {
  return applied.map((c): Change => {
    if (!isKeyedPart(c.part)) return { part: c.part, value: c.value } as Change;
    return (c.deleted ? { part: c.part, key: c.key, deleted: true } : { part: c.part, key: c.key, value: c.value, ord: c.ord }) as Change;
  });
}

export const findCheckpoint = (state: SessionState, name: string): Checkpoint | undefined => state.governance.checkpoints.get(name);

/** Checkpoints in the order they were saved (their revisions never decrease). */
export const listCheckpoints = (state: SessionState): readonly Checkpoint[] => state.governance.checkpoints.values();

/** The last one saved, which is also the one at the highest revision. */
export const latestCheckpoint = (state: SessionState): Checkpoint | undefined => state.governance.checkpoints.last();
