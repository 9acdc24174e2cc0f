// What restoring a checkpoint changes: every workspace item whose value at the checkpoint is not
// its value now, put back at its old place, or taken away when the checkpoint did not have it.
// The application usually asks the timeline for the items changed since the checkpoint (cost: what
// changed); this diff of two whole workspaces is for when it has the workspace at the checkpoint
// in hand (a branch, an import, the specs). Records shared by both (the same object, as folds of
// one stream share them) are skipped without comparing their content.
import { deepEqual } from '../../json.js';
import { KEYED_PARTS, VALUE_PARTS, readPart, type AppliedChange, type KeyedPart, type ValuePart } from '../core/changes.js';
import type { Items } from '../core/items.js';
import type { SessionState, Workspace } from '../core/state.js';

const WORKSPACE_KEYED = KEYED_PARTS.filter((p) => p.startsWith('workspace.')) as KeyedPart[];
const WORKSPACE_VALUES = VALUE_PARTS.filter((p) => p.startsWith('workspace.')) as ValuePart[];

export const isWorkspacePart = (part: string): boolean => (WORKSPACE_KEYED as string[]).includes(part) || (WORKSPACE_VALUES as string[]).includes(part);

export function restoreChanges(now: Workspace, target: Workspace): AppliedChange[] {
  const changes: AppliedChange[] = [];
  const asState = (workspace: Workspace) => ({ workspace }) as unknown as SessionState;
  for (const part of WORKSPACE_KEYED) {
    const current = readPart(asState(now), part) as Items<unknown>;
    const wanted = readPart(asState(target), part) as Items<unknown>;
    if (current === wanted) continue;
    for (const key of current.keys()) if (!wanted.has(key)) changes.push({ part, key, ord: 0, value: null, deleted: true });
    for (const [key, ord, value] of wanted.entries()) {
      const mine = current.get(key);
      if (mine !== undefined && current.ordOf(key) === ord && (mine === value || deepEqual(mine, value))) continue;
      changes.push({ part, key, ord, value });
    }
  }
  for (const part of WORKSPACE_VALUES) {
    const value = readPart(asState(target), part);
    if (!deepEqual(readPart(asState(now), part), value)) changes.push({ part, key: '', ord: 0, value });
  }
  return changes;
}

/**
 * The value at the checkpoint of every workspace item that changed after it, up to the last of
 * `states` (the states after each event since the checkpoint, oldest first): what the timeline
 * answers, worked out by folding. An item changed and changed back is included, since a state in
 * between (an If-Match base) may still hold the change.
 */
export function changesSince(atCheckpoint: Workspace, states: Iterable<SessionState>): AppliedChange[] {
  const since = new Map<string, AppliedChange>();
  for (const state of states) {
    for (const change of restoreChanges(state.workspace, atCheckpoint)) since.set(`${change.part}\u0000${change.key}`, change);
  }
  return [...since.values()];
}
