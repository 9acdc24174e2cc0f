// What the session list and detail show of a workspace: how many of each thing it holds. Derived
// from the workspace here, in one place, and carried by the events that replace the workspace
// wholesale (a merge, a restore), so a read model takes them as decided instead of re-deriving
// what a merge or a restore did, which is where counts drifted.
import { isPlainObject } from '../../json.js';
import { readPart, type AppliedChange, type PartName } from './changes.js';
import type { Items } from './items.js';
import type { Discovery, SessionState, Task, Workspace } from './state.js';

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

type Counted = keyof WorkspaceCounts;

// Which record each count counts, and when: what `workspaceCounts` derives, item by item.
const COUNTED: ReadonlyArray<readonly [PartName, Counted, (value: unknown) => boolean]> = [
  ['workspace.conversation', 'queries', () => true],
  ['workspace.materials', 'materials', () => true],
  ['workspace.discoveries', 'discoveries', (d) => (d as Discovery).status !== 'rejected'],
  ['workspace.contextItems', 'contextItems', () => true],
  ['workspace.hypotheses', 'hypotheses', () => true],
  ['workspace.tasks', 'tasks', () => true],
  ['workspace.tasks', 'openTasks', (t) => (t as Task).status === 'pending'],
];

/**
 * The counts after an event, from the counts before it and what it changed (changes.ts): the cost
 * of the changes, not of the workspace, so a read model keeps them for every event of a long session.
 */
export function countsAfter(counts: WorkspaceCounts, before: SessionState, applied: readonly AppliedChange[]): WorkspaceCounts {
  const next = { ...counts };
  const current = new Map<string, unknown>();
  const valueOf = (part: PartName, key: string): unknown => {
    const id = `${part}\u0000${key}`;
    if (current.has(id)) return current.get(id);
    return (readPart(before, part) as Items<unknown>).get(key);
  };
  for (const change of applied) {
    const rules = COUNTED.filter(([part]) => part === change.part);
    if (rules.length === 0) continue;
    const was = valueOf(change.part, change.key);
    const now = change.deleted ? undefined : change.value;
    for (const [, count, counts] of rules) next[count] += Number(now !== undefined && counts(now)) - Number(was !== undefined && counts(was));
    current.set(`${change.part}\u0000${change.key}`, now);
  }
  return next;
}
