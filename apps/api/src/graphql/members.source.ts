// Members and contributions of a page of sessions, in one call for the whole page (the GraphQL
// loaders batch into it): members from the session documents the page already read (the
// session-state projection keeps them), contributions from one `$in` read of their documents (a session's main line and branches).
import { Inject, Injectable } from '@nestjs/common';
import { PERMISSIONS } from '@crystalyse/domain';
import { CONTRIBUTIONS_COLLECTION, emptyContributions, sessionContributions, type ContributionsDoc, type DocumentStore, type SessionSummaryDoc } from '@crystalyse/read-models';
import { DOCUMENT_STORE } from '../infrastructure/tokens.js';
import type { ContributionType, MemberType } from './graphql.types.js';

@Injectable()
export class MembersSource {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  /** The owner first, with every permission, then the members as the session records them. */
  members(docs: ReadonlyArray<SessionSummaryDoc | undefined>): MemberType[][] {
    return docs.map((doc) => doc
      ? [{ userId: doc.ownerId, role: 'owner', permissions: [...PERMISSIONS] },
        ...Object.entries(doc.members ?? {}).map(([userId, permissions]) => ({ userId, role: 'member', permissions: [...permissions] }))]
      : []);
  }

  /** What each person with access contributed (zeros for those who did nothing yet), as REST's /contributions. */
  async contributions(docs: ReadonlyArray<SessionSummaryDoc | undefined>): Promise<ContributionType[][]> {
    const ids = docs.flatMap((doc) => (doc ? [doc._id] : []));
    // The main lines' documents and their branches', in one read.
    const found = await this.documents.collection<ContributionsDoc>(CONTRIBUTIONS_COLLECTION).find({ sessionId: { $in: ids } });
    const bySession = new Map<string, ContributionsDoc[]>();
    for (const doc of found) bySession.set(doc.sessionId, [...(bySession.get(doc.sessionId) ?? []), doc]);
    const byId = new Map([...bySession].map(([id, docs]) => [id, sessionContributions(docs)]));
    return docs.map((doc) => {
      if (!doc) return [];
      const users = byId.get(doc._id) ?? {};
      const people = [...new Set([doc.ownerId, ...Object.keys(doc.members ?? {}), ...Object.keys(users)])];
      return people.map((userId) => {
        const counts = users[userId];
        return { userId, ...emptyContributions(), ...(counts ?? {}), lastAt: counts?.lastAt || null };
      });
    });
  }
}
