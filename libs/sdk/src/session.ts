// One research session, as the seed guide uses it. Its properties are what this object last saw
// (from the server's session document or its own accepted changes); `counts` and `updatedAt` move
// only on refresh(). Every method is one REST call (a query with registered tools makes a few);
// the session itself lives on the server. The agent's part (queries, tools, discoveries,
// analytics) is inherited from SessionAgent (session-agent.ts).
import { writeFile } from 'node:fs/promises';
import { contextConfigChange, metadataChange, renameChange, resolvePending, type Change, type PendingChange, type ResolveResult, type ResolveStrategy } from './changes.js';
import { clientError, ConflictError, SessionError, type Conflict } from './errors.js';
import type { HttpClient } from './http-client.js';
import { SessionAgent } from './session-agent.js';
import type {
  Checkpoint, CommandResult, ContextConfig, ContextKind, ConversationTurn, EventsPage, ExportOptions, HistoryPage, JsonObject,
  JsonValue, SessionContext, SessionCounts, SessionDiff, SessionExport, SessionStateAt, SessionStatus, SessionType, SessionView, VerifyResult,
} from './types.js';

const CONTEXT_KINDS: readonly string[] = ['conversation', 'materials', 'tool_outputs', 'custom'];
const STRATEGIES: readonly string[] = ['ours', 'theirs', 'merge'];

/** A revision (number) or an instant (Date or ISO 8601 string). */
export type RevisionOrInstant = number | string | Date;
const atParam = (at: RevisionOrInstant): string => (at instanceof Date ? at.toISOString() : String(at));

export class Session extends SessionAgent {
  private view: SessionView;
  private optimistic: boolean;
  private pending: PendingChange | null = null;
  private backup: SessionExport | undefined;
  private turns: ConversationTurn[] | undefined;

  /** Made by SessionManager (createSession, loadSession...), not by hand. */
  constructor(protected readonly http: HttpClient, view: SessionView, options: { optimisticConcurrency?: boolean; queryTimeoutMs?: number } = {}) {
    super(options.queryTimeoutMs);
    this.view = view;
    this.optimistic = options.optimisticConcurrency ?? false;
  }

  get id(): string { return this.view.id; }
  get name(): string { return this.view.name; }
  get type(): SessionType { return this.view.type; }
  get status(): SessionStatus { return this.view.status; }
  get ownerId(): string { return this.view.ownerId; }
  get metadata(): JsonObject { return this.view.metadata; }
  get createdAt(): string { return this.view.createdAt; }
  get updatedAt(): string { return this.view.updatedAt; }
  get counts(): SessionCounts { return this.view.counts; }
  /** The revision this object last saw: what it sends as `If-Match` under optimistic concurrency. */
  get revision(): number { return this.view.revision; }
  /** The last backup made by save() or export({ includeEvents: true }), for createFromBackup(). */
  get lastBackup(): SessionExport | undefined { return this.backup; }
  /** Every conversation turn, when loaded with loadSession(id) (not lazily); else undefined. */
  get history(): ConversationTurn[] | undefined { return this.turns; }
  /** The conflicts of the last refused change, until resolveConflicts() settles it. */
  get conflicts(): Conflict[] { return this.pending?.conflicts ?? []; }

  /** From now on, base every change on the revision last seen, so concurrent edits raise ConflictError. */
  withConcurrency(enabled = true): this {
    this.optimistic = enabled;
    return this;
  }

  async refresh(options: { latest?: boolean } = {}): Promise<this> {
    this.view = await this.http.get<SessionView>(this.path(), options);
    return this;
  }

  start() { return this.run(this.lifecycle('start', 'active')); }
  pause(reason?: string) { return this.run(this.lifecycle('pause', 'paused', reason)); }
  resume() { return this.run(this.lifecycle('resume', 'active')); }
  archive(reason?: string) { return this.run(this.lifecycle('archive', 'archived', reason)); }
  rename(name: string) { return this.run(renameChange(this.path(), name)); }
  updateMetadata(set: JsonObject, remove?: string[]) { return this.run(metadataChange(this.path(), set, remove)); }

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
    if (options.includeEvents) this.backup = doc;
    if (options.outputPath !== undefined) await writeFile(options.outputPath, `${JSON.stringify(doc, null, 2)}\n`, 'utf8');
    return doc;
  }

  /**
   * The seed's manual save. Every change is stored as an event the moment the server accepts it,
   * so there is nothing unsaved to write: save() makes a backup instead (an export with every
   * event, kept in `lastBackup`). The one local change that can be unsaved is one the server
   * refused as conflicting: until resolveConflicts() settles it, save() throws its ConflictError.
   */
  async save(): Promise<SessionExport> {
    if (this.pending) {
      const fields = this.pending.conflicts.map((c) => c.field).join(', ');
      throw new ConflictError({ code: 'conflict', status: 409, message: `a change to ${fields} was refused as conflicting: resolveConflicts() first`, conflicts: this.pending.conflicts });
    }
    return this.export({ includeEvents: true });
  }

  /** Settles the last refused change; see changes.ts for what each strategy does. */
  async resolveConflicts({ strategy }: { strategy: ResolveStrategy }): Promise<ResolveResult> {
    if (!STRATEGIES.includes(strategy)) throw clientError('invalid_argument', `strategy must be 'ours', 'theirs' or 'merge'`, 'strategy');
    const pending = this.pending;
    if (!pending) throw clientError('no_conflict', 'no change was refused as conflicting: there is nothing to resolve');
    this.pending = null;
    // The server's head, not just this client's writes: the other writer's change must be seen.
    await this.refresh({ latest: true });
    return resolvePending(pending, strategy, (change) => this.run(change));
  }

  protected path(suffix = ''): string {
    return `/sessions/${encodeURIComponent(this.view.id)}${suffix}`;
  }

  /** A command sent outside run() (a query): the revision and a first question's start still count. */
  protected async track<T extends CommandResult>(send: () => Promise<T>): Promise<T> {
    const basedOn = this.view.revision;
    let result: T;
    try {
      result = await send();
    } catch (error) {
      // The question and the failure were recorded (and a first question started the session).
      if (error instanceof SessionError && error.code === 'query_failed') await this.refresh().catch(() => this);
      throw error;
    }
    this.view = { ...this.view, revision: result.revision, status: result.events.includes('SessionStarted') ? 'active' : this.view.status };
    if (this.optimistic && result.revision > basedOn + result.events.length) await this.refresh();
    return result;
  }

  private lifecycle(action: string, status: SessionStatus, reason?: string): Change {
    return { method: 'POST', path: this.path(`/${action}`), body: reason === undefined ? {} : { reason }, apply: (view) => ({ ...view, status }) };
  }

  protected async run<T extends CommandResult = CommandResult>(change: Change): Promise<T> {
    const basedOn = this.view.revision;
    let answer;
    try {
      answer = await this.http.command<T>(change.method, change.path, { body: change.body, query: change.query, ifMatch: this.optimistic ? basedOn : undefined });
    } catch (error) {
      if (error instanceof ConflictError) this.pending = { change, conflicts: error.conflicts };
      throw error;
    }
    const revision = answer.body.revision ?? answer.etag ?? basedOn;
    this.view = { ...(change.apply ? change.apply(this.view) : this.view), revision };
    // Others wrote in between and the server rebased this change on their work. Reload, so the
    // revision sent as If-Match next is one whose name, status and metadata this object has seen.
    if (this.optimistic && revision > basedOn + answer.body.events.length) await this.refresh();
    return answer.body;
  }
}
