// Optimistic concurrency at the level of fields. A command may carry the revision it was based
// on; when the session moved on since, the command is rebased (decided against the state now)
// unless another writer changed a field this command writes, and changed it to something else.
// Then the caller gets a ConflictError listing each field with its base, local and remote value.
// Which fields a command writes, whether it is always rebased, and the field paths of its records
// are said by the command's slice (its slice.ts); this file only reads and compares them.
import { ConflictError, DomainError, type FieldConflict } from '../../errors.js';
import { assertMay } from '../core/access.js';
import { permissionForCommand } from '../core/permissions.js';
import type { SessionCommand } from '../core/commands.js';
import { sameIgnoringTimes } from '../core/compare.js';
import { decideSession } from '../core/decide.js';
import { foldSession } from '../core/decider.js';
import type { SessionEvent } from '../core/events.js';
import { commandRoute, FIELD_READERS } from '../core/slices.js';
import { WORKSPACE_PARTS, type SessionState, type WorkspacePart } from '../core/state.js';

/** The value of a field path in a state; null when it is absent (null survives JSON, undefined does not). */
export function readField(state: SessionState, field: string): unknown {
  // Field paths with a key: the key is the rest of the path, dots included (metadata keys may hold dots).
  for (const [prefix, read] of FIELD_READERS) {
    if (field.startsWith(prefix)) return read(state, field.slice(prefix.length)) ?? null;
  }
  if (field === 'governance.status') return state.governance.status;
  if (field === 'governance.name') return state.governance.name;
  if (field === 'governance.config') return state.governance.config;
  const part = field.startsWith('workspace.') ? field.slice('workspace.'.length) : '';
  if ((WORKSPACE_PARTS as readonly string[]).includes(part)) return state.workspace[part as WorkspacePart];
  throw new Error(`Unknown field path ${field}`);
}

/** The fields a command writes, as paths `readField` understands. */
export function fieldsTouched(command: SessionCommand): string[] {
  // The first event of a new stream: nothing to conflict with.
  if (command.type === 'CreateSession') return [];
  return commandRoute(command.type).rule.fields(command);
}

/**
 * Commands that only add something under an id the caller generated, or only record facts that
 * already happened, or act on the state as it is when decided: nothing another writer does can
 * clash with them, so they are always rebased (decided again on the state now, which may still
 * refuse them). Each slice marks its own (`commutative` in its slice.ts). Adding a context item
 * and saving a checkpoint also only write their own key, and are rebased unless that very key
 * was written in between.
 */
export function isCommutative(command: SessionCommand): boolean {
  return command.type !== 'CreateSession' && commandRoute(command.type).rule.commutative === true;
}

// When something happened is not what it is: two writers adding the same item are not in conflict.
const same = sameIgnoringTimes;

export function findConflicts(command: SessionCommand, based: SessionState, current: SessionState): FieldConflict[] {
  if (isCommutative(command)) return [];
  let local: SessionState;
  try {
    local = foldSession(decideSession(command, based), based);
  } catch (error) {
    // Refused on the state the caller saw: whether it stands now is for decide on the current state.
    if (error instanceof DomainError) return [];
    throw error;
  }
  const conflicts: FieldConflict[] = [];
  for (const field of fieldsTouched(command)) {
    const base = readField(based, field);
    const remote = readField(current, field);
    const mine = readField(local, field);
    // Unchanged since the base, or changed by the other writer to what this command writes.
    if (same(base, remote) || same(mine, remote)) continue;
    conflicts.push({ field, local: mine, remote, base });
  }
  return conflicts;
}

/**
 * Decides a command that was based on `based` (the state at the revision the caller saw) against
 * `current`. Access is checked on the current state first, so a conflict never shows a stranger
 * any value.
 */
export function decideConcurrent(command: SessionCommand, based: SessionState, current: SessionState): SessionEvent[] {
  if (command.type !== 'CreateSession') assertMay(current, command.data.sessionId, command.data.actorId, permissionForCommand(command.type), command.data.at);
  if (based.eventCount !== current.eventCount) {
    const conflicts = findConflicts(command, based, current);
    if (conflicts.length > 0) throw new ConflictError(conflicts);
  }
  return decideSession(command, current);
}
