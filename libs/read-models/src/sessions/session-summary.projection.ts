// The session list and the lazy-loaded session detail: metadata, status and counts, no history.
// A restore puts the workspace back to a checkpoint, so the document keeps the workspace counts
// seen at each checkpoint and takes them back on CheckpointRestored.
import type { RecordedEvent } from '@crystalyse/event-store';
import { parseSessionStream, SESSION_EVENT_TYPES, type SessionEvent, type WorkspaceChanges } from '@crystalyse/domain';
import type { Document } from '../document-store.port.js';
import type { Projection } from '../projections/projection.js';

export interface WorkspaceCounts {
  queries: number;
  materials: number;
  discoveries: number;
  contextItems: number;
  hypotheses: number;
  tasks: number;
  openTasks: number;
}

interface CountedWorkspace {
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

export interface SessionSummaryDoc extends Document {
  ownerId: string;
  name: string;
  type: string;
  status: string;
  metadata: Record<string, unknown>;
  /** `metadata.project`, lifted for filtering and indexing. */
  project: string | null;
  createdAt: string;
  updatedAt: string;
  /** Stream revision of the last event applied: the session's ETag. */
  revision: number;
  checkpoints: number;
  workspace: CountedWorkspace;
  checkpointWorkspaces: Record<string, CountedWorkspace>;
  /** Text for search: name, metadata values, questions and discoveries. */
  metadataText: string;
  queriesText: string[];
  discoveriesText: string[];
}

export const SESSIONS_COLLECTION = 'sessions';

const emptyWorkspace = (): CountedWorkspace => ({
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

const settle = (ws: CountedWorkspace, queryId: string): CountedWorkspace => ({ ...ws, pendingQueryIds: ws.pendingQueryIds.filter((id) => id !== queryId) });

function withCounts(ws: CountedWorkspace, change: Partial<WorkspaceCounts>): CountedWorkspace {
  return { ...ws, counts: { ...ws.counts, ...change } };
}

function withContext(ws: CountedWorkspace, contextKinds: Record<string, string>): CountedWorkspace {
  return { ...ws, contextKinds, counts: { ...ws.counts, contextItems: Object.keys(contextKinds).length } };
}

const metadataText = (metadata: Record<string, unknown>) =>
  Object.entries(metadata).map(([k, v]) => `${k} ${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ');

function evolveWorkspace(ws: CountedWorkspace, event: SessionEvent): CountedWorkspace {
  switch (event.type) {
    case 'ContextItemAdded':
      return withContext(ws, { ...ws.contextKinds, [event.data.key]: event.data.kind });
    case 'ContextItemRemoved': {
      const { [event.data.key]: _removed, ...rest } = ws.contextKinds;
      return withContext(ws, rest);
    }
    case 'ContextCleared':
      return withContext(ws, Object.fromEntries(Object.entries(ws.contextKinds).filter(([, kind]) => kind !== event.data.kind)));
    case 'HypothesisAdded':
      return withCounts(ws, { hypotheses: ws.counts.hypotheses + 1 });
    case 'TaskAdded': {
      const openTaskIds = [...ws.openTaskIds, event.data.taskId];
      return { ...withCounts(ws, { tasks: ws.counts.tasks + 1, openTasks: openTaskIds.length }), openTaskIds };
    }
    case 'TaskCompleted': {
      const openTaskIds = ws.openTaskIds.filter((id) => id !== event.data.taskId);
      return { ...withCounts(ws, { openTasks: openTaskIds.length }), openTaskIds };
    }
    case 'QueryAsked':
      return { ...withCounts(ws, { queries: ws.counts.queries + 1 }), pendingQueryIds: [...ws.pendingQueryIds, event.data.queryId] };
    case 'QueryAnswered':
    case 'QueryFailed':
      return settle(ws, event.data.queryId);
    case 'MaterialAnalysed': {
      if (ws.materialFormulas.includes(event.data.formula)) return ws;
      const materialFormulas = [...ws.materialFormulas, event.data.formula];
      return { ...withCounts(ws, { materials: materialFormulas.length }), materialFormulas };
    }
    case 'DiscoveryDetected':
    case 'DiscoveryRecorded':
      return withDiscoveries(ws, { ...ws.discoveryStatus, [event.data.discoveryId]: 'active' });
    case 'DiscoveryRejected':
      return withDiscoveries(ws, { ...ws.discoveryStatus, [event.data.discoveryId]: 'rejected' });
    case 'DiscoveryValidated':
      return withDiscoveries(ws, { ...ws.discoveryStatus, [event.data.discoveryId]: 'validated' });
    case 'ContextItemsExpired':
      return withContext(ws, Object.fromEntries(Object.entries(ws.contextKinds).filter(([key]) => !event.data.keys.includes(key))));
    case 'TasksArchived':
      return withCounts(ws, { tasks: Math.max(0, ws.counts.tasks - event.data.taskIds.length) });
    case 'BranchMerged':
      return mergeCounts(ws, event.data.changes);
    default:
      return ws;
  }
}

/** What a merge brought from a branch, counted like the events that made it there. */
function mergeCounts(ws: CountedWorkspace, changes: WorkspaceChanges): CountedWorkspace {
  let next = ws;
  const removedContext = changes.removed?.contextItems ?? [];
  if (changes.contextItems || removedContext.length > 0) {
    const kinds = { ...next.contextKinds };
    for (const item of changes.contextItems ?? []) kinds[item.key] = item.kind;
    for (const key of removedContext) delete kinds[key];
    next = withContext(next, kinds);
  }
  const formulas = [...new Set([...next.materialFormulas, ...(changes.materials ?? []).map((m) => m.formula)])];
  next = { ...withCounts(next, { materials: formulas.length }), materialFormulas: formulas };
  if (changes.discoveries) {
    next = withDiscoveries(next, { ...next.discoveryStatus, ...Object.fromEntries(changes.discoveries.map((d) => [d.id, d.status === 'rejected' ? 'rejected' : 'active'])) });
  }
  const openTaskIds = new Set(next.openTaskIds);
  for (const task of changes.tasks ?? []) {
    if (task.status === 'pending' && !('archivedAt' in task)) openTaskIds.add(task.id);
    else openTaskIds.delete(task.id);
  }
  // Merged turns and tasks are the branch's own: new to the parent.
  return {
    ...withCounts(next, {
      queries: next.counts.queries + (changes.conversation?.length ?? 0),
      hypotheses: next.counts.hypotheses + (changes.hypotheses?.length ?? 0),
      tasks: next.counts.tasks + (changes.tasks ?? []).filter((t) => !ws.openTaskIds.includes(t.id) && !('archivedAt' in t)).length,
      openTasks: openTaskIds.size,
    }),
    openTaskIds: [...openTaskIds],
  };
}

export function evolveSessionSummary(doc: SessionSummaryDoc | null, recorded: RecordedEvent): SessionSummaryDoc | null {
  const sessionId = parseSessionStream(recorded.streamId);
  if (!sessionId) return doc;
  const event = { type: recorded.type, data: recorded.data } as SessionEvent;
  if (event.type === 'SessionCreated') {
    const { data } = event;
    return {
      _id: sessionId, ownerId: data.ownerId, name: data.name, type: data.sessionType, status: 'created',
      metadata: data.metadata, project: typeof data.metadata.project === 'string' ? data.metadata.project : null,
      createdAt: data.at, updatedAt: data.at, revision: Number(recorded.revision), checkpoints: 0,
      workspace: emptyWorkspace(), checkpointWorkspaces: {},
      metadataText: metadataText(data.metadata), queriesText: [], discoveriesText: [],
    };
  }
  if (!doc) return null;
  const at = (event.data as { at?: string }).at ?? doc.updatedAt;
  const next: SessionSummaryDoc = { ...doc, revision: Number(recorded.revision), updatedAt: at, workspace: evolveWorkspace(doc.workspace, event) };
  switch (event.type) {
    case 'SessionStarted':
      return { ...next, status: 'active' };
    case 'SessionResumed':
      return { ...next, status: 'active' };
    case 'SessionPaused':
      return { ...next, status: 'paused' };
    case 'SessionArchived':
      return { ...next, status: 'archived' };
    case 'SessionRenamed':
      return { ...next, name: event.data.name };
    case 'SessionMetadataUpdated': {
      const metadata = { ...doc.metadata, ...event.data.set };
      for (const key of event.data.removed) delete metadata[key];
      return { ...next, metadata, project: typeof metadata.project === 'string' ? metadata.project : null, metadataText: metadataText(metadata) };
    }
    case 'CheckpointSaved':
      return { ...next, checkpoints: doc.checkpoints + 1, checkpointWorkspaces: { ...doc.checkpointWorkspaces, [event.data.name]: doc.workspace } };
    case 'CheckpointRestored':
      return { ...next, workspace: doc.checkpointWorkspaces[event.data.name] ?? doc.workspace };
    // Search text is the audit view: what was asked or found stays findable after a restore.
    case 'QueryAsked':
      return { ...next, queriesText: [...doc.queriesText, event.data.text] };
    case 'DiscoveryDetected':
    case 'DiscoveryRecorded':
      return { ...next, discoveriesText: [...doc.discoveriesText, event.data.description] };
    default:
      return next;
  }
}

export const sessionSummaryProjection: Projection<SessionSummaryDoc> = {
  name: 'session-summaries',
  collection: SESSIONS_COLLECTION,
  handles: SESSION_EVENT_TYPES,
  indexes: [
    { fields: ['ownerId'] },
    { fields: ['status'] },
    { fields: ['project'] },
    { text: ['name', 'metadataText', 'queriesText', 'discoveriesText'] },
  ],
  documentId: (event) => parseSessionStream(event.streamId),
  evolve: evolveSessionSummary,
};
