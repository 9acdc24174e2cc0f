// Loads a branch: the parent's workspace at the fork (a fact that never changes, so it is
// cached), the session's governance now, and the branch stream folded on them. Nothing of a
// branch's own state is cached: its governance must always be the session's current one.
import { Inject, Injectable } from '@nestjs/common';
import {
  branchBaseState,
  branchStream,
  foldBranch,
  NotFound,
  sessionStream,
  stateAtRevision,
  type BranchForked,
  type SessionState,
} from '@crystalyse/domain';
import { StreamNotFound, type EventStore, type RecordedEvent } from '@crystalyse/event-store';
import { EVENT_STORE } from '../infrastructure/tokens.js';
import { toDomainEvents } from '../sessions/domain-events.js';

export interface LoadedBranch {
  state: SessionState;
  /** The state the branch stream is folded from. */
  base: SessionState;
  revision: bigint;
  events: RecordedEvent[];
  forked: BranchForked['data'];
}

const FORK_CACHE_SIZE = 500;

type AtFork = Pick<SessionState, 'workspace' | 'ordBase' | 'eventCount'>;

export class BranchNotFound extends NotFound {
  override readonly code = 'branch_not_found';
  constructor(branchId: string) {
    super('branch', branchId);
  }
}

@Injectable()
export class BranchLoader {
  private readonly workspacesAtFork = new Map<string, AtFork>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(sessionNow: SessionState, sessionId: string, branchId: string): Promise<LoadedBranch> {
    const events = await this.read(branchId);
    const forked = this.forkOf(events[0], sessionId, branchId);
    const base = branchBaseState(sessionNow, await this.workspaceAtFork(sessionNow, sessionId, forked));
    return { state: foldBranch(toDomainEvents(events), base), base, revision: BigInt(events.length - 1), events, forked };
  }

  /** Throws BranchNotFound unless the branch was forked in this session: reads its first event only. */
  async assertInSession(sessionId: string, branchId: string): Promise<void> {
    this.forkOf((await this.read(branchId, 1))[0], sessionId, branchId);
  }

  /**
   * The state a branch stream is folded from, reading only its first event: what a command needs,
   * since the command handler folds the branch's events itself.
   */
  async baseOf(sessionNow: SessionState, sessionId: string, branchId: string): Promise<SessionState> {
    const forked = this.forkOf((await this.read(branchId, 1))[0], sessionId, branchId);
    return branchBaseState(sessionNow, await this.workspaceAtFork(sessionNow, sessionId, forked));
  }

  /** The base of a branch about to be forked (its stream does not exist yet). */
  async baseFor(sessionNow: SessionState, sessionId: string, fork: { parentBranchId: string | null; forkRevision: number }): Promise<SessionState> {
    const parentStream = fork.parentBranchId ? branchStream(fork.parentBranchId) : sessionStream(sessionId);
    return branchBaseState(sessionNow, await this.workspaceAtFork(sessionNow, sessionId, { ...fork, parentStream }));
  }

  private async read(branchId: string, maxCount?: number): Promise<RecordedEvent[]> {
    try {
      return await this.store.readStream(branchStream(branchId), maxCount ? { maxCount } : {});
    } catch (error) {
      if (error instanceof StreamNotFound) throw new BranchNotFound(branchId);
      throw error;
    }
  }

  private forkOf(first: RecordedEvent | undefined, sessionId: string, branchId: string): BranchForked['data'] {
    const forked = first?.type === 'BranchForked' ? (first.data as BranchForked['data']) : null;
    // A branch id of another session is as unknown here as one that does not exist.
    if (!forked || forked.sessionId !== sessionId) throw new BranchNotFound(branchId);
    return forked;
  }

  /** The parent's state at the fork: its workspace, and where its records are placed (for the branch's). */
  private async workspaceAtFork(sessionNow: SessionState, sessionId: string, forked: Pick<BranchForked['data'], 'parentStream' | 'parentBranchId' | 'forkRevision'>): Promise<AtFork> {
    const key = `${forked.parentStream}@${forked.forkRevision}`;
    const cached = this.workspacesAtFork.get(key);
    if (cached) return cached;
    let atFork: SessionState;
    if (forked.parentBranchId === null) {
      const events = await this.store.readStream(sessionStream(sessionId), { maxCount: forked.forkRevision + 1 });
      atFork = stateAtRevision(toDomainEvents(events), forked.forkRevision);
    } else {
      const parent = await this.load(sessionNow, sessionId, forked.parentBranchId);
      atFork = stateAtRevision(toDomainEvents(parent.events), forked.forkRevision, parent.base);
    }
    const kept: AtFork = { workspace: atFork.workspace, ordBase: atFork.ordBase, eventCount: atFork.eventCount };
    if (this.workspacesAtFork.size >= FORK_CACHE_SIZE) this.workspacesAtFork.delete(this.workspacesAtFork.keys().next().value!);
    this.workspacesAtFork.set(key, kept);
    return kept;
  }
}
