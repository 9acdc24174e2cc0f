// The seed guide's SessionManager over the REST API: create, list, load, search, resume and
// restore sessions, and session templates. One manager is one client: it shares the
// read-your-writes position across every Session (and Branch) it hands out.
import { Admin } from './admin.js';
import { AuthError, clientError } from './errors.js';
import type { EmbeddedOptions } from './embedded-transport.js';
import { HttpClient, type HttpClientOptions } from './http-client.js';
import { Session } from './session.js';
import type { CacheOptions, CacheStats } from './response-cache.js';
import type {
  CommandResult, CreateSessionOptions, JsonObject, ListSessionsOptions, LoadSessionOptions, Me, SearchSessionsOptions, SessionExport,
  SessionManagerOptions, SessionView,
} from './types.js';
import type { CreateBatchSessionOptions, CreateResearchSessionOptions } from './batch-types.js';
import type { CollaborativeSessionOptions, Permission, SharedSession } from './collaboration-types.js';
import { SharedSessionClient } from './shared.js';
import type { CreateFromTemplateOptions, SavedTemplate, SaveTemplateOptions, Template, TemplateSummary } from './workspace-types.js';

const MAX_PAGE = 200;

/** SessionManagerOptions, plus how calls travel and are retried (see HttpClientOptions). */
export type ManagerOptions = SessionManagerOptions & Pick<HttpClientOptions, 'transport' | 'fetch' | 'maxRetries' | 'retryDelayMs' | 'retryStatuses' | 'sleep' | 'signal'>;

export class SessionManager {
  private readonly http: HttpClient;
  private readonly optimistic: boolean;
  private readonly queryTimeoutMs: number | undefined;
  private caller: Promise<Me> | undefined;

  constructor(options: ManagerOptions, http?: HttpClient) {
    this.http = http ?? new HttpClient(options);
    this.optimistic = options.optimisticConcurrency ?? false;
    this.queryTimeoutMs = options.queryTimeoutMs;
    this.options = options;
    this.baseUrl = options.baseUrl;
    if (options.cache) this.http.cache.configure(options.cache);
  }

  private readonly baseUrl: string;

  private readonly options: ManagerOptions;

  /**
   * Embedded mode: the service itself in this process on a local data directory (SQLite files),
   * no HTTP server. Every call goes through the same routes, guards, validation and error mapping
   * as a remote one, so code written against one mode runs unchanged on the other. Calls as the
   * owner unless `apiKey` is given. close() stops it and releases the files.
   */
  static async embedded(options: EmbeddedOptions & Omit<ManagerOptions, 'baseUrl' | 'apiKey' | 'transport' | 'fetch'>): Promise<SessionManager> {
    const { openEmbeddedTransport } = await import('./embedded-transport.js');
    const transport = await openEmbeddedTransport(options);
    const { dataDir: _dataDir, env: _env, appConfig: _appConfig, apiKey, ...rest } = options;
    return new SessionManager({ ...rest, baseUrl: 'http://embedded.invalid', apiKey: apiKey ?? transport.ownerKey, transport });
  }

  /** Users, keys and projections: operators' calls (admin.ts). */
  get admin(): Admin {
    return new Admin(this.http);
  }

  /** 'remote' (over HTTP) or 'embedded' (in-process). */
  get mode(): 'remote' | 'embedded' {
    return this.http.mode;
  }

  /**
   * The same manager (same service, key and read-your-writes position) whose every call, and every
   * call of the sessions it hands out, takes this signal or timeout: an aborted call throws a
   * SessionError of kind 'aborted'.
   */
  withOptions(overrides: { signal?: AbortSignal; timeoutMs?: number; maxRetries?: number }): SessionManager {
    return new SessionManager(this.options, this.http.derive(overrides));
  }

  /**
   * Another client of the same service over the same transport (in embedded mode: the same
   * in-process service), with its own read-your-writes position: another user's key, or other
   * settings such as optimisticConcurrency.
   */
  newClient(overrides: Partial<SessionManagerOptions> = {}): SessionManager {
    const options = { ...this.options, ...overrides };
    return new SessionManager(options, this.http.sibling(options));
  }

  /** Releases the transport: embedded, it stops the in-process service; remote, nothing to do. */
  close(): Promise<void> {
    return this.http.close();
  }

  /**
   * The seed's `configure_cache(...)` for every session this manager hands out (a session's own
   * `configureCache` overrides it for that session). Reads are kept in an LRU and revalidated with
   * `If-None-Match` on every use: a cached answer is used only when the server says it is current.
   */
  configureCache(options: CacheOptions = {}): void {
    this.http.cache.configure(options);
  }

