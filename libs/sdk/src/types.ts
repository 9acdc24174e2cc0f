// The shapes the REST API answers with, as the SDK hands them out. Declared here rather than
// imported from the server: the SDK is a client and must build without any server code.
import type { AddContextBody, CreateSessionBody } from './wire.js';
import type { ContextDiscovery, ContextTurn } from './agent-types.js';
import type { CacheOptions } from './response-cache.js';

// Enumerations come from the generated wire types (wire.ts), so they follow the service.
export type SessionType = CreateSessionBody['type'];
export type SessionStatus = 'created' | 'active' | 'paused' | 'archived';
export type ContextKind = AddContextBody['kind'];
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface SessionManagerOptions {
  /** Where the API listens, e.g. `http://127.0.0.1:3000`; the SDK adds `/v1`. */
  baseUrl: string;
  apiKey: string;
  /** Per request, default 30 s. */
  timeoutMs?: number;
  /** Send the revision each Session last saw as `If-Match`, so concurrent edits raise ConflictError. */
  optimisticConcurrency?: boolean;
  /** How long a query may take (a streamed one: the longest silence), default 330 s: the server allows 300 s. */
  queryTimeoutMs?: number;
  /** Cache every session's reads from the start (as manager.configureCache); off by default. */
  cache?: CacheOptions;
  /** The cache's clock in milliseconds, for tests (performance.now() by default). */
  now?: () => number;
  /** For tests and instrumentation; the global fetch by default. */
  fetch?: typeof fetch;
}

/** What every command answers. `position` is global; `revision` is the session's (also its ETag). */
export interface CommandResult {
  id: string;
  revision: number;
  position: string;
  events: string[];
  replayed: boolean;
  /** Set when the command went to a branch: which one. */
  branchId?: string;
}

export interface SessionCounts {
  queries: number;
  materials: number;
  discoveries: number;
  contextItems: number;
  hypotheses: number;
  tasks: number;
  openTasks: number;
  checkpoints: number;
}

/** GET /sessions/:id, and each item of a list or search. */
export interface SessionView {
  id: string;
  name: string;
  type: SessionType;
  status: SessionStatus;
  ownerId: string;
  metadata: JsonObject;
  createdAt: string;
  updatedAt: string;
  revision: number;
  counts: SessionCounts;
  /** Search hits only. */
  score?: number;
}

export interface CreateSessionOptions {
  /** Must be the caller when given: the server makes the key's user the owner. */
  userId?: string;
  sessionType?: SessionType;
  name?: string;
  metadata?: JsonObject;
  config?: JsonObject;
}

export interface ListSessionsOptions {
  userId?: string;
  status?: SessionStatus;
  project?: string;
  type?: SessionType;
  /** At most this many in total (all matching when absent). */
  limit?: number;
}

export interface SearchSessionsOptions {
  query: string;
  userId?: string;
  limit?: number;
}

export interface LoadSessionOptions {
  /** Metadata, status and counts only; the history is fetched on demand with getHistory(). */
  lazyLoad?: boolean;
}

export interface Me {
  id: string;
  name: string;
  role: 'owner' | 'admin' | 'member';
  keyId: string;
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

export interface ConversationTurn {
  index: number;
  id: string;
  question: string;
  answer: string | null;
  status: 'pending' | 'answered' | 'failed';
  askedAt: string;
  answeredAt: string | null;
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

/** GET /sessions/:id/context: the seed's `session.get_context()`, what the analyst is given next. */
export interface SessionContext {
  revision: number;
  /** The last `materialMemory` formulas analysed, most recent first. */
  recentMaterials: string[];
  /** The tools keeping a state in this session (the server's and registered ones), by name. */
  activeTools: string[];
  toolStates: Record<string, JsonValue>;
  /** Every discovery not rejected, in the order made. */
  discoveries: ContextDiscovery[];
  /** The last `maxHistory` settled turns after the latest summary, oldest first: `.slice(-10)` is the seed's `[-10:]`. */
  conversation: ContextTurn[];
  /** The summary of the turns before `conversation` (autoSummarise), or null. */
  summary: string | null;
  items: ContextItem[];
  config: ContextConfig;
  focus: string | null;
  hypotheses: Array<Pick<Hypothesis, 'id' | 'statement'>>;
  openTasks: Array<Pick<Task, 'id' | 'title'>>;
  tasks: Task[];
  relevantFindings: Array<{ sessionId: string; description: string; score: number }>;
}

export interface Checkpoint {
  name: string;
  revision: number;
  savedAt: string;
  savedBy: string;
  restoredCount: number;
  lastRestoredAt: string | null;
}

export interface HistoryPage {
  revision: number;
  total: number;
  items: ConversationTurn[];
  /** Pass as `before` for the page of older turns; null when this page starts at the first turn. */
  nextBefore: number | null;
}

/** The session as it was at a revision or instant (GET /sessions/:id/state). */
export interface SessionStateAt {
  atRevision: number;
  id: string;
  exists: boolean;
  eventCount: number;
  governance: Record<string, unknown>;
  workspace: Record<string, unknown>;
}

export interface SessionDiff {
  id: string;
  from: number;
  to: number;
  diff: { governance: Record<string, PartDiff>; workspace: Record<string, PartDiff> };
}

export interface PartDiff {
  added: unknown[];
  removed: unknown[];
  changed: unknown[];
}

export interface RecordedEvent {
  eventId: string;
  streamId: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  revision: number;
  position: string;
  created: string;
}

export interface EventsPage {
  revision: number;
  items: RecordedEvent[];
  /** The `from` of the next page; null on the last one. */
  next: number | null;
}

export type VerifyResult =
  | { ok: true; streamId: string; eventsChecked: number; headHash: string }
  | { ok: false; streamId: string; eventsChecked: number; firstBadRevision: number; reason: string };

export interface ExportOptions {
  format?: 'json';
  includeDiscoveries?: boolean;
  includeMaterials?: boolean;
  /** The seed's name for includeMaterials. */
  includeMolecules?: boolean;
  /** Every event with its metadata: the export becomes a backup that createFromBackup() accepts. */
  includeEvents?: boolean;
  /** Also write the JSON to this file (Node only). */
  outputPath?: string;
}

/** An export document; with `events` it is a backup. */
export interface SessionExport {
  format: 'crystalyse.session-export';
  version: number;
  exportedAt: string;
  session: { id: string; ownerId: string; type: SessionType; name: string; status: SessionStatus; metadata: JsonObject; config: JsonObject; createdAt: string; updatedAt: string; revision: string };
  workspace: Record<string, unknown>;
  checkpoints: Array<Omit<Checkpoint, 'restoredCount' | 'lastRestoredAt'>>;
  events?: Array<Record<string, unknown>>;
}
