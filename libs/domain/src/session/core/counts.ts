// What the session list and detail show of a workspace: how many of each thing it holds. Derived
// from the workspace here, in one place, and carried by the events that replace the workspace
// wholesale (a merge, a restore), so a read model takes them as decided instead of re-deriving
// what a merge or a restore did, which is where counts drifted.
import { isPlainObject } from '../../json.js';
import type { Workspace } from './state.js';

export interface WorkspaceCounts {
  /** Turns in the conversation: every question asked, answered or not. */
  queries: number;
  materials: number;
  /** Discoveries not rejected. */
  discoveries: number;
  contextItems: number;
  hypotheses: number;
  /** Tasks in the working list (archived ones are not counted). */
  tasks: number;
  openTasks: number;
}

const COUNT_KEYS = ['queries', 'materials', 'discoveries', 'contextItems', 'hypotheses', 'tasks', 'openTasks'] as const satisfies ReadonlyArray<keyof WorkspaceCounts>;

export const workspaceCounts = (ws: Workspace): WorkspaceCounts => ({
  queries: ws.conversation.length,
  materials: ws.materials.length,
  discoveries: ws.discoveries.filter((d) => d.status !== 'rejected').length,
  contextItems: ws.contextItems.length,
  hypotheses: ws.hypotheses.length,
  tasks: ws.tasks.length,
  openTasks: ws.tasks.filter((t) => t.status === 'pending').length,
});

/** Counts as an event carries them, or undefined when absent (older events) or not well formed. */
export function carriedCounts(value: unknown): WorkspaceCounts | undefined {
  if (!isPlainObject(value)) return undefined;
  const valid = COUNT_KEYS.every((k) => Number.isSafeInteger(value[k]) && (value[k] as number) >= 0);
  return valid ? (Object.fromEntries(COUNT_KEYS.map((k) => [k, value[k]])) as unknown as WorkspaceCounts) : undefined;
}
