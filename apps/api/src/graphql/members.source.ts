// Members and contributions of a page of sessions, in one call for the whole page (the GraphQL
// loaders batch into it). Until the collaboration issue records members, a session has one: its
// owner, with every permission, who made all of its changes. When members land, this is the one
// place to change: read the members' (and the contributions') documents with
// `{ sessionId: { $in: ids } }` and group them by session; the schema stays as it is.
import { Injectable } from '@nestjs/common';
import { PERMISSIONS } from '@crystalyse/domain';
import type { SessionView } from '../sessions/session.view.js';
import type { ContributionType, MemberType } from './graphql.types.js';

@Injectable()
export class MembersSource {
  async members(sessions: readonly SessionView[]): Promise<MemberType[][]> {
    return sessions.map((s) => [{ userId: s.ownerId, role: 'owner', permissions: [...PERMISSIONS] }]);
  }

  /** Who changed the session and how much: the owner, with every event, for now. */
  async contributions(sessions: readonly SessionView[]): Promise<ContributionType[][]> {
    return sessions.map((s) => [{ userId: s.ownerId, eventCount: s.revision + 1, firstAt: s.createdAt, lastAt: s.updatedAt }]);
  }
}
