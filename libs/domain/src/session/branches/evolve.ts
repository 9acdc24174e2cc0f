// evolve for branches. A fork sets the branch's own identity (its stream was folded from the
// session's governance and the parent's workspace at the fork); a merge applies, in the parent,
// the changes the merge decided; a discard closes the branch, or marks the ref in its parent.
import { applyChanges, put, remove, set, type Change, type KeyedPart } from '../core/changes.js';
import { initialSessionState, type ArchivedTask, type BranchRef, type SessionState, type Task, type Workspace } from '../core/state.js';
import { MERGED_LISTS, type BranchEvent, type MergedList, type WorkspaceChanges } from './events.js';

export function evolveBranch(state: SessionState, event: BranchEvent): Change[] {
  switch (event.type) {
    case 'BranchCreated': {
      const { branchId, name, forkRevision, fromCheckpoint, createdBy, at } = event.data;
      const ref: BranchRef = {
        branchId, name, forkRevision, ...(fromCheckpoint ? { fromCheckpoint } : {}), createdAt: at, createdBy,
        status: 'open', lastMergedRevision: null, lastMergedAt: null,
      };
      return [put('governance.branches', branchId, ref)];
    }
    case 'BranchForked': {
      const { branchId, sessionId, name, parentStream, parentBranchId, forkRevision, at } = event.data;
      return [set('id', sessionId), set('branch', { branchId, name, parentStream, parentBranchId, forkRevision, createdAt: at, status: 'open' })];
    }
    case 'BranchMerged': {
      const { branchId, branchRevision, changes, at } = event.data;
      return [...updateRef(state, branchId, (b) => ({ ...b, status: 'merged', lastMergedRevision: branchRevision, lastMergedAt: at })), ...mergeChanges(state.workspace, changes)];
    }
    case 'BranchDiscarded': {
      const { branchId } = event.data;
      if (state.branch?.branchId === branchId) return [set('branch', { ...state.branch, status: 'discarded' })];
      return updateRef(state, branchId, (b) => ({ ...b, status: 'discarded' }));
    }
    default: {
      const _never: never = event;
      throw new Error(`Unknown branch event ${JSON.stringify(_never)}`);
    }
  }
}

function updateRef(state: SessionState, branchId: string, change: (ref: BranchRef) => BranchRef): Change[] {
  const ref = state.governance.branches.get(branchId);
  return ref ? [put('governance.branches', branchId, change(ref))] : [];
}

const keyOf = (part: MergedList, item: unknown): string =>
  part === 'contextItems' ? (item as { key: string }).key : (item as { id: string }).id;

/**
 * What a BranchMerged changes in the parent's workspace: items it names are replaced where they
 * stand or added at the end (materials, kept in the order last seen, move to the end), items it
 * removes leave, and a task moves between the working and the archived list as the branch moved it.
 */
export function mergeChanges(ws: Workspace, changes: WorkspaceChanges): Change[] {
  const out: Change[] = [];
  for (const part of MERGED_LISTS) {
    if (part === 'tasks') continue;
    const name = `workspace.${part}` as KeyedPart;
    for (const key of changes.removed?.[part] ?? []) out.push(remove(name, key));
    for (const item of (changes[part] ?? []) as unknown[]) {
      out.push({ part: name, key: keyOf(part, item), value: item, ...(part === 'materials' ? { moveToEnd: true } : {}) } as Change);
    }
  }
  for (const id of changes.removed?.tasks ?? []) out.push(remove('workspace.tasks', id), remove('workspace.archivedTasks', id));
  for (const task of changes.tasks ?? []) {
    if ('archivedAt' in task) out.push(remove('workspace.tasks', task.id), put('workspace.archivedTasks', task.id, task as ArchivedTask));
    else out.push(remove('workspace.archivedTasks', task.id), put('workspace.tasks', task.id, task as Task));
  }
  if (changes.toolStates) {
    const next = { ...ws.toolStates };
    for (const [tool, value] of Object.entries(changes.toolStates)) {
      if (value === null) delete next[tool];
      else next[tool] = value;
    }
    out.push(set('workspace.toolStates', next));
  }
  if (changes.contextConfig) out.push(set('workspace.contextConfig', { ...ws.contextConfig, ...changes.contextConfig }));
  if (changes.discoveryConfig) out.push(set('workspace.discoveryConfig', { ...ws.discoveryConfig, ...changes.discoveryConfig }));
  if (changes.focus !== undefined) out.push(set('workspace.focus', changes.focus));
  return out;
}

/** The parent's workspace once a merge's changes are applied (for the merge's own checks). */
export function applyWorkspaceChanges(ws: Workspace, changes: WorkspaceChanges): Workspace {
  return applyChanges({ ...initialSessionState(), workspace: ws }, mergeChanges(ws, changes)).state.workspace;
}
