// What the API shows of a session: the read-model document without its bookkeeping.
import type { WorkspaceCounts } from '@crystalyse/domain';
import type { SessionSummaryDoc } from '@crystalyse/read-models';

export interface SessionView {
  id: string;
  name: string;
  type: string;
  status: string;
  ownerId: string;
  metadata: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  revision: number;
  counts: WorkspaceCounts & { checkpoints: number };
}

export const toSessionView = (doc: SessionSummaryDoc): SessionView => ({
  id: doc._id,
  name: doc.name,
  type: doc.type,
  status: doc.status,
  ownerId: doc.ownerId,
  metadata: doc.metadata,
  createdAt: doc.createdAt,
  updatedAt: doc.updatedAt,
  revision: doc.revision,
  counts: { ...doc.workspace.counts, checkpoints: doc.checkpoints },
});
