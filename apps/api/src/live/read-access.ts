// Who may read a session, for the live feed and GraphQL: one call, the same check every REST read
// makes (SessionEvents.assertReadable: the session's state now, its governance). When permissions
// move to a table, this is the one place the live feed and GraphQL ask.
import { Injectable } from '@nestjs/common';
import { NotFound } from '@crystalyse/domain';
import { SessionEvents } from '../sessions/session-events.service.js';

@Injectable()
export class ReadAccess {
  constructor(private readonly sessions: SessionEvents) {}

  /** Throws SessionNotFound (404) alike for an unknown session and one the user may not read. */
  async assertCanRead(sessionId: string, userId: string): Promise<void> {
    await this.sessions.assertReadable(sessionId, userId);
  }

  /** The same check as a boolean: false for an unknown session and one the user may not read. */
  async canRead(sessionId: string, userId: string): Promise<boolean> {
    try {
      await this.assertCanRead(sessionId, userId);
      return true;
    } catch (error) {
      if (error instanceof NotFound) return false;
      throw error;
    }
  }
}
