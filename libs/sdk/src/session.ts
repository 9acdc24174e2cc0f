// One research session, as the seed guide uses it. Its properties are what this object last saw
// (from the server's session document or its own accepted changes); `counts` and `updatedAt` move
// only on refresh(). Every method is one REST call (a query with registered tools makes a few);
// the session itself lives on the server. What a session does in its workspace (context, state,
// checkpoints, history, hygiene, branching, queries, tools, discoveries, analytics) is inherited
// from Workspace, which its Branches share; here are the session's own lifecycle and governance,
// save() and backups, and its branch graph.
import { AgentItems } from './agent-items.js';
import { metadataChange, renameChange, type Change } from './changes.js';
import { ConflictError } from './errors.js';
import type { HttpClient } from './http-client.js';
import type { CacheOptions } from './response-cache.js';
import { Branch } from './branch.js';
import type {
  CommandResult, ExportOptions, JsonObject, SessionCounts, SessionExport, SessionStatus, SessionType, SessionView,
} from './types.js';
import { Workspace } from './workspace.js';
import { workspacePath, type WorkspaceOptions } from './workspace-core.js';
import type { BranchDetail, BranchInfo, BranchSummary } from './workspace-types.js';
import type { AuditBundle, ImportedSignature, Signature, SignOptions, SignResult } from './signature-types.js';
import type { AutosaveSettings, BatchProgress, SessionSchedule } from './batch-types.js';
import type {
  AccessLogEntry, Comment, CommentTarget, Contribution, CreatedShareLink, LinkPermission, Member, Permission, ShareLinkInfo,
} from './collaboration-types.js';

export type { RevisionOrInstant } from './workspace.js';

export class Session extends Workspace {
  private view: SessionView;
  private backup: SessionExport | undefined;

  /** Made by SessionManager (createSession, loadSession...), not by hand. */
  constructor(http: HttpClient, view: SessionView, options: WorkspaceOptions = {}) {
    super(http, workspacePath(view.id), view.revision, options);
    this.view = view;
  }

  get id(): string { return this.view.id; }
  get sessionId(): string { return this.view.id; }
  /** Null: a Session is the main line. */
  get branchId(): null { return null; }
  get name(): string { return this.view.name; }
  get type(): SessionType { return this.view.type; }
  get status(): SessionStatus { return this.view.status; }
  get ownerId(): string { return this.view.ownerId; }
  get metadata(): JsonObject { return this.view.metadata; }
  get createdAt(): string { return this.view.createdAt; }
  get updatedAt(): string { return this.view.updatedAt; }
  get counts(): SessionCounts { return this.view.counts; }
  /** The last backup made by save() or export({ includeEvents: true }), for createFromBackup(). */
  get lastBackup(): SessionExport | undefined { return this.backup; }

  async refresh(options: { latest?: boolean } = {}): Promise<this> {
    this.view = await this.http.get<SessionView>(this.path(), options);
    this.sawRevision(this.view.revision);
    return this;
  }

  /**
   * The seed's `session.configure_cache(enabled=True, cache_discoveries=True, cache_molecules=True,
   * ttl_minutes=30)` for this session's reads (branches included). Cached answers are revalidated
   * with `If-None-Match` on every read, so none is ever stale; see response-cache.ts.
   */
  configureCache(options: CacheOptions = {}): void {
    this.http.cache.configure(options, this.id);
  }

  start() { return this.run(this.lifecycle('start', 'active')); }
  pause(reason?: string) { return this.run(this.lifecycle('pause', 'paused', reason)); }
  resume() { return this.run(this.lifecycle('resume', 'active')); }
  archive(reason?: string) { return this.run(this.lifecycle('archive', 'archived', reason)); }
  rename(name: string) { return this.run(renameChange(this.path(), name)); }
  updateMetadata(set: JsonObject, remove?: string[]) { return this.run(metadataChange(this.path(), set, remove)); }

  /** As Workspace's export; one made with `includeEvents` is a backup, kept in `lastBackup`. */
  override async export(options: ExportOptions = {}): Promise<SessionExport> {
    const doc = await super.export(options);
    if (options.includeEvents) this.backup = doc;
    return doc;
  }

