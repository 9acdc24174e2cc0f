// Reads a session's own stream, or one of its branches: for time travel, export, verify and
// access checks. Access is always checked on the session's state now, so a former member can
// read neither the past nor a branch.
import { Inject, Injectable } from '@nestjs/common';
import {
  assertCanRead,
  branchStream,
  initialSessionState,
  SessionNotFound,
  sessionDecider,
  sessionStream,
  type SessionState,
} from '@crystalyse/domain';
import { StreamNotFound, type EventStore, type ReadStreamOptions, type RecordedEvent } from '@crystalyse/event-store';
import { CommandRunner } from '../infrastructure/command-runner.js';
import { EVENT_STORE } from '../infrastructure/tokens.js';
import { BranchLoader } from '../branches/branch-loader.js';
import type { WorkspaceTarget } from '../branches/workspace-target.js';
import { SESSION_SNAPSHOTS } from './session-snapshots.js';
export { toDomainEvents } from './domain-events.js';

type Target = WorkspaceTarget | string;
const asTarget = (t: Target): WorkspaceTarget => (typeof t === 'string' ? { sessionId: t } : t);
export const streamOf = (t: Target) => {
  const { sessionId, branchId } = asTarget(t);
  return branchId ? branchStream(branchId) : sessionStream(sessionId);
};

@Injectable()
export class SessionEvents {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: CommandRunner,
    private readonly branches: BranchLoader,
  ) {}

  /** The session's state now (from the cache or a snapshot), without an access check. */
  async sessionNow(sessionId: string): Promise<{ state: SessionState; revision: bigint }> {
    const loaded = await this.runner.load(sessionStream(sessionId), sessionDecider, SESSION_SNAPSHOTS);
    if (!loaded.state.exists) throw new SessionNotFound(sessionId);
    return { state: loaded.state, revision: loaded.revision };
  }

  /** The state now of the session or branch, after checking the user may read the session. */
  async readableState(target: Target, userId: string): Promise<{ state: SessionState; revision: bigint }> {
    const { sessionId, branchId } = asTarget(target);
    const session = await this.sessionNow(sessionId);
    assertCanRead(session.state, sessionId, userId);
    if (!branchId) return session;
    // A branch: fold its stream on the session's governance now.
    const branch = await this.branches.load(session.state, sessionId, branchId);
    return { state: branch.state, revision: branch.revision };
  }

  /**
   * Checks the user may read the session (and so its branches) and that a branch is one of this
   * session's, without folding the branch: what every read of a stream checks first.
   */
  async assertReadable(target: Target, userId: string): Promise<SessionState> {
    const { sessionId, branchId } = asTarget(target);
    const session = await this.sessionNow(sessionId);
    assertCanRead(session.state, sessionId, userId);
    if (branchId) await this.branches.assertInSession(sessionId, branchId);
    return session.state;
  }

  /**
   * After the access check, the stream's events and the state they fold from (the empty state,
   * or a branch's base): what time travel folds prefixes of.
   */
  async readableHistory(target: Target, userId: string): Promise<{ events: RecordedEvent[]; base: SessionState }> {
    const { sessionId, branchId } = asTarget(target);
    const sessionNow = await this.assertReadable(target, userId);
    const [events, base] = await Promise.all([
      this.recorded(target),
      branchId ? this.branches.baseOf(sessionNow, sessionId, branchId) : Promise.resolve(initialSessionState()),
    ]);
    return { events, base };
  }

  async recorded(target: Target, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    try {
      return await this.store.readStream(streamOf(target), options);
    } catch (error) {
      if (error instanceof StreamNotFound) throw new SessionNotFound(asTarget(target).sessionId);
      throw error;
    }
  }
}
