// Who did what in a session (contributions) and the comments on its turns and discoveries. Both
// are audit views fed from the events: a restore undoes none of it, as it undoes nothing in the
// log. Work done in a branch counts for whoever did it, as it is done (merged, discarded or still
// open): a branch's stream has a contributions document of its own, which its first event
// (BranchForked) ties to its session, and readers add up a session's documents.
import type { RecordedEvent } from '@crystalyse/event-store';
import { parseBranchStream, parseSessionStream } from '@crystalyse/domain';
import type { Document } from '../document-store.port.js';
import type { Projection } from '../projections/projection.js';

export const CONTRIBUTION_KINDS = ['queries', 'discoveries', 'materials', 'comments', 'signatures'] as const;
export type ContributionKind = (typeof CONTRIBUTION_KINDS)[number];
export type ContributionCounts = Record<ContributionKind, number>;

/**
 * Which event counts as which contribution, for the event's actor. One line per event type: a
 * new kind of contribution (a signature event of another name, say) is one line here.
 */
export const CONTRIBUTING_EVENTS: Readonly<Record<string, ContributionKind>> = {
  QueryAsked: 'queries',
  DiscoveryDetected: 'discoveries',
  DiscoveryRecorded: 'discoveries',
  MaterialAnalysed: 'materials',
  CommentAdded: 'comments',
  SignatureRecorded: 'signatures',
};

export interface ContributionsDoc extends Document {
  /** The session's id for its main line's document (`_id` too), and for each of its branches' (`_id`: `branch:<branchId>`). */
  sessionId: string;
  /** By actor: a user id, or `link:<linkId>` for what came through a share link. */
  users: Record<string, UserContributions>;
}

export type UserContributions = ContributionCounts & { lastAt: string };

export const CONTRIBUTIONS_COLLECTION = 'session_contributions';

export const emptyContributions = (): ContributionCounts => ({ queries: 0, discoveries: 0, materials: 0, comments: 0, signatures: 0 });

const actorOf = (event: RecordedEvent): string | null => {
  const actor = (event.metadata as { actor?: { userId?: unknown } } | undefined)?.actor?.userId;
  return typeof actor === 'string' && actor.length > 0 ? actor : null;
};

const branchDocumentId = (streamId: string): string | null => {
  const branchId = parseBranchStream(streamId);
  return branchId === null ? null : `branch:${branchId}`;
};

export const contributionsProjection: Projection<ContributionsDoc> = {
  name: 'session-contributions',
  collection: CONTRIBUTIONS_COLLECTION,
  handles: [...Object.keys(CONTRIBUTING_EVENTS), 'BranchForked'],
  indexes: [{ fields: ['sessionId'] }],
  documentId: (event) => parseSessionStream(event.streamId) ?? branchDocumentId(event.streamId),
  evolve(doc, event) {
    const mainLine = parseSessionStream(event.streamId);
    if (event.type === 'BranchForked') {
      // A branch's first event names its session (only ever in the branch's own stream).
      const sessionId = (event.data as { sessionId?: unknown }).sessionId;
      if (mainLine !== null || typeof sessionId !== 'string' || doc) return doc;
      return { _id: branchDocumentId(event.streamId)!, sessionId, users: {} };
    }
    // A branch's events count once its fork said whose branch it is.
    const sessionId = mainLine ?? doc?.sessionId;
    const kind = Object.hasOwn(CONTRIBUTING_EVENTS, event.type) ? CONTRIBUTING_EVENTS[event.type]! : null;
    // A comment names its author (a share link's comments too); other events their envelope's actor.
    const author = event.type === 'CommentAdded' ? (event.data as { authorId?: unknown }).authorId : actorOf(event);
    if (!kind || !sessionId || typeof author !== 'string' || author === '__proto__') return doc;
    const at = (event.data as { at?: unknown }).at;
    const users = { ...(doc?.users ?? {}) };
    const mine = Object.hasOwn(users, author) ? users[author]! : { ...emptyContributions(), lastAt: '' };
    users[author] = { ...mine, [kind]: mine[kind] + 1, lastAt: typeof at === 'string' ? at : mine.lastAt };
    return { _id: mainLine ?? doc!._id, sessionId, users };
  },
};

/** A session's contributions: its main line's and every branch's documents added up, by actor. */
export function sessionContributions(docs: readonly ContributionsDoc[]): Record<string, UserContributions> {
  const users: Record<string, UserContributions> = {};
  for (const doc of docs) {
    for (const [userId, counts] of Object.entries(doc.users)) {
      const sum = Object.hasOwn(users, userId) ? users[userId]! : { ...emptyContributions(), lastAt: '' };
      for (const kind of CONTRIBUTION_KINDS) sum[kind] += counts[kind];
      // ISO instants order as text.
      if (counts.lastAt > sum.lastAt) sum.lastAt = counts.lastAt;
      users[userId] = sum;
    }
  }
  return users;
}

export interface CommentDoc extends Document {
  sessionId: string;
  commentId: string;
  on: { turnId: string } | { discoveryId: string };
  text: string;
  authorId: string;
  at: string;
}

export const COMMENTS_COLLECTION = 'session_comments';

export const commentsProjection: Projection<CommentDoc> = {
  name: 'session-comments',
  collection: COMMENTS_COLLECTION,
  handles: ['CommentAdded'],
  indexes: [{ fields: ['sessionId'] }],
  documentId(event) {
    const sessionId = parseSessionStream(event.streamId);
    const commentId = (event.data as { commentId?: unknown }).commentId;
    return sessionId && typeof commentId === 'string' ? `${sessionId}/${commentId}` : null;
  },
  evolve(_doc, event) {
    const sessionId = parseSessionStream(event.streamId)!;
    const { commentId, on, text, authorId, at } = event.data as { commentId: string; on: CommentDoc['on']; text: string; authorId: string; at: string };
    return { _id: `${sessionId}/${commentId}`, sessionId, commentId, on, text, authorId, at };
  },
};

/**
 * Who belongs to which session (not owning it): one document per membership, by user, so "the
 * sessions I belong to" is an index lookup (the session documents' `readers` is an array, which
 * no index can answer). A removed member's document is deleted.
 */
export interface MembershipDoc extends Document {
  sessionId: string;
  userId: string;
  permissions: string[];
}

export const MEMBERSHIPS_COLLECTION = 'session_memberships';

export const membershipsProjection: Projection<MembershipDoc> = {
  name: 'session-memberships',
  collection: MEMBERSHIPS_COLLECTION,
  handles: ['MemberPermissionsSet', 'MemberRemoved'],
  indexes: [{ fields: ['userId'] }],
  documentId(event) {
    const sessionId = parseSessionStream(event.streamId);
    const userId = (event.data as { userId?: unknown }).userId;
    return sessionId && typeof userId === 'string' ? `${sessionId}/${userId}` : null;
  },
  evolve(_doc, event) {
    const sessionId = parseSessionStream(event.streamId)!;
    const { userId, permissions } = event.data as { userId: string; permissions?: string[] };
    return event.type === 'MemberRemoved' ? null : { _id: `${sessionId}/${userId}`, sessionId, userId, permissions: permissions ?? [] };
  },
};
