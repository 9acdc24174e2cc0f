// Per-request loaders: what a page of sessions needs from the read models is read once for the
// whole page (`{ _id | sessionId: { $in: ids } }`), not once per session (no N+1). A session's
// state (for history, discoveries, materials and the detailed statistics) comes from its stream,
// which has no multi-stream read: the loader at least reads each session once per request.
import { Inject, Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  BRANCHES_COLLECTION,
  CHECKPOINTS_COLLECTION,
  SESSIONS_COLLECTION,
  type BranchDoc,
  type CheckpointDoc,
  type DocumentStore,
  type SessionSummaryDoc,
} from '@crystalyse/read-models';
import type { SessionState } from '@crystalyse/domain';
import { DOCUMENT_STORE } from '../infrastructure/tokens.js';
import { ReadYourWrites } from '../infrastructure/read-your-writes.js';
import { SessionEvents } from '../sessions/session-events.service.js';
import { toSessionView, type SessionView } from '../sessions/session.view.js';
import type { AuthenticatedUser } from '../http/request-context.js';
import type { ContributionType, MemberType } from './graphql.types.js';
import { MembersSource } from './members.source.js';

export interface GraphqlLoaders {
  /** Waits once per request for the projections to reach the caller's writes (X-Min-Position, else the head). */
  settle(): Promise<void>;
  sessions: DataLoader<string, SessionView | null>;
  checkpoints: DataLoader<string, CheckpointDoc[]>;
  branches: DataLoader<string, BranchDoc[]>;
  members: DataLoader<SessionView, MemberType[], string>;
  contributions: DataLoader<SessionView, ContributionType[], string>;
  /** The session's state now, from its stream (no access check: the root field made it). */
  state: DataLoader<string, { state: SessionState; revision: bigint }>;
}

export interface GraphqlContext {
  user: AuthenticatedUser;
  loaders: GraphqlLoaders;
  /** X-Min-Position: reads wait for the projections to reach it (else the store's head). */
  minPosition?: string;
}

function groupBy<T extends { sessionId: string | null }>(ids: readonly string[], docs: T[]): T[][] {
  const byId = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const doc of docs) if (doc.sessionId !== null) byId.get(doc.sessionId)?.push(doc);
  return ids.map((id) => byId.get(id)!);
}

@Injectable()
export class GraphqlLoadersFactory {
  constructor(
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    private readonly ryw: ReadYourWrites,
    private readonly sessionEvents: SessionEvents,
    private readonly membersSource: MembersSource,
  ) {}

  create(minPosition?: string): GraphqlLoaders {
    let settled: Promise<void> | null = null;
    const settle = () => (settled ??= this.ryw.settle(minPosition));
    const read = async <T>(load: () => Promise<T>) => {
      await settle();
      return load();
    };
    // The documents behind the page's sessions, kept for the fields that read more of them (members).
    const sessionDocs = new Map<string, SessionSummaryDoc>();
    return {
      settle,
      sessions: new DataLoader(async (ids) => {
        const docs = await read(() => this.documents.collection<SessionSummaryDoc>(SESSIONS_COLLECTION).find({ _id: { $in: [...ids] } }));
        for (const doc of docs) sessionDocs.set(doc._id, doc);
        const byId = new Map(docs.map((d) => [d._id, toSessionView(d)]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
      checkpoints: new DataLoader(async (ids) =>
        groupBy(ids, await read(() => this.documents.collection<CheckpointDoc>(CHECKPOINTS_COLLECTION).find({ sessionId: { $in: [...ids] } }, { sort: { revision: 1 } })))),
      branches: new DataLoader(async (ids) =>
        groupBy(ids, await read(() => this.documents.collection<BranchDoc>(BRANCHES_COLLECTION).find({ sessionId: { $in: [...ids] } }, { sort: { createdAt: 1 } })))),
      members: new DataLoader(async (sessions) => this.membersSource.members(sessions.map((s) => sessionDocs.get(s.id))), { cacheKeyFn: (s) => s.id }),
      contributions: new DataLoader((sessions) => read(() => this.membersSource.contributions(sessions.map((s) => sessionDocs.get(s.id)))), { cacheKeyFn: (s) => s.id }),
      state: new DataLoader((ids) => Promise.all(ids.map((id) => this.sessionEvents.sessionNow(id).catch((error: Error) => error)))),
    };
  }
}
