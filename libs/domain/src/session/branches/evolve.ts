// evolve for branches. A fork sets the branch's own identity (its stream was folded from the
// session's governance and the parent's workspace at the fork); a merge applies, in the parent,
// the changes the merge decided; a discard closes the branch, or marks the ref in its parent.
import type { JsonValue } from '../../json.js';
import type { ArchivedTask, BranchRef, SessionState, Task, Workspace } from '../core/state.js';
import { MERGED_LISTS, type BranchEvent, type MergedList, type WorkspaceChanges } from './events.js';

export function evolveBranch(state: SessionState, event: BranchEvent): SessionState {
  switch (event.type) {
    case 'BranchCreated': {
      const { branchId, name, forkRevision, fromCheckpoint, createdBy, at } = event.data;
      const ref: BranchRef = {
        branchId, name, forkRevision, ...(fromCheckpoint ? { fromCheckpoint } : {}), createdAt: at, createdBy,
        status: 'open', lastMergedRevision: null, lastMergedAt: null,
      };
      return { ...state, governance: { ...state.governance, branches: [...state.governance.branches, ref] } };
    }
    case 'BranchForked': {
      const { branchId, sessionId, name, parentStream, parentBranchId, forkRevision, at } = event.data;
      return { ...state, id: sessionId, branch: { branchId, name, parentStream, parentBranchId, forkRevision, createdAt: at, status: 'open' } };
    }
    case 'BranchMerged': {
      const { branchId, branchRevision, changes, at } = event.data;
      const merged = updateRef(state, branchId, (b) => ({ ...b, status: 'merged', lastMergedRevision: branchRevision, lastMergedAt: at }));
      return { ...merged, workspace: applyWorkspaceChanges(state.workspace, changes) };
    }
    case 'BranchDiscarded': {
      const { branchId } = event.data;
      if (state.branch?.branchId === branchId) return { ...state, branch: { ...state.branch, status: 'discarded' } };
      return updateRef(state, branchId, (b) => ({ ...b, status: 'discarded' }));
    }
    default: {
      const _never: never = event;
      throw new Error(`Unknown branch event ${JSON.stringify(_never)}`);
    }
  }
}

function updateRef(state: SessionState, branchId: string, change: (ref: BranchRef) => BranchRef): SessionState {
  const branches = state.governance.branches.map((b) => (b.branchId === branchId ? change(b) : b));
  return { ...state, governance: { ...state.governance, branches } };
}

const keyOf = (part: MergedList, item: unknown): string =>
  part === 'contextItems' ? (item as { key: string }).key : (item as { id: string }).id;

/** Replaces items with the same key where they stand and adds the others at the end. */
function upsert<T>(list: readonly T[], items: readonly T[], key: (item: T) => string): T[] {
  const given = new Map(items.map((item) => [key(item), item]));
  const replaced = list.map((item) => given.get(key(item)) ?? item);
  const present = new Set(list.map(key));
  return [...replaced, ...items.filter((item) => !present.has(key(item)))];
}

/** What a BranchMerged changes in the parent's workspace. */
export function applyWorkspaceChanges(ws: Workspace, changes: WorkspaceChanges): Workspace {
  const next: Workspace = { ...ws };
  const lists = next as unknown as Record<MergedList, unknown[]>;
  for (const part of MERGED_LISTS) {
    if (part === 'tasks') continue;
    const key = (item: unknown) => keyOf(part, item);
    const gone = new Set(changes.removed?.[part] ?? []);
    const items = (changes[part] ?? []) as unknown[];
    let list = lists[part].filter((item) => !gone.has(key(item)));
    // Materials are kept in the order last seen: one that changed moves to the end.
    if (part === 'materials') list = [...list.filter((m) => !items.some((i) => key(i) === key(m))), ...items];
    else if (items.length > 0) list = upsert(list, items, key);
    lists[part] = list;
  }
  const goneTasks = new Set([...(changes.removed?.tasks ?? []), ...(changes.tasks ?? []).map((t) => t.id)]);
  const archived = (changes.tasks ?? []).filter((t): t is ArchivedTask => 'archivedAt' in t);
  const working = (changes.tasks ?? []).filter((t): t is Task => !('archivedAt' in t));
  next.tasks = upsertOrDrop(ws.tasks, working, goneTasks);
  next.archivedTasks = upsertOrDrop(ws.archivedTasks, archived, goneTasks);
  if (changes.toolStates) next.toolStates = withToolStates(ws.toolStates, changes.toolStates);
  if (changes.contextConfig) next.contextConfig = { ...ws.contextConfig, ...changes.contextConfig };
  if (changes.discoveryConfig) next.discoveryConfig = { ...ws.discoveryConfig, ...changes.discoveryConfig };
  if (changes.focus !== undefined) next.focus = changes.focus;
  return next;
}

/** Items given replace theirs in place; other items in `gone` (moved to the other list, or removed) leave. */
function upsertOrDrop<T extends { id: string }>(list: readonly T[], items: readonly T[], gone: ReadonlySet<string>): T[] {
  const given = new Set(items.map((t) => t.id));
  return upsert(list.filter((t) => given.has(t.id) || !gone.has(t.id)), items, (t) => t.id);
}

function withToolStates(states: Record<string, JsonValue>, changes: Record<string, JsonValue>): Record<string, JsonValue> {
  const next = { ...states };
  for (const [tool, value] of Object.entries(changes)) {
    if (value === null) delete next[tool];
    else next[tool] = value;
  }
  return next;
}
