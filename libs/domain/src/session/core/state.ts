// The state of a session, folded from its events. Two parts on purpose: governance (who may do
// what, status, checkpoints, branches) and workspace (the research itself). Restoring a
// checkpoint, forking and merging touch the workspace only, so a restore can never give a removed
// member access back. Records are kept by key in Items (items.ts), so one event costs the same
// however many records the session holds; serialised, the state is the plain JSON it always was.
// The records of every slice live here with the state's shape (and in records.ts), so a slice
// reads another's records without importing that slice.
import type { JsonObject, JsonValue } from '../../json.js';
import { Items } from './items.js';
import {
  DEFAULT_DISCOVERY_CONFIG,
  type ConversationTurn,
  type Discovery,
  type DiscoveryConfig,
  type DiscoveryLink,
  type GeneratedSummary,
  type HistorySummary,
  type Material,
  type ToolInvocationRecord,
} from './records.js';

export * from './records.js';

export const SESSION_TYPES = ['interactive', 'batch', 'research', 'collaborative'] as const;
export type SessionType = (typeof SESSION_TYPES)[number];

export const SESSION_STATUSES = ['created', 'active', 'paused', 'archived'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const PERMISSIONS = ['read', 'comment', 'write', 'add_materials', 'manage', 'share'] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** What a share link grants: read, or read and comment. */
export const LINK_PERMISSIONS = ['read', 'comment'] as const;
export type LinkPermission = (typeof LINK_PERMISSIONS)[number];

/** A share link as the session knows it: only the SHA-256 of its token is kept, never the token. */
export interface ShareLink {
  linkId: string;
  tokenHash: string;
  permissions: LinkPermission;
  expiresAt: string;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
  revokeReason?: string;
}

export const CONTEXT_KINDS = ['conversation', 'materials', 'tool_outputs', 'custom'] as const;
export type ContextKind = (typeof CONTEXT_KINDS)[number];

export interface Checkpoint {
  name: string;
  /** Stream revision of the last event before the checkpoint: the position it marks. */
  revision: number;
  savedAt: string;
  savedBy: string;
}

export const MERGE_STRATEGIES = ['merge', 'ours', 'theirs'] as const;
export type MergeStrategy = (typeof MERGE_STRATEGIES)[number];

/** A branch as its parent (the session, or a branch) knows it. A merged branch stays open for more work. */
export interface BranchRef {
  branchId: string;
  name: string;
  /** Revision of the parent's last event the branch starts from. */
  forkRevision: number;
  fromCheckpoint?: string;
  createdAt: string;
  createdBy: string;
  status: 'open' | 'merged' | 'discarded';
  /** Branch revision of the latest merge: the base of the next one. */
  lastMergedRevision: number | null;
  lastMergedAt: string | null;
  /**
   * Came with an import: the branch's stream stayed with the original session, so this ref is
   * history only. It takes no merge or discard, and its name is free for a new branch.
   */
  imported?: true;
}

/** What a branch knows of itself (null on a session's main line). */
export interface BranchInfo {
  branchId: string;
  name: string;
  parentStream: string;
  /** Null when the parent is the session's main line. */
  parentBranchId: string | null;
  forkRevision: number;
  createdAt: string;
  status: 'open' | 'discarded';
}

/** Where a session created from a template came from. */
export interface TemplateOrigin {
  template: string;
  version: number;
  parameters: Record<string, string>;
}

export interface Governance {
  ownerId: string;
  /** userId → permissions; the owner is implicit and holds every permission. */
  members: Record<string, Permission[]>;
  status: SessionStatus;
  name: string;
  type: SessionType;
  metadata: JsonObject;
  config: JsonObject;
  createdAt: string;
  updatedAt: string;
  /** By name, in the order saved. */
  checkpoints: Items<Checkpoint>;
  /** By branchId, in the order created. */
  branches: Items<BranchRef>;
  seededFrom: TemplateOrigin | null;
  /**
   * By linkId. Absent in states (snapshots, timelines) made before share links existed: read it
   * with shareLinksOf().
   */
  shareLinks: Record<string, ShareLink>;
  /**
   * Set by the batch, schedules and autosave slices. Optional: states folded (and snapshots taken)
   * before these existed have no such key, and absent means "none".
   */
  batch?: BatchSettings | null;
  autosave?: AutosaveSettings | null;
  researchEnd?: ResearchEnd | null;
}

/** What a batch session was asked to do; per-item progress is in its events (see session/batches). */
export interface BatchSettings {
  total: number;
  sharedContext: boolean;
  concurrency: number;
  retries: number;
  paused: boolean;
  plannedAt: string;
  completedAt: string | null;
}

export const CHECKPOINT_FREQUENCIES = ['hourly', 'daily', 'weekly'] as const;
export type CheckpointFrequency = (typeof CHECKPOINT_FREQUENCIES)[number];

export interface AutosaveSettings {
  enabled: boolean;
  frequencyMinutes: number;
  onDiscovery: boolean;
  onPause: boolean;
  configuredAt: string;
}

/** A research session that reached the end of its duration, and the summary it produced then. */
export interface ResearchEnd {
  endedAt: string;
  endsAt: string;
  summaryId: string;
}

export interface ContextItem {
  key: string;
  value: JsonValue;
  kind: ContextKind;
  addedAt: string;
}

export interface ContextConfig {
  maxHistory: number;
  materialMemory: number;
  autoSummarise: boolean;
  relevanceThreshold: number;
}

export interface Hypothesis {
  id: string;
  statement: string;
  addedAt: string;
}

export interface Task {
  id: string;
  title: string;
  status: 'pending' | 'completed';
  addedAt: string;
  completedAt: string | null;
}

/** A completed task moved out of the working list (the seed's archiveCompletedTasks). */
export interface ArchivedTask extends Task {
  archivedAt: string;
}

export interface Workspace {
  /** By queryId, in the order asked. */
  conversation: Items<ConversationTurn>;
  summaries: Items<HistorySummary>;
  /** By formula, in the order last seen. */
  materials: Items<Material>;
  /** Tool name → the state that tool keeps in this session (a few tools: one value). */
  toolStates: Record<string, JsonValue>;
  /** Compact records of every tool call (the full input and output stay in ToolInvoked). */
  toolInvocations: Items<ToolInvocationRecord>;
  discoveries: Items<Discovery>;
  discoveryLinks: Items<DiscoveryLink>;
  discoveryConfig: DiscoveryConfig;
  /** Summaries of the whole session (key findings, next steps), oldest first. */
  sessionSummaries: Items<GeneratedSummary>;
  /** By key, in the order first added (a key added again keeps its place). */
  contextItems: Items<ContextItem>;
  contextConfig: ContextConfig;
  focus: string | null;
  hypotheses: Items<Hypothesis>;
  tasks: Items<Task>;
  archivedTasks: Items<ArchivedTask>;
}

export const WORKSPACE_PARTS = [
  'conversation', 'summaries', 'materials', 'toolStates', 'toolInvocations', 'discoveries', 'discoveryLinks',
  'discoveryConfig', 'sessionSummaries', 'contextItems', 'contextConfig', 'focus', 'hypotheses', 'tasks', 'archivedTasks',
] as const satisfies ReadonlyArray<keyof Workspace>;
export type WorkspacePart = (typeof WORKSPACE_PARTS)[number];

export interface SessionState {
  id: string;
  exists: boolean;
  /**
   * Events folded so far. Not the store's revision in general (the loader owns that), but equal
   * to head revision + 1 on the session's own stream, which lets decide stamp the revision a
   * checkpoint marks without an input that would go stale on a retry or a rebase.
   */
  eventCount: number;
  governance: Governance;
  workspace: Workspace;
  /**
   * Set on a branch stream, which is folded from `branchBaseState`: the session's governance now
   * and the parent's workspace at the fork, so a member removed from the session is removed from
   * every branch at once.
   */
  branch: BranchInfo | null;
  /**
   * Where this stream's records are placed in the order (see changes.ts): 0 on a session; on a
   * branch, after every record its parent could hold at the fork.
   */
  ordBase: number;
}

export const DEFAULT_CONTEXT_CONFIG: ContextConfig = { maxHistory: 50, materialMemory: 10, autoSummarise: false, relevanceThreshold: 0.7 };

export const emptyWorkspace = (): Workspace => ({
  conversation: Items.empty(),
  summaries: Items.empty(),
  materials: Items.empty(),
  toolStates: {},
  toolInvocations: Items.empty(),
  discoveries: Items.empty(),
  discoveryLinks: Items.empty(),
  discoveryConfig: { ...DEFAULT_DISCOVERY_CONFIG, categories: [...DEFAULT_DISCOVERY_CONFIG.categories] },
  sessionSummaries: Items.empty(),
  contextItems: Items.empty(),
  contextConfig: { ...DEFAULT_CONTEXT_CONFIG },
  focus: null,
  hypotheses: Items.empty(),
  tasks: Items.empty(),
  archivedTasks: Items.empty(),
});

export const initialSessionState = (): SessionState => ({
  id: '',
  exists: false,
  eventCount: 0,
  governance: {
    ownerId: '',
    members: {},
    status: 'created',
    name: '',
    type: 'interactive',
    metadata: {},
    config: {},
    createdAt: '',
    updatedAt: '',
    checkpoints: Items.empty(),
    branches: Items.empty(),
    seededFrom: null,
    shareLinks: {},
  },
  workspace: emptyWorkspace(),
  branch: null,
  ordBase: 0,
});
