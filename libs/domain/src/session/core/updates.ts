// How the slices' evolve change the state: new values, the untouched parts shared (which is what
// lets checkpoints keep whole workspaces without copying them).
import type { SessionState, Workspace } from './state.js';

export function updateWorkspace(state: SessionState, changes: Partial<Workspace>): SessionState {
  return { ...state, workspace: { ...state.workspace, ...changes } };
}

// The record an event changes is nearly always the last one: find it from the end and copy the
// list once, so folding a long session does not copy its whole conversation for every event.
export function updateLast<T extends { id: string }>(items: readonly T[], id: string, change: (item: T) => T): T[] {
  const i = items.findLastIndex((item) => item.id === id);
  return i < 0 ? (items as T[]) : items.with(i, change(items[i]!));
}
