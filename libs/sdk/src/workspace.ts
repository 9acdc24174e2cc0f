// A workspace: what a Session's main line and each of its Branches both do, in the seed guide's
// names (camelCase). Context, focus, hypotheses and tasks; checkpoints; history, time travel and
// audit; export; hygiene; and branching. The same class serves `/sessions/:id/...` and
// `/sessions/:id/branches/:branchId/...`: the path prefix is a constructor parameter
// (workspace-core.ts). The agent's part (queries, tools, discoveries, analytics) is inherited from
// SessionAgent. The session's lifecycle and governance (pause, rename...) are on Session only.
import { writeFile } from 'node:fs/promises';
import { contextConfigChange, mergeChange } from './changes.js';
import { clientError } from './errors.js';
import type { Branch } from './branch.js';
import { SessionAgent } from './session-agent.js';
import type {
  Checkpoint, CommandResult, ContextConfig, ContextKind, ConversationTurn, EventsPage, ExportOptions, HistoryPage, JsonValue, SessionContext, SessionDiff,
  SessionExport, SessionStateAt, VerifyResult,
} from './types.js';
import { workspacePath } from './workspace-core.js';
import { historyPages, liveEvents, recordedEvents, turnsNewestFirst, type LiveEvent, type LiveOptions, type PageOptions } from './iterators.js';
import type { RecordedEvent } from './types.js';
import type { BranchCreated, BranchDetail, BranchInfo, CompressHistoryResult, CreateBranchOptions, MergeStrategy } from './workspace-types.js';

const CONTEXT_KINDS: readonly string[] = ['conversation', 'materials', 'tool_outputs', 'custom'];

/** A revision (number) or an instant (Date or ISO 8601 string). */
export type RevisionOrInstant = number | string | Date;
const atParam = (at: RevisionOrInstant): string => (at instanceof Date ? at.toISOString() : String(at));

export abstract class Workspace extends SessionAgent {
  private turns: ConversationTurn[] | undefined;

  /** Every conversation turn once loadHistory() ran (a Session loaded with loadSession(id), not lazily); else undefined. */
  get history(): ConversationTurn[] | undefined {
    return this.turns;
  }

  /** A Branch object for a branch forked from this workspace; Session and Branch both make them. */
  protected abstract openBranch(info: BranchInfo): Branch;

  saveCheckpoint(name: string) { return this.run({ method: 'POST', path: this.path('/checkpoints'), body: { name } }); }
  restoreCheckpoint(name: string) { return this.run({ method: 'POST', path: this.path(`/checkpoints/${encodeURIComponent(name)}/restore`) }); }
  recoverFromCheckpoint() { return this.run({ method: 'POST', path: this.path('/recover') }); }
  async listCheckpoints(): Promise<Checkpoint[]> {
    return (await this.http.get<{ items: Checkpoint[] }>(this.path('/checkpoints'))).items;
  }

  addContext(key: string, value: JsonValue, kind?: ContextKind) {
    return this.run({ method: 'POST', path: this.path('/context'), body: { key, value, ...(kind ? { kind } : {}) } });
  }

  /** A context kind (conversation, materials, tool_outputs, custom) clears that kind; anything else is an item key. */
  clearContext(kindOrKey: string | { kind: ContextKind } | { key: string }) {
    const target = typeof kindOrKey !== 'string' ? kindOrKey : CONTEXT_KINDS.includes(kindOrKey) ? { kind: kindOrKey } : { key: kindOrKey };
    return this.run({ method: 'DELETE', path: this.path('/context'), query: target });
  }

  configureContext(settings: Partial<ContextConfig>) { return this.run(contextConfigChange(this.path('/context/config'), settings)); }
  getContext(): Promise<SessionContext> { return this.http.get<SessionContext>(this.path('/context')); }
  setFocus(focus: string | null) { return this.run({ method: 'PUT', path: this.path('/focus'), body: { focus } }); }
  addHypothesis(statement: string) {
    return this.run<CommandResult & { hypothesisId: string }>({ method: 'POST', path: this.path('/hypotheses'), body: { statement } });
  }
  addTask(title: string) { return this.run<CommandResult & { taskId: string }>({ method: 'POST', path: this.path('/tasks'), body: { title } }); }
  completeTask(taskId: string) { return this.run({ method: 'POST', path: this.path(`/tasks/${encodeURIComponent(taskId)}/complete`) }); }

  /** The last `lastN` turns (50 by default, at most 500) before turn index `before`. */
  getHistory(options: { lastN?: number; before?: number } = {}): Promise<HistoryPage> {
    return this.http.get<HistoryPage>(this.path('/history'), { query: { last: options.lastN, before: options.before } });
  }

  /** Every turn, page by page; kept in `history`. */
  async loadHistory(): Promise<ConversationTurn[]> {
    const turns: ConversationTurn[] = [];
    let before: number | undefined;
    do {
      const page = await this.getHistory({ lastN: 500, before });
      turns.unshift(...page.items);
      before = page.nextBefore ?? undefined;
    } while (before !== undefined);
    this.turns = turns;
    return turns;
  }

  stateAt(at: RevisionOrInstant): Promise<SessionStateAt> {
    return this.http.get<SessionStateAt>(this.path('/state'), { query: { at: atParam(at) } });
  }

