// Reads about branches: the graph from its projection, and one branch's divergence from its
// parent, computed from the streams.
import { Inject, Injectable } from '@nestjs/common';
import { branchDivergence } from '@crystalyse/domain';
import { BRANCHES_COLLECTION, type BranchDoc, type DocumentStore } from '@crystalyse/read-models';
import { DOCUMENT_STORE } from '../infrastructure/tokens.js';
import { ReadYourWrites } from '../infrastructure/read-your-writes.js';
import { SessionEvents } from '../sessions/session-events.service.js';
import { BranchLoader } from './branch-loader.js';

@Injectable()
export class BranchQueries {
  constructor(
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    private readonly ryw: ReadYourWrites,
    private readonly sessions: SessionEvents,
    private readonly loader: BranchLoader,
  ) {}

  async graph(userId: string, sessionId: string) {
    await this.sessions.readableState(sessionId, userId);
    await this.ryw.settle();
    const docs = await this.documents.collection<BranchDoc>(BRANCHES_COLLECTION).find({ sessionId }, { sort: { createdAt: 1 } });
    return { sessionId, items: docs.map(({ _id, _position, parentStream: _p, ...branch }: BranchDoc & { _position?: number }) => branch) };
  }

  async branch(userId: string, sessionId: string, branchId: string) {
    const session = await this.sessions.readableState(sessionId, userId);
    const branch = await this.loader.load(session.state, sessionId, branchId);
    const parent = branch.forked.parentBranchId ? await this.loader.load(session.state, sessionId, branch.forked.parentBranchId) : null;
    const parentWorkspace = parent ? parent.state.workspace : session.state.workspace;
    return {
      ...branch.forked,
      revision: Number(branch.revision),
      status: branch.state.branch?.status ?? 'open',
      divergence: branchDivergence(branch.base.workspace, parentWorkspace, branch.state.workspace),
    };
  }
}