  /** Revalidated reads served from the cache (hits), reads answered in full (misses), entries kept. */
  cacheStats(): CacheStats {
    return this.http.cache.stats();
  }

  /** Drops every cached answer. */
  clearCache(): void {
    this.http.cache.clear();
  }

  /** Sets the caller's signing passphrase (to change it, give the current one); only a slow hash is kept. */
  async setSigningPassphrase(passphrase: string, currentPassphrase?: string): Promise<{ set: true; position: string }> {
    const body = currentPassphrase === undefined ? { passphrase } : { passphrase, currentPassphrase };
    return (await this.http.command<{ set: true; position: string }>('PUT', '/me/signing-passphrase', { body })).body;
  }

  /** The caller: the user the API key belongs to. */
  me(): Promise<Me> {
    return this.http.get<Me>('/me');
  }

  /**
   * The seed's `SessionManager.create_session(user_id=..., session_type=..., metadata=...)`.
   * Sessions belong to the API key's user, so `userId`, when given, must be that user.
   */
  async createSession(options: CreateSessionOptions = {}): Promise<Session> {
    if (options.userId !== undefined) {
      const me = await this.whoAmI();
      if (options.userId !== me.id) {
        throw new AuthError({ code: 'forbidden', status: 0, field: 'userId', message: `userId "${options.userId}" is not the caller ("${me.id}"): a session belongs to the user of the API key` });
      }
    }
    const type = options.sessionType ?? 'interactive';
    const body = { name: options.name ?? `${type} session`, type, metadata: options.metadata, config: options.config };
    const { body: created } = await this.http.command<CommandResult>('POST', '/sessions', { body });
    return this.loadSession(created.id, { lazyLoad: true });
  }

  /**
   * The seed's `create_collaborative_session(name=..., owner=..., members=[...])`: a session of
   * type `collaborative` owned by the API key's user, each member added with their permissions
   * (`shared_write` by default: read, comment, write, add_materials).
   */
  async createCollaborativeSession(options: CollaborativeSessionOptions): Promise<Session> {
    const preset = options.permissions ?? 'shared_write';
    const defaults: Permission[] = Array.isArray(preset) ? preset : preset === 'read_only' ? ['read'] : ['read', 'comment', 'write', 'add_materials'];
    const session = await this.createSession({
      name: options.name, sessionType: 'collaborative', userId: options.owner, metadata: options.metadata as JsonObject | undefined, config: options.config as JsonObject | undefined,
    });
    for (const member of options.members ?? []) {
      const { userId, permissions } = typeof member === 'string' ? { userId: member, permissions: undefined } : member;
      await session.setPermissions({ user: userId, permissions: permissions ?? defaults });
    }
    return session;
  }

  /** What a share link opens (no API key needed): `token` is the token or the link's URL. */
  openSharedLink(token: string): Promise<SharedSession> {
    return new SharedSessionClient({ baseUrl: this.baseUrl, token }).get();
  }

  /** The seed's `agent.create_interactive_session(name=..., config=...)`. */
  createInteractiveSession(options: { name: string; config?: JsonObject; metadata?: JsonObject }): Promise<Session> {
    return this.createSession({ ...options, sessionType: 'interactive' });
  }

  /**
   * The seed's `create_batch_session(name, materials, shared_context)`: the service analyses each
   * material (one query each) and records the progress as events; `session.getBatchProgress()`
   * shows it, `waitForBatch()` waits for the end.
   */
  async createBatchSession(options: CreateBatchSessionOptions): Promise<Session> {
    const { body: created } = await this.http.command<CommandResult>('POST', '/sessions/batch', { body: options });
    return this.loadSession(created.id, { lazyLoad: true });
  }

  /**
   * The seed's `create_research_session(name, duration_days, checkpoint_frequency)`: automatic
   * checkpoints per period when the session changed, and at the end a recorded end and a summary.
   */
  createResearchSession(options: CreateResearchSessionOptions): Promise<Session> {
    const { durationDays, checkpointFrequency, ...rest } = options;
    return this.createSession({ ...rest, metadata: rest.metadata as JsonObject | undefined, sessionType: 'research', config: { durationDays, checkpointFrequency } });
  }

  /** Every matching session (newest first), following the server's cursors; at most `limit`. */
  async listSessions(options: ListSessionsOptions = {}): Promise<Session[]> {
    const sessions: Session[] = [];
    for await (const session of this.iterateSessions(options)) sessions.push(session);
    return sessions;
  }

