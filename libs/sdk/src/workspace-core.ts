// The plumbing every workspace shares, a Session's main line and a Branch alike: where its REST
// paths start (`/sessions/:id` or `/sessions/:id/branches/:branchId`, given to the constructor),
// the revision it last saw, optimistic concurrency (`If-Match`), and the change the server last
// refused as conflicting, kept until resolveConflicts() settles it. Above it, session-agent.ts
// (queries, tools, discoveries, analytics), then workspace.ts (context, state, checkpoints,
// history, hygiene, branching), then Session and Branch.
import { resolvePending, type Change, type PendingChange, type ResolveResult, type ResolveStrategy } from './changes.js';
import { clientError, ConflictError, SessionError, type Conflict } from './errors.js';
import type { HttpClient } from './http-client.js';
import type { CommandResult } from './types.js';

const STRATEGIES: readonly string[] = ['ours', 'theirs', 'merge'];

export interface WorkspaceOptions {
  /** Send the revision last seen as `If-Match`, so concurrent edits raise ConflictError. */
  optimisticConcurrency?: boolean;
  queryTimeoutMs?: number;
}

/** The path a workspace's calls start with: a session's main line, or one of its branches. */
export function workspacePath(sessionId: string, branchId?: string | null): string {
  const session = `/sessions/${encodeURIComponent(sessionId)}`;
  return branchId ? `${session}/branches/${encodeURIComponent(branchId)}` : session;
}

export abstract class WorkspaceCore {
  private optimistic: boolean;
  private pending: PendingChange | null = null;
  private seen: number;

  protected constructor(
    protected readonly http: HttpClient,
    /** `/sessions/:id` or `/sessions/:id/branches/:branchId`: every call of this object starts there. */
    private readonly prefix: string,
    revision: number,
    protected readonly options: WorkspaceOptions,
  ) {
    this.seen = revision;
    this.optimistic = options.optimisticConcurrency ?? false;
  }

  /** The session this workspace belongs to. */
  abstract get sessionId(): string;
  /** The branch this workspace is, or null for the session's main line. */
  abstract get branchId(): string | null;
  /** Reloads what this object shows from the server (with `latest`, the server's head, not just this client's writes). */
  abstract refresh(options?: { latest?: boolean }): Promise<this>;

  /** The revision this object last saw: what it sends as `If-Match` under optimistic concurrency. */
  get revision(): number {
    return this.seen;
  }

  /** The conflicts of the last refused change, until resolveConflicts() settles it. */
  get conflicts(): Conflict[] {
    return this.pending?.conflicts ?? [];
  }

  /** From now on, base every change on the revision last seen, so concurrent edits raise ConflictError. */
  withConcurrency(enabled = true): this {
    this.optimistic = enabled;
    return this;
  }

  /** Settles the last refused change (or merge); see changes.ts for what each strategy does. */
  async resolveConflicts({ strategy }: { strategy: ResolveStrategy }): Promise<ResolveResult> {
    if (!STRATEGIES.includes(strategy)) throw clientError('invalid_argument', `strategy must be 'ours', 'theirs' or 'merge'`, 'strategy');
    const pending = this.pending;
    if (!pending) throw clientError('no_conflict', 'no change was refused as conflicting: there is nothing to resolve');
    // The server's head, not just this client's writes: the other writer's change must be seen.
    // The refused change is kept until this resolution has gone through, so a network failure
    // here leaves it to resolve again (run() records a new one if the re-send conflicts again).
    await this.refresh({ latest: true });
    if (this.pending === pending) this.pending = null;
    return resolvePending(pending, strategy, (change) => this.run(change));
  }

  /** The settings a workspace made from this one (a branch) starts with. */
  protected get settings(): WorkspaceOptions {
    return { optimisticConcurrency: this.optimistic, queryTimeoutMs: this.options.queryTimeoutMs };
  }

  protected get pendingChange(): PendingChange | null {
    return this.pending;
  }

  protected path(suffix = ''): string {
    return `${this.prefix}${suffix}`;
  }

  /** After refresh(): the revision the server showed. */
  protected sawRevision(revision: number): void {
    this.seen = revision;
  }

  /** What a subclass's own properties become once the server accepted a command of this workspace. */
  protected accepted(_change: Change | null, _result: CommandResult): void {}

  /** A command sent outside run() (a query): the revision and a first question's start still count. */
  protected async track<T extends CommandResult>(send: () => Promise<T>): Promise<T> {
    const basedOn = this.seen;
    let result: T;
    try {
      result = await send();
    } catch (error) {
      // The question and the failure were recorded (and a first question started the session).
      if (error instanceof SessionError && error.code === 'query_failed') await this.refresh().catch(() => this);
      throw error;
    }
    this.seen = result.revision;
    this.accepted(null, result);
    if (this.optimistic && result.revision > basedOn + result.events.length) await this.refresh();
    return result;
  }

  /** Sends a change described as data; a refusal as conflicting is kept for resolveConflicts(). */
  protected async run<T extends CommandResult = CommandResult>(change: Change): Promise<T> {
    const basedOn = this.seen;
    let answer;
    try {
      const ifMatch = this.optimistic && change.ifMatch !== false ? basedOn : undefined;
      answer = await this.http.command<T>(change.method, change.path, { body: change.body, query: change.query, ifMatch });
    } catch (error) {
      if (error instanceof ConflictError) this.pending = { change, conflicts: error.conflicts };
      throw error;
    }
    if (change.ownAnswer && !change.ownAnswer(answer.body)) {
      if (change.reload) await this.refresh();
      return answer.body;
    }
    this.seen = answer.body.revision ?? answer.etag ?? basedOn;
    this.accepted(change, answer.body);
    // Others wrote in between and the server rebased this change on their work. Reload, so the
    // revision sent as If-Match next is one whose properties this object has seen.
    if (change.reload || (this.optimistic && this.seen > basedOn + answer.body.events.length)) await this.refresh();
    return answer.body;
  }
}