  /**
   * The seed's manual save. Every change is stored as an event the moment the server accepts it,
   * so there is nothing unsaved to write: save() makes a backup instead (an export with every
   * event, kept in `lastBackup`). The one local change that can be unsaved is one the server
   * refused as conflicting (a change, or a branch merge): until resolveConflicts() settles it,
   * save() throws its ConflictError.
   */
  async save(): Promise<SessionExport> {
    const pending = this.pendingChange;
    if (pending) {
      const fields = pending.conflicts.map((c) => c.field).join(', ');
      throw new ConflictError({ code: 'conflict', status: 409, message: `a change to ${fields} was refused as conflicting: resolveConflicts() first`, conflicts: pending.conflicts });
    }
    return this.export({ includeEvents: true });
  }

  /**
   * The seed's `configure_autosave(enabled, frequency_minutes, on_discovery, on_pause)`: the
   * service then marks restorable points itself (checkpoints every N minutes when the session
   * changed, after each discovery, on pause). Defaults: 5 minutes, on discovery, on pause.
   */
  configureAutosave(settings: AutosaveSettings) {
    return this.run({ method: 'PUT', path: this.path('/autosave'), body: settings });
  }

  /** The durable revision of the session now (every accepted change is already stored). */
  async savedRevision(): Promise<number> {
    const { body } = await this.http.command<{ revision: number; durable: boolean }>('POST', this.path('/save'));
    this.sawRevision(body.revision);
    return body.revision;
  }

  /** The research schedule (its end, and the summary it produced) and the autosave settings. */
  getSchedule(): Promise<SessionSchedule> {
    return this.http.get<SessionSchedule>(this.path('/schedule'));
  }

  /** A batch session's progress: total, done, failed, remaining, each item, rate per minute and ETA. */
  getBatchProgress(): Promise<BatchProgress> {
    return this.http.get<BatchProgress>(this.path('/batch'));
  }

  /** No new material starts until resumeBatch(); the ones in flight finish. */
  pauseBatch() {
    return this.run({ method: 'POST', path: this.path('/batch/pause') });
  }

  /** Goes on with the first unfinished material. */
  resumeBatch() {
    return this.run({ method: 'POST', path: this.path('/batch/resume') });
  }