  /** The same as listSessions, one page at a time, for long lists. */
  async *iterateSessions(options: ListSessionsOptions = {}): AsyncGenerator<Session> {
    const { limit, ...filters } = options;
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw clientError('validation_failed', 'limit must be a positive integer', 'limit');
    let cursor: string | undefined;
    let yielded = 0;
    do {
      const pageSize = Math.min(MAX_PAGE, limit === undefined ? MAX_PAGE : limit - yielded);
      const page = await this.http.get<{ items: SessionView[]; nextCursor: string | null }>('/sessions', { query: { ...filters, limit: pageSize, cursor } });
      for (const view of page.items) {
        yield this.session(view);
        yielded += 1;
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined && (limit === undefined || yielded < limit));
  }

  /** With `lazyLoad`, metadata, status and counts only; otherwise the whole history too (`session.history`). */
  async loadSession(id: string, options: LoadSessionOptions = {}): Promise<Session> {
    const session = this.session(await this.http.get<SessionView>(`/sessions/${encodeURIComponent(id)}`));
    if (!options.lazyLoad) await session.loadHistory();
    return session;
  }

  /** Full-text search over names, metadata, questions and discoveries; best match first. */
  async searchSessions(options: SearchSessionsOptions): Promise<Session[]> {
    const query = { q: options.query, userId: options.userId, limit: options.limit };
    const { items } = await this.http.get<{ items: SessionView[] }>('/sessions/search', { query });
    return items.map((view) => this.session(view));
  }

  /** The seed's `SessionManager.resume_session(session_id)`: resumes a paused or archived session. */
  async resumeSession(id: string): Promise<Session> {
    await this.http.command<CommandResult>('POST', `/sessions/${encodeURIComponent(id)}/resume`);
    return this.loadSession(id, { lazyLoad: true });
  }

  /**
   * A new session (yours, with a new id) from a backup: `session.lastBackup`, an export made with
   * `includeEvents: true`, or its JSON text. Every event is copied, with where it came from.
   */
  async createFromBackup(backup: SessionExport | string | undefined): Promise<Session> {
    if (backup === undefined) throw clientError('no_backup', 'there is no backup: call session.save() (or export with includeEvents) first', 'backup');
    let doc: unknown = backup;
    if (typeof backup === 'string') {
      try {
        doc = JSON.parse(backup);
      } catch {
        throw clientError('validation_failed', 'the backup is not valid JSON', 'backup');
      }
    }
    const { body: imported } = await this.http.command<{ id: string }>('POST', '/sessions/import', { body: doc });
    return this.loadSession(imported.id, { lazyLoad: true });
  }

  /**
   * The seed's `SessionManager.create_from_template(template=..., parameters=...)`: a new session
   * (yours) with the template's configuration, context items, focus, hypotheses and tasks, every
   * `{{parameter}}` filled in. Built-in templates (materials_discovery_workflow) and your own;
   * the latest version unless `version` is given. A missing parameter is a 400 naming it.
   */
  async createFromTemplate(options: CreateFromTemplateOptions): Promise<Session> {
    const body = { template: options.template, parameters: options.parameters ?? {}, ...(options.version === undefined ? {} : { version: options.version }) };
    const { body: created } = await this.http.command<CommandResult>('POST', '/sessions/from-template', { body });
    return this.loadSession(created.id, { lazyLoad: true });
  }

  /**
   * The seed's `SessionManager.save_template(name=..., from_session=session.id)`: saves a
   * session's configuration and starting work (context items, focus, hypotheses, open and
   * completed task titles) as a template; saving a name again makes its next version.
   * `parameters` turns text of the session into placeholders: { structure: 'garnet' } makes
   * every "garnet" `{{structure}}`.
   */
  async saveTemplate(options: SaveTemplateOptions): Promise<SavedTemplate> {
    const body = { name: options.name, fromSession: options.fromSession, ...(options.parameters ? { parameters: options.parameters } : {}) };
    return (await this.http.command<SavedTemplate>('POST', '/templates', { body })).body;
  }

  /** The built-in templates, then yours, with each one's parameters and latest version. */
  async listTemplates(): Promise<TemplateSummary[]> {
    return (await this.http.get<{ items: TemplateSummary[] }>('/templates')).items;
  }

  /** A template's latest version, with its content (placeholders and all). */
  getTemplate(name: string): Promise<Template> {
    return this.http.get<Template>(`/templates/${encodeURIComponent(name)}`);
  }

  private session(view: SessionView): Session {
    return new Session(this.http, view, { optimisticConcurrency: this.optimistic, queryTimeoutMs: this.queryTimeoutMs });
  }

  private whoAmI(): Promise<Me> {
    this.caller ??= this.me().catch((error: unknown) => {
      this.caller = undefined;
      throw error;
    });
    return this.caller;
  }
}
