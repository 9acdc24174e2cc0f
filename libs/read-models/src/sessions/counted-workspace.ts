// The workspace counts of the session list and detail, kept event by event. Most events change a
// count by a known step; what they cannot tell alone (is this context key new, was this discovery
// rejected) the document keeps as small indexes. A merge or a restore replaces the workspace
// wholesale: those events carry the counts after them, decided in the domain, and the counts are
// taken from them as they are. Events recorded before they carried counts are counted from the
// indexes, as well as the document can (see mergedWithoutCounts).
import { carriedCounts, type SessionEvent, type WorkspaceChanges, type WorkspaceCounts } from '@crystalyse/domain';

export type { WorkspaceCounts } from '@crystalyse/domain';

export interface CountedWorkspace {
  counts: WorkspaceCounts;
  /** Context item key → kind, to count a clear by kind. */
  contextKinds: Record<string, string>;
  openTaskIds: string[];
  materialFormulas: string[];
  /** Discovery id → status, so a rejection (or a change of mind) keeps the count right. */
  discoveryStatus: Record<string, string>;
  /** Questions asked and not yet answered or failed: what crash recovery looks for. */
  pendingQueryIds: string[];
}

export const emptyCountedWorkspace = (): CountedWorkspace => ({
  counts: { queries: 0, materials: 0, discoveries: 0, contextItems: 0, hypotheses: 0, tasks: 0, openTasks: 0 },
  contextKinds: {},
  openTaskIds: [],
  materialFormulas: [],
  discoveryStatus: {},
  pendingQueryIds: [],
});

function withDiscoveries(ws: CountedWorkspace, discoveryStatus: Record<string, string>): CountedWorkspace {
  const discoveries = Object.values(discoveryStatus).filter((status) => status !== 'rejected').length;
  return { ...ws, discoveryStatus, counts: { ...ws.counts, discoveries } };
}

const settle = (ws: CountedWorkspace, queryIds: readonly string[]): CountedWorkspace => ({ ...ws, pendingQueryIds: ws.pendingQueryIds.filter((id) => !queryIds.includes(id)) });

function withCounts(ws: CountedWorkspace, change: Partial<WorkspaceCounts>): CountedWorkspace {
  return { ...ws, counts: { ...ws.counts, ...change } };
}

function withContext(ws: CountedWorkspace, contextKinds: Record<string, string>): CountedWorkspace {
  return { ...ws, contextKinds, counts: { ...ws.counts, contextItems: Object.keys(contextKinds).length } };
}

function withOpenTasks(ws: CountedWorkspace, openTaskIds: string[]): CountedWorkspace {
  return { ...ws, openTaskIds, counts: { ...ws.counts, openTasks: openTaskIds.length } };
}

function withMaterials(ws: CountedWorkspace, materialFormulas: string[]): CountedWorkspace {
  return { ...ws, materialFormulas, counts: { ...ws.counts, materials: materialFormulas.length } };
}

export function evolveCountedWorkspace(ws: CountedWorkspace, event: SessionEvent): CountedWorkspace {
  switch (event.type) {
    case 'ContextItemAdded':
      return withContext(ws, { ...ws.contextKinds, [event.data.key]: event.data.kind });
    case 'ContextItemRemoved': {
      const { [event.data.key]: _removed, ...rest } = ws.contextKinds;
      return withContext(ws, rest);
    }
    case 'ContextCleared':
      return withContext(ws, Object.fromEntries(Object.entries(ws.contextKinds).filter(([, kind]) => kind !== event.data.kind)));
    case 'ContextItemsExpired':
      return withContext(ws, Object.fromEntries(Object.entries(ws.contextKinds).filter(([key]) => !event.data.keys.includes(key))));
    case 'HypothesisAdded':
      return withCounts(ws, { hypotheses: ws.counts.hypotheses + 1 });
    case 'TaskAdded':
      return withOpenTasks(withCounts(ws, { tasks: ws.counts.tasks + 1 }), [...ws.openTaskIds, event.data.taskId]);
    case 'TaskCompleted':
      return withOpenTasks(ws, ws.openTaskIds.filter((id) => id !== event.data.taskId));
    case 'TasksArchived':
      return withCounts(ws, { tasks: Math.max(0, ws.counts.tasks - event.data.taskIds.length) });
    case 'QueryAsked':
      return { ...withCounts(ws, { queries: ws.counts.queries + 1 }), pendingQueryIds: [...ws.pendingQueryIds, event.data.queryId] };
    case 'QueryAnswered':
    case 'QueryFailed':
      return settle(ws, [event.data.queryId]);
    case 'MaterialAnalysed':
      return ws.materialFormulas.includes(event.data.formula) ? ws : withMaterials(ws, [...ws.materialFormulas, event.data.formula]);
    case 'DiscoveryDetected':
    case 'DiscoveryRecorded':
      return withDiscoveries(ws, { ...ws.discoveryStatus, [event.data.discoveryId]: 'active' });
    case 'DiscoveryRejected':
      return withDiscoveries(ws, { ...ws.discoveryStatus, [event.data.discoveryId]: 'rejected' });
    case 'DiscoveryValidated':
      return withDiscoveries(ws, { ...ws.discoveryStatus, [event.data.discoveryId]: 'validated' });
    case 'BranchMerged': {
      const merged = mergeIndexes(ws, event.data.changes);
      const counts = carriedCounts(event.data.counts);
      return counts ? { ...merged, counts } : mergedWithoutCounts(ws, merged, event.data.changes);
    }
    default:
      return ws;
  }
}

