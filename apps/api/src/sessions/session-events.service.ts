// Reads a session's own stream: for time travel, export, verify and access checks. Access is
// checked on the state now, so a former member cannot read the past either.
import { Inject, Injectable } from '@nestjs/common';
import {
  assertCanRead,
  SessionNotFound,
  sessionDecider,
  sessionStream,
  type SessionEvent,
  type SessionState,
} from '@crystalyse/domain';
import { StreamNotFound, type EventStore, type RecordedEvent } from '@crystalyse/event-store';
import { CommandRunner } from '../infrastructure/command-runner.js';
import { EVENT_STORE } from '../infrastructure/tokens.js';
import { SESSION_SNAPSHOTS } from './session-snapshots.js';

@Injectable()
export class SessionEvents {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: CommandRunner,
  ) {}

  /** The state now (from a snapshot when there is one), after checking the user may read it. */
  async readableState(sessionId: string, userId: string): Promise<{ state: SessionState; revision: bigint }> {
    const loaded = await this.runner.load(sessionStream(sessionId), sessionDecider, SESSION_SNAPSHOTS);
    if (!loaded.state.exists) throw new SessionNotFound(sessionId);
    assertCanRead(loaded.state, sessionId, userId);
    return { state: loaded.state, revision: loaded.revision };
  }

  async recorded(sessionId: string, options: { fromRevision?: bigint; maxCount?: number } = {}): Promise<RecordedEvent[]> {
    try {
      return await this.store.readStream(sessionStream(sessionId), options);
    } catch (error) {
      if (error instanceof StreamNotFound) throw new SessionNotFound(sessionId);
      throw error;
    }
  }

  async domainEvents(sessionId: string): Promise<SessionEvent[]> {
    return (await this.recorded(sessionId)).map((e) => ({ type: e.type, data: e.data }) as SessionEvent);
  }
}