  /**
   * Polls the progress until the batch completes (or pauses), every `intervalMs`, for at most
   * `timeoutMs`; resolves with the last progress.
   */
  async waitForBatch(options: { intervalMs?: number; timeoutMs?: number } = {}): Promise<BatchProgress> {
    const deadline = Date.now() + (options.timeoutMs ?? 600_000);
    for (;;) {
      const progress = await this.getBatchProgress();
      if (progress.completed || (progress.paused && !progress.running) || Date.now() > deadline) return progress;
      await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 500));
    }
  }

  /** The agent items of this session: an agent framework's conversation memory (libs/openai-agents). */
  agentItems(): AgentItems {
    return new AgentItems(this.http, this.id);
  }

  /** The session's branch graph: every branch, branches of branches too, with its status and merges; oldest first. */
  async listBranches(): Promise<BranchSummary[]> {
    return (await this.http.get<{ items: BranchSummary[] }>(this.path('/branches'))).items;
  }

  /** Any branch of this session (a branch of a branch too), to work in it; `branch.detail` says where it diverges. */
  async getBranch(branchId: string): Promise<Branch> {
    const detail = await this.http.get<BranchDetail>(workspacePath(this.id, branchId));
    return new Branch(this.http, detail, this.settings, detail);
  }

  /** Signs a checkpoint or a discovery with the caller's signing passphrase (see SessionManager.setSigningPassphrase). */
  sign(options: SignOptions): Promise<SignResult> {
    return this.run<SignResult>({ method: 'POST', path: this.path('/signatures'), body: { target: options.target, meaning: options.meaning, passphrase: options.passphrase } });
  }

  /** Every signature, each `valid` while its target is still what was signed. */
  async getSignatures(): Promise<Signature[]> {
    return (await this.http.get<{ items: Signature[] }>(this.path('/signatures'))).items;
  }

  /** The signatures an import carried over from the session they were made in (none for a session that was not imported). */
  async getImportedSignatures(): Promise<ImportedSignature[]> {
    return (await this.http.get<{ imported?: ImportedSignature[] }>(this.path('/signatures'))).imported ?? [];
  }

  /** Every event, the hash chains, the signatures and the verification result, in one document. */
  getAuditBundle(): Promise<AuditBundle> {
    return this.http.get<AuditBundle>(this.path('/audit'));
  }

  protected openBranch(info: BranchInfo): Branch {
    return new Branch(this.http, info, this.settings);
  }

  protected override accepted(change: Change | null, result: CommandResult): void {
    const view = change?.apply ? change.apply(this.view) : this.view;
    // A first question starts a created session.
    const status = result.events.includes('SessionStarted') ? 'active' : view.status;
    this.view = { ...view, status, revision: this.revision };
  }

  // Collaboration (docs/collaboration.md). Who may call what is the server's permission table.

  /** The owner and the members, with their permissions. */
  async getMembers(): Promise<Member[]> {
    return (await this.http.get<{ items: Member[] }>(this.path('/members'))).items;
  }

  /** The seed's `set_permissions(user=..., permissions=[...])`: adds the user or changes what they may do (`manage`). */
  setPermissions(options: { user: string; permissions: Permission[]; reason?: string }) {
    const body = { permissions: options.permissions, ...(options.reason ? { reason: options.reason } : {}) };
    return this.run({ method: 'PUT', path: this.path(`/members/${encodeURIComponent(options.user)}`), body });
  }

  /** The seed's `share_with_user(user_id=..., permissions=[...])`. */
  shareWithUser(options: { userId: string; permissions: Permission[]; reason?: string }) {
    return this.setPermissions({ user: options.userId, permissions: options.permissions, reason: options.reason });
  }

  /** Removes a member (never the owner); the reason is kept in the event. */
  removeMember(userId: string, reason?: string) {
    return this.run({ method: 'DELETE', path: this.path(`/members/${encodeURIComponent(userId)}`), body: reason ? { reason } : {} });
  }

  /** The seed's `get_contributions()`: per user, their queries, discoveries, materials, comments and signatures. */
  async getContributions(): Promise<Record<string, Contribution>> {
    return (await this.http.get<{ users: Record<string, Contribution> }>(this.path('/contributions'))).users;
  }

  /** Comments on a turn (`{ turnId }`: a query's id) or a discovery (`{ discoveryId }`); needs `comment`. */
  async addComment(on: CommentTarget, text: string): Promise<CommandResult & { commentId: string }> {
    return this.run<CommandResult & { commentId: string }>({ method: 'POST', path: this.path('/comments'), body: { on, text } });
  }

  async getComments(): Promise<Comment[]> {
    return (await this.http.get<{ items: Comment[] }>(this.path('/comments'))).items;
  }

  /** The seed's `create_share_link(permissions="read", expires_in_days=7)`: the token is shown only here, once. */
  async createShareLink(options: { permissions: LinkPermission; expiresInDays: number }): Promise<CreatedShareLink> {
    return this.run<CommandResult & CreatedShareLink>({ method: 'POST', path: this.path('/share-links'), body: options });
  }

  /** The session's share links, without their tokens. */
  async listShareLinks(): Promise<ShareLinkInfo[]> {
    return (await this.http.get<{ items: ShareLinkInfo[] }>(this.path('/share-links'))).items;
  }

  revokeShareLink(linkId: string, reason?: string) {
    return this.run({ method: 'DELETE', path: this.path(`/share-links/${encodeURIComponent(linkId)}`), body: reason ? { reason } : {} });
  }

  /** Every use of the session's share links (latest 1,000, kept `retentionDays`). */
  getAccessLog(): Promise<{ retentionDays: number; items: AccessLogEntry[] }> {
    return this.http.get(this.path('/access-log'));
  }

  private lifecycle(action: string, status: SessionStatus, reason?: string): Change {
    return { method: 'POST', path: this.path(`/${action}`), body: reason === undefined ? {} : { reason }, apply: (view) => ({ ...view, status }) };
  }
}