/** A restore puts back the indexes kept at the checkpoint, and the counts the event carries. */
export function restoredWorkspace(atCheckpoint: CountedWorkspace | undefined, now: CountedWorkspace, carried: unknown): CountedWorkspace {
  const restored = atCheckpoint ?? now;
  const counts = carriedCounts(carried);
  return counts ? { ...restored, counts } : restored;
}

const without = <T>(record: Record<string, T>, keys: readonly string[]): Record<string, T> =>
  Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));

/** The indexes after a merge: every item it wrote, and every item it removed, in every list. */
function mergeIndexes(ws: CountedWorkspace, changes: WorkspaceChanges): CountedWorkspace {
  const removed = changes.removed ?? {};
  const contextKinds = without(ws.contextKinds, removed.contextItems ?? []);
  for (const item of changes.contextItems ?? []) contextKinds[item.key] = item.kind;
  const formulas = ws.materialFormulas.filter((f) => !(removed.materials ?? []).includes(f));
  const materialFormulas = [...new Set([...formulas, ...(changes.materials ?? []).map((m) => m.formula)])];
  const discoveryStatus = without(ws.discoveryStatus, removed.discoveries ?? []);
  for (const d of changes.discoveries ?? []) discoveryStatus[d.id] = d.status === 'rejected' ? 'rejected' : 'active';
  const open = new Set(ws.openTaskIds.filter((id) => !(removed.tasks ?? []).includes(id)));
  for (const task of changes.tasks ?? []) {
    if (task.status === 'pending' && !('archivedAt' in task)) open.add(task.id);
    else open.delete(task.id);
  }
  // A merge brings no question still pending: one it wrote was answered in the branch.
  const settled = [...(changes.conversation ?? []).filter((t) => t.status !== 'pending').map((t) => t.id), ...(removed.conversation ?? [])];
  const next = withOpenTasks(withMaterials(withContext(ws, contextKinds), materialFormulas), [...open]);
  return settle(withDiscoveries(next, discoveryStatus), settled);
}

/**
 * Counts for a merge recorded before merges carried them. Exact for what the indexes hold
 * (context items, materials, discoveries, open tasks); turns, hypotheses and working tasks are
 * stepped by what the merge wrote and removed, which is as close as the document can get.
 */
function mergedWithoutCounts(before: CountedWorkspace, merged: CountedWorkspace, changes: WorkspaceChanges): CountedWorkspace {
  const removed = changes.removed ?? {};
  const newTurns = (changes.conversation ?? []).filter((t) => !before.pendingQueryIds.includes(t.id)).length;
  const tasks = changes.tasks ?? [];
  const newTasks = tasks.filter((t) => !before.openTaskIds.includes(t.id) && !('archivedAt' in t)).length;
  const leftWorking = [...tasks.filter((t) => 'archivedAt' in t).map((t) => t.id), ...(removed.tasks ?? [])].filter((id) => before.openTaskIds.includes(id)).length;
  return withCounts(merged, {
    queries: Math.max(0, before.counts.queries + newTurns - (removed.conversation ?? []).length),
    hypotheses: Math.max(0, before.counts.hypotheses + (changes.hypotheses ?? []).length - (removed.hypotheses ?? []).length),
    tasks: Math.max(0, before.counts.tasks + newTasks - leftWorking),
  });
}
