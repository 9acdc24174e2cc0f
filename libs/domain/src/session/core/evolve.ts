// evolve: the one place events change state. Pure and total over valid streams; it returns new
// values and shares the untouched parts, which is what lets checkpoints keep whole workspaces
// without copying them.
import type { JsonObject } from '../../json.js';
import type { SessionEvent } from './events.js';
import { evolveAgent } from '../queries/evolve.js';
import { evolveBranch } from '../branches/evolve.js';
import type { BranchRef, ContextItem, SessionState, Workspace } from './state.js';

export function evolveSession(state: SessionState, event: SessionEvent): SessionState {
  const next = apply(state, event);
  return { ...next, eventCount: state.eventCount + 1, governance: { ...next.governance, updatedAt: event.data.at } };
}

function apply(state: SessionState, event: SessionEvent): SessionState {
  switch (event.type) {
    case 'SessionCreated': {
      const { sessionId, ownerId, sessionType, name, metadata, config, at } = event.data;
      const governance = { ...state.governance, ownerId, name, type: sessionType, metadata, config, createdAt: at, status: 'created' as const };
      return { ...state, id: sessionId, exists: true, governance };
    }
    case 'SessionStarted':
    case 'SessionResumed':
      return status(state, 'active');
    case 'SessionPaused':
      return status(state, 'paused');
    case 'SessionArchived':
      return status(state, 'archived');
    case 'SessionRenamed':
      return { ...state, governance: { ...state.governance, name: event.data.name } };
    case 'SessionMetadataUpdated': {
      const metadata: JsonObject = { ...state.governance.metadata, ...event.data.set };
      for (const key of event.data.removed) delete metadata[key];
      return { ...state, governance: { ...state.governance, metadata } };
    }
    case 'ContextConfigured': {
      const { at: _at, ...changes } = event.data;
      return workspace(state, { contextConfig: { ...state.workspace.contextConfig, ...changes } });
    }
    case 'ContextItemAdded': {
      const { key, value, kind, at } = event.data;
      const item: ContextItem = { key, value, kind, addedAt: at };
      const items = state.workspace.contextItems;
      const index = items.findIndex((i) => i.key === key);
      // A key names one item: adding it again replaces the value where it stands.
      const contextItems = index < 0 ? [...items, item] : items.map((i, n) => (n === index ? item : i));
      return workspace(state, { contextItems });
    }
    case 'ContextItemRemoved':
      return workspace(state, { contextItems: state.workspace.contextItems.filter((i) => i.key !== event.data.key) });
    case 'ContextCleared':
      return workspace(state, { contextItems: state.workspace.contextItems.filter((i) => i.kind !== event.data.kind) });
    case 'FocusSet':
      return workspace(state, { focus: event.data.focus });
    case 'HypothesisAdded': {
      const { hypothesisId, statement, at } = event.data;
      return workspace(state, { hypotheses: [...state.workspace.hypotheses, { id: hypothesisId, statement, addedAt: at }] });
    }
    case 'TaskAdded': {
      const { taskId, title, at } = event.data;
      const task = { id: taskId, title, status: 'pending' as const, addedAt: at, completedAt: null };
      return workspace(state, { tasks: [...state.workspace.tasks, task] });
    }
    case 'TaskCompleted': {
      const { taskId, at } = event.data;
      const tasks = state.workspace.tasks.map((t) => (t.id === taskId ? { ...t, status: 'completed' as const, completedAt: at } : t));
      return workspace(state, { tasks });
    }
    case 'ContextItemsExpired': {
      const keys = new Set(event.data.keys);
      return workspace(state, { contextItems: state.workspace.contextItems.filter((i) => !keys.has(i.key)) });
    }
    case 'TasksArchived': {
      const ids = new Set(event.data.taskIds);
      const { tasks, archivedTasks } = state.workspace;
      const moved = tasks.filter((t) => ids.has(t.id)).map((t) => ({ ...t, archivedAt: event.data.at }));
      return workspace(state, { tasks: tasks.filter((t) => !ids.has(t.id)), archivedTasks: [...archivedTasks, ...moved] });
    }
    case 'CheckpointSaved': {
      const { name, revision, savedBy, at } = event.data;
      const checkpoints = [...state.governance.checkpoints, { name, revision, savedAt: at, savedBy }];
      // The workspace now is the workspace at `revision`: keep a reference to it, not a copy.
      const checkpointWorkspaces = [...state.checkpointWorkspaces, { name, workspace: state.workspace }];
      return { ...state, governance: { ...state.governance, checkpoints }, checkpointWorkspaces };
    }
    case 'CheckpointRestored': {
      const saved = state.checkpointWorkspaces.find((c) => c.name === event.data.name);
      // decide guarantees the checkpoint exists; a hand-edited stream should stay readable.
      return saved ? { ...state, workspace: saved.workspace } : state;
    }
    case 'SessionImported': {
      // The refs copied before it name branch streams the original session kept.
      const branches = state.governance.branches.map((b): BranchRef => (b.imported ? b : { ...b, imported: true }));
      return branches.length === 0 ? state : { ...state, governance: { ...state.governance, branches } };
    }
    case 'SessionSeededFromTemplate': {
      const { template, version, parameters } = event.data;
      return { ...state, governance: { ...state.governance, seededFrom: { template, version, parameters } } };
    }
    case 'BranchCreated':
    case 'BranchForked':
    case 'BranchMerged':
    case 'BranchDiscarded':
      return evolveBranch(state, event);
    case 'QueryAsked':
    case 'ToolInvoked':
    case 'ToolStateChanged':
    case 'MaterialAnalysed':
    case 'QueryAnswered':
    case 'QueryFailed':
    case 'DiscoveryDetected':
    case 'DiscoveriesConfigured':
    case 'DiscoveryRecorded':
    case 'DiscoveriesLinked':
    case 'DiscoveryValidated':
    case 'DiscoveryRejected':
    case 'DiscoveryTagged':
    case 'HistorySummarised':
    case 'SessionSummaryGenerated':
      return evolveAgent(state, event);
    default: {
      const _never: never = event;
      throw new Error(`Unknown session event ${JSON.stringify(_never)}`);
    }
  }
}

function status(state: SessionState, value: SessionState['governance']['status']): SessionState {
  return { ...state, governance: { ...state.governance, status: value } };
}

function workspace(state: SessionState, changes: Partial<Workspace>): SessionState {
  return { ...state, workspace: { ...state.workspace, ...changes } };
}
