// The shapes of branches, templates and hygiene as the REST API answers them, declared here like
// the rest of types.ts: the SDK is a client and must build without any server code.
import type { MergeBranchBody } from './wire.js';
import type { CommandResult, ContextConfig, ContextKind, JsonObject, JsonValue, PartDiff, SessionType } from './types.js';
import type { DiscoveryConfig } from './agent-types.js';

// ---------------------------------------------------------------------------------------------
// Branches
// ---------------------------------------------------------------------------------------------

/** Where a branch starts: the parent's head (the default), one of its revisions, or one of its checkpoints. */
export type ForkPoint = 'head' | { revision: number } | { checkpoint: string };

export interface CreateBranchOptions {
  from?: ForkPoint;
}

/**
 * How a merge settles a field both sides changed since the fork (or the last merge): 'merge'
 * refuses the merge with a ConflictError listing them; 'ours' keeps the parent's value, 'theirs'
 * takes the branch's. Whatever the strategy, everything that did not conflict is merged.
 */
export type MergeStrategy = MergeBranchBody['strategy'];

/** A branch as the graph shows it: `merged` once merged at least once (it stays usable). */
export type BranchStatus = 'open' | 'merged' | 'discarded';

/** What a Branch object knows of itself; `revision` and `status` move with its own commands and refresh(). */
export interface BranchInfo {
  branchId: string;
  sessionId: string;
  name: string;
  /** Null when the branch was forked from the session's main line. */
  parentBranchId: string | null;
  /** The parent's revision the branch starts from. */
  forkRevision: number;
  /** The branch's own revision (its stream's; 0 is the fork). */
  revision: number;
  /** The branch's own view: a merged branch is still open. */
  status: 'open' | 'discarded';
}

/** GET /sessions/:id/branches/:branchId: where it forked, and what each side changed since. */
export interface BranchDetail extends BranchInfo {
  parentStream: string;
  /** When it was forked. */
  at: string;
  divergence: {
    /** What the parent changed since the fork, part by part. */
    parent: Record<string, PartDiff>;
    /** What the branch changed since the fork, part by part. */
    branch: Record<string, PartDiff>;
  };
}

/** One branch of GET /sessions/:id/branches: the session's branch graph, branches of branches included. */
export interface BranchSummary {
  branchId: string;
  sessionId: string | null;
  name: string;
  parentBranchId: string | null;
  forkRevision: number;
  fromCheckpoint: string | null;
  status: BranchStatus;
  createdAt: string;
  createdBy: string | null;
  merges: Array<{ branchRevision: number; strategy: MergeStrategy; at: string }>;
}

/** POST /sessions/:id/branches: the fork, as the branch's first command. */
export interface BranchCreated extends CommandResult {
  branchId: string;
  forkRevision: number;
}

// ---------------------------------------------------------------------------------------------
// Hygiene
// ---------------------------------------------------------------------------------------------

/** compressHistory(): `compressed` turns became one summary (0 and no event when nothing was due). */
export interface CompressHistoryResult extends CommandResult {
  compressed: number;
}

// ---------------------------------------------------------------------------------------------
// Templates
// ---------------------------------------------------------------------------------------------

/** What a template keeps of a session; any text in it may hold `{{parameter}}` placeholders. */
export interface TemplateContent {
  name: string;
  sessionType: SessionType;
  metadata: JsonObject;
  config: JsonObject;
  contextConfig: ContextConfig;
  discoveryConfig: DiscoveryConfig;
  contextItems: Array<{ key: string; value: JsonValue; kind: ContextKind }>;
  focus: string | null;
  hypotheses: string[];
  /** Task titles: a new session starts every one of them pending. */
  tasks: string[];
}

/** One version of a template (GET /templates/:name answers the latest). */
export interface Template {
  name: string;
  version: number;
  savedAt: string;
  savedBy: string;
  /** The session it was saved from; null for a built-in template. */
  fromSessionId: string | null;
  /** The parameters createFromTemplate() must be given. */
  parameters: string[];
  content: TemplateContent;
}

/** One item of GET /templates: the built-in templates, then the caller's own. */
export interface TemplateSummary {
  name: string;
  builtIn: boolean;
  latestVersion: number;
  parameters: string[];
  /** The caller's own templates only. */
  versions?: Array<{ version: number; savedAt: string; fromSessionId: string | null; parameters: string[] }>;
}

/** The seed's `SessionManager.save_template(name=..., from_session=...)`, plus parameters. */
export interface SaveTemplateOptions {
  /** Lower-case letters, digits and '_', starting with a letter. Saving the same name again makes a new version. */
  name: string;
  /** The id of the session to save. */
  fromSession: string;
  /** Parameter name → the text in the session it stands for: that text becomes `{{name}}` everywhere. */
  parameters?: Record<string, string>;
}

export interface SavedTemplate {
  name: string;
  version: number;
  parameters: string[];
  revision: number;
  position: string;
  replayed: boolean;
}

/** The seed's `SessionManager.create_from_template(template=..., parameters=...)`. */
export interface CreateFromTemplateOptions {
  template: string;
  /** A value for every parameter of the template. */
  parameters?: Record<string, string>;
  /** The latest when absent. */
  version?: number;
}
