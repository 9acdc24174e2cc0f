// The events of branches and merges. A fork is recorded twice: BranchCreated in the parent (the
// session, or a branch) and BranchForked as the first event of the branch's own stream. A merge is
// one event in the parent that carries what came from the branch, because a fold of one stream
// cannot read another: only the delta, never the branch's whole workspace. Stored names: rename
// nothing, add new types instead.
import type { DomainEvent } from '@crystalyse/event-store';
import type { JsonValue } from '../../json.js';
import type { WorkspaceCounts } from '../core/counts.js';
import type {
  ArchivedTask,
  ContextConfig,
  ContextItem,
  ConversationTurn,
  Discovery,
  DiscoveryConfig,
  DiscoveryLink,
  GeneratedSummary,
  Hypothesis,
  Material,
  MergeStrategy,
  Task,
  ToolInvocationRecord,
} from '../core/state.js';

interface At {
  at: string;
}

/** The workspace parts a merge writes item by item, and so may remove items from. */
export const MERGED_LISTS = [
  'conversation', 'materials', 'toolInvocations', 'discoveries', 'discoveryLinks', 'sessionSummaries', 'contextItems', 'hypotheses', 'tasks',
] as const;
export type MergedList = (typeof MERGED_LISTS)[number];

/**
 * What a merge changes in the parent's workspace. Lists hold items to add or replace (matched by
 * id, a context item by key, a material by formula); a task with `archivedAt` goes to the archived
 * tasks. Only the parts that change are present.
 */
export interface WorkspaceChanges {
  conversation?: ConversationTurn[];
  /** Moved to the end: the materials are kept in the order last seen. */
  materials?: Material[];
  toolInvocations?: ToolInvocationRecord[];
  discoveries?: Discovery[];
  discoveryLinks?: DiscoveryLink[];
  sessionSummaries?: GeneratedSummary[];
  contextItems?: ContextItem[];
  hypotheses?: Hypothesis[];
  tasks?: Array<Task | ArchivedTask>;
  /** Tool name → its state; null forgets it. */
  toolStates?: Record<string, JsonValue>;
  contextConfig?: Partial<ContextConfig>;
  discoveryConfig?: Partial<DiscoveryConfig>;
  focus?: string | null;
  /** Items the branch removed since the base and the parent left as they were (a cleared context item, the records a restore took back), by part. */
  removed?: Partial<Record<MergedList, string[]>>;
}

/** A field both sides changed differently, and which side the strategy took. */
export interface MergeResolution {
  field: string;
  chosen: 'ours' | 'theirs';
  /** The parent's value. */
  local: unknown;
  /** The branch's value. */
  remote: unknown;
  base: unknown;
}

export type BranchCreated = DomainEvent<'BranchCreated', At & {
  branchId: string;
  name: string;
  forkRevision: number;
  fromCheckpoint?: string;
  createdBy: string;
}>;
/** The first event of a branch stream: where it forked from. */
export type BranchForked = DomainEvent<'BranchForked', At & {
  branchId: string;
  sessionId: string;
  name: string;
  parentStream: string;
  parentBranchId: string | null;
  forkRevision: number;
}>;
/** `branchRevision` is the branch's last event merged: the base of the next merge. */
export type BranchMerged = DomainEvent<'BranchMerged', At & {
  branchId: string;
  branchRevision: number;
  strategy: MergeStrategy;
  changes: WorkspaceChanges;
  resolutions: MergeResolution[];
  /** The parent's workspace counts after the merge; absent from merges recorded before they were carried. */
  counts?: WorkspaceCounts;
  /** Why, when the caller said (absent from merges recorded before reasons were taken). */
  reason?: string;
}>;
/** Appended to the branch (which then refuses every command) and to its parent (which marks its ref). */
export type BranchDiscarded = DomainEvent<'BranchDiscarded', At & { branchId: string; reason?: string }>;

export type BranchEvent = BranchCreated | BranchForked | BranchMerged | BranchDiscarded;
