// Queries served from the read models (list, search, detail, checkpoints). Each waits for the
// projections to reach the caller's writes first.
import { Inject, Injectable } from '@nestjs/common';
import { SessionNotFound, ValidationError } from '@crystalyse/domain';
import {
  CHECKPOINTS_COLLECTION,
  DISCOVERIES_COLLECTION,
  QUESTIONS_COLLECTION,
  SESSIONS_COLLECTION,
  MEMBERSHIPS_COLLECTION,
  type DiscoveryDoc,
  type MembershipDoc,
  type QuestionDoc,
  type CheckpointDoc,
  type DocumentStore,
  type Filter,
  type SessionSummaryDoc,
} from '@crystalyse/read-models';
import { DOCUMENT_STORE } from '../infrastructure/tokens.js';
import { ReadYourWrites } from '../infrastructure/read-your-writes.js';
import type { ListSessionsQuery, SearchSessionsQuery } from './session.dto.js';
import type { AuthenticatedUser } from '../http/request-context.js';
import { toSessionView, type SessionView } from './session.view.js';

/** Questions and discoveries matched at most, across everyone's sessions, before keeping the caller's. */
const TEXT_HITS = 500;

interface Cursor {
  createdAt: string;
  id: string;
}

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decodeCursor(raw: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Cursor;
    if (typeof c.createdAt === 'string' && typeof c.id === 'string') return c;
  } catch {
    // fall through to the validation error
  }
  throw new ValidationError('cursor', 'cursor is not one this API returned');
}

@Injectable()
export class SessionQueries {
  constructor(
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    private readonly ryw: ReadYourWrites,
  ) {}

  /** The sessions the user belongs to without owning them (an index lookup, not a scan). */
  private async memberOf(userId: string): Promise<string[]> {
    return (await this.documents.collection<MembershipDoc>(MEMBERSHIPS_COLLECTION).find({ userId })).map((m) => m.sessionId);
  }

  /**
   * The filters of what the user may read: their own sessions (by the ownerId index) and those
   * they belong to (by _id), each answerable by an index. `requested` narrows to that user's own
   * sessions among them.
   */
  private async readable(user: AuthenticatedUser, requested?: string): Promise<Filter[]> {
    if (requested !== undefined && requested !== user.userId) {
      const shared = await this.memberOf(user.userId);
      return shared.length === 0 ? [] : [{ _id: { $in: shared }, ownerId: requested }];
    }
    const own: Filter = { ownerId: user.userId };
    if (requested !== undefined) return [own];
    const shared = await this.memberOf(user.userId);
    return shared.length === 0 ? [own] : [own, { _id: { $in: shared } }];
  }

  async list(user: AuthenticatedUser, query: ListSessionsQuery, minPosition?: string): Promise<{ items: SessionView[]; nextCursor: string | null }> {
    await this.ryw.settle(minPosition);
    const common: Filter = {};
    if (query.status) common.status = query.status;
    if (query.project) common.project = query.project;
    if (query.type) common.type = query.type;
    if (query.cursor) {
      const c = decodeCursor(query.cursor);
      common.$or = [{ createdAt: { $lt: c.createdAt } }, { createdAt: c.createdAt, _id: { $lt: c.id } }];
    }
    const limit = query.limit ?? 20;
    const sessions = this.documents.collection<SessionSummaryDoc>(SESSIONS_COLLECTION);
    // One indexed query per kind of access, each its first limit + 1 in order, merged.
    const pages = await Promise.all((await this.readable(user, query.userId)).map((access) =>
      sessions.find({ ...access, ...common }, { sort: { createdAt: -1, _id: -1 }, limit: limit + 1 })));
    const byNewest = (a: SessionSummaryDoc, b: SessionSummaryDoc) => (a.createdAt === b.createdAt ? (a._id < b._id ? 1 : a._id > b._id ? -1 : 0) : a.createdAt < b.createdAt ? 1 : -1);
    const seen = new Set<string>();
    const docs = pages.flat().sort(byNewest).filter((d) => !seen.has(d._id) && seen.add(d._id));
    const page = docs.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page.map(toSessionView), nextCursor: docs.length > limit && last ? encodeCursor({ createdAt: last.createdAt, id: last._id }) : null };
  }

  async search(user: AuthenticatedUser, query: SearchSessionsQuery, minPosition?: string): Promise<{ items: Array<SessionView & { score: number }> }> {
    await this.ryw.settle(minPosition);
    const access = await this.readable(user, query.userId);
    if (access.length === 0) return { items: [] };
    const readable: Filter = access.length === 1 ? access[0]! : { $or: access };
    const limit = query.limit ?? 20;
    const sessions = this.documents.collection<SessionSummaryDoc>(SESSIONS_COLLECTION);
    // Names and metadata are on the session's document; questions and discoveries are documents of
    // their own (one each, so a long session's document stays small), found first, then kept to
    // the caller's sessions.
    const [named, asked, found] = await Promise.all([
      sessions.textSearch(query.q, { filter: readable, limit }),
      this.documents.collection<QuestionDoc>(QUESTIONS_COLLECTION).textSearch(query.q, { limit: TEXT_HITS }),
      this.documents.collection<DiscoveryDoc>(DISCOVERIES_COLLECTION).textSearch(query.q, { limit: TEXT_HITS }),
    ]);
    const scores = new Map<string, number>();
    const add = (id: string, score: number) => scores.set(id, Math.max(scores.get(id) ?? 0, score));
    for (const hit of named) add(hit._id, hit._score);
    for (const hit of [...asked, ...found]) add(hit.sessionId, hit._score);
    const known = new Map<string, SessionSummaryDoc>(named.map((doc) => [doc._id, doc]));
    const others = [...scores.keys()].filter((id) => !known.has(id));
    if (others.length > 0) for (const doc of await sessions.find({ $and: [{ _id: { $in: others } }, readable] })) known.set(doc._id, doc);
    const items = [...known.values()].map((doc) => ({ ...toSessionView(doc), score: scores.get(doc._id)! })).sort((a, b) => b.score - a.score);
    return { items: items.slice(0, limit) };
  }

  async get(user: AuthenticatedUser, sessionId: string, minPosition?: string): Promise<SessionView> {
    await this.ryw.settle(minPosition);
    const doc = await this.documents.collection<SessionSummaryDoc>(SESSIONS_COLLECTION).findOne({ _id: sessionId });
    // Someone else's session is as unknown as one that does not exist.
    if (!doc || !(doc.readers ?? [doc.ownerId]).includes(user.userId)) throw new SessionNotFound(sessionId);
    return toSessionView(doc);
  }

  async checkpoints(user: AuthenticatedUser, sessionId: string, minPosition?: string) {
    await this.get(user, sessionId, minPosition);
    const docs = await this.documents.collection<CheckpointDoc>(CHECKPOINTS_COLLECTION).find({ sessionId }, { sort: { revision: 1 } });
    return { items: docs.map(({ _id, _position, sessionId: _s, ...c }) => c) };
  }
}
