// The session list and the lazy-loaded session detail: metadata, status and counts, no history.
// The counts are kept by counted-workspace.ts. A restore puts the workspace back to a checkpoint,
// so the document keeps its indexes as they were at each checkpoint and takes them back on
// CheckpointRestored, with the counts the event carries (or, for an older event, those kept).
import type { RecordedEvent } from '@crystalyse/event-store';
import { parseSessionStream, SESSION_EVENT_TYPES, type SessionEvent } from '@crystalyse/domain';
import type { Document } from '../document-store.port.js';
import type { Projection } from '../projections/projection.js';
import { emptyCountedWorkspace, evolveCountedWorkspace, restoredWorkspace, type CountedWorkspace } from './counted-workspace.js';

export type { CountedWorkspace, WorkspaceCounts } from './counted-workspace.js';

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

const metadataText = (metadata: Record<string, unknown>) =>
  Object.entries(metadata).map(([k, v]) => `${k} ${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ');

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
      workspace: emptyCountedWorkspace(), checkpointWorkspaces: {},
      metadataText: metadataText(data.metadata), queriesText: [], discoveriesText: [],
    };
  }
  if (!doc) return null;
  const at = (event.data as { at?: string }).at ?? doc.updatedAt;
  const next: SessionSummaryDoc = { ...doc, revision: Number(recorded.revision), updatedAt: at, workspace: evolveCountedWorkspace(doc.workspace, event) };
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
      return { ...next, workspace: restoredWorkspace(doc.checkpointWorkspaces[event.data.name], doc.workspace, event.data.counts) };
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