  diff(from: RevisionOrInstant, to?: RevisionOrInstant): Promise<SessionDiff> {
    return this.http.get<SessionDiff>(this.path('/diff'), { query: { from: atParam(from), to: to === undefined ? undefined : atParam(to) } });
  }

  events(options: { from?: number; limit?: number } = {}): Promise<EventsPage> {
    return this.http.get<EventsPage>(this.path('/events'), { query: options });
  }

  verify(): Promise<VerifyResult> { return this.http.get<VerifyResult>(this.path('/verify')); }

  async export(options: ExportOptions = {}): Promise<SessionExport> {
    if (options.format !== undefined && options.format !== 'json') throw clientError('validation_failed', `format "${String(options.format)}" is not supported: only "json"`, 'format');
    const query = { includeDiscoveries: options.includeDiscoveries, includeMaterials: options.includeMaterials ?? options.includeMolecules, includeEvents: options.includeEvents };
    const doc = await this.http.get<SessionExport>(this.path('/export'), { query });
    if (options.outputPath !== undefined) await writeFile(options.outputPath, `${JSON.stringify(doc, null, 2)}\n`, 'utf8');
    return doc;
  }

  // Session hygiene (the seed's Best Practices). Each is an event: the log keeps everything, the
  // working context (getContext()) shrinks.

  /** The seed's `cleanup_old_context(days=7)`: removes the context items added more than `days` days ago. */
  cleanupOldContext({ days }: { days: number }) {
    return this.run({ method: 'POST', path: this.path('/hygiene/cleanup-context'), body: { days } });
  }

  /** The seed's `compress_history()`: the settled turns but the newest `keepLast` (5 by default) become one summary. */
  compressHistory(options: { keepLast?: number } = {}) {
    return this.run<CompressHistoryResult>({ method: 'POST', path: this.path('/hygiene/compress-history'), body: options.keepLast === undefined ? {} : { keepLast: options.keepLast } });
  }

  /** The seed's `archive_completed_tasks()`: completed tasks leave the working task list. */
  archiveCompletedTasks() {
    return this.run({ method: 'POST', path: this.path('/hygiene/archive-completed-tasks') });
  }

  /**
   * The seed's `create_branch(name)`: a branch forked from this workspace at its head (or
   * `from` a revision or checkpoint of it). The branch starts with this workspace's state and
   * takes every workspace call; nothing done in it reaches the parent until it is merged.
   */
  async createBranch(name: string, options: CreateBranchOptions = {}): Promise<Branch> {
    const from = options.from === undefined || options.from === 'head' ? {} : { from: options.from };
    // The answer is the new branch's first command; this workspace moved too (BranchCreated): reload it.
    const created = await this.run<BranchCreated>({ method: 'POST', path: this.path('/branches'), body: { name, ...from }, ownAnswer: () => false, reload: true });
    return this.openBranch({
      branchId: created.branchId,
      sessionId: this.sessionId,
      name,
      parentBranchId: this.branchId,
      forkRevision: created.forkRevision,
      revision: created.revision,
      status: 'open',
    });
  }

  /**
   * The seed's `merge_branch(branch.id)`: merges a branch forked from this workspace into it (a
   * three-way merge on the server). Fields both sides changed are settled by `strategy`; with
   * 'merge' (the default) they make it fail with a ConflictError listing them (`local` is this
   * workspace's value, `remote` the branch's), and resolveConflicts() merges again (changes.ts).
   * Merging again later brings only what the branch did since.
   */
  async mergeBranch(branchId: string, { strategy = 'merge' }: { strategy?: MergeStrategy } = {}): Promise<CommandResult> {
    const branch = await this.http.get<BranchDetail>(workspacePath(this.sessionId, branchId));
    if ((branch.parentBranchId ?? null) !== this.branchId) {
      const parent = branch.parentBranchId === null ? 'the session' : `branch ${branch.parentBranchId}`;
      throw clientError('invalid_argument', `branch ${branchId} was forked from ${parent}, not from this workspace: merge it there`, 'branchId');
    }
    return this.run(mergeChange(workspacePath(this.sessionId, branchId) + '/merge', strategy, (answer) => (answer.branchId ?? null) === this.branchId));
  }
  // Async iterators (iterators.ts): pages are fetched as the loop goes; break to stop early.

  /** The history a page at a time, newest page first: `for await (const page of session.historyPages({ pageSize: 50 }))`. */
  historyPages(options: PageOptions & { before?: number } = {}): AsyncGenerator<HistoryPage> {
    return historyPages(this.http, this.path(), options);
  }

  /** Every conversation turn, newest first. */
  iterateHistory(options: PageOptions = {}): AsyncGenerator<ConversationTurn> {
    return turnsNewestFirst(this.http, this.path(), options);
  }

  /** Every recorded event from revision `from` (0 by default), oldest first. */
  iterateEvents(options: PageOptions & { from?: number } = {}): AsyncGenerator<RecordedEvent> {
    return recordedEvents(this.http, this.path(), options);
  }

  /** The session's events as they are recorded (server-sent events), until `signal` aborts or the loop breaks. */
  liveEvents(options: LiveOptions = {}): AsyncGenerator<LiveEvent> {
    return liveEvents(this.http, this.path(), options);
  }
}
