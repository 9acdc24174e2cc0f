// Issue 15, defect 3: the branch graph keys a branch's document by the streams it lives in (its
// own, and the parent stream that holds its ref), never by ids another stream's data names.
import type { RecordedEvent } from '@crystalyse/event-store';
import { foldBatch } from '../projections/fold-batch.js';
import { branchGraphProjection, type BranchDoc } from './branch-graph.projection.js';

let position = 0n;
function recorded(streamId: string, type: string, data: Record<string, unknown>, metadata: Record<string, unknown> = {}): RecordedEvent {
  position += 1n;
  const at = `2026-01-15T09:${String(position).padStart(2, '0')}:00.000Z`;
  return { eventId: `e${position}`, streamId, type, data: { at, ...data }, metadata: { actor: { userId: 'u', via: 'api' }, ...metadata } as RecordedEvent['metadata'], revision: 0n, position, created: at };
}

/** Folds the events as the runner would, batch after batch, and returns the documents by id. */
function project(batches: RecordedEvent[][]): Map<string, BranchDoc> {
  const docs = new Map<string, BranchDoc>();
  for (const events of batches) {
    for (const write of foldBatch(branchGraphProjection, events, [...docs.values()]).writes) {
      if (write.kind === 'put') docs.set(write.document._id, write.document as BranchDoc);
      else if (write.kind === 'delete') docs.delete(write.id);
    }
  }
  return docs;
}

const victimBranch = () => [
  recorded('session-victim', 'BranchCreated', { branchId: 'b1', name: 'spinel_route', forkRevision: 2, createdBy: 'victim' }),
  recorded('branch-b1', 'BranchForked', { branchId: 'b1', sessionId: 'victim', name: 'spinel_route', parentStream: 'session-victim', parentBranchId: null, forkRevision: 2 }),
  recorded('session-victim', 'BranchMerged', { branchId: 'b1', branchRevision: 3, strategy: 'merge', changes: {}, resolutions: [] }),
];

const strip = ({ _position, ...doc }: BranchDoc & { _position?: unknown }) => doc;

describe('branch graph projection', () => {
  it('builds a branch from its ref and its own stream', () => {
    const doc = project([victimBranch()]).get('b1')!;
    expect(doc).toMatchObject({
      branchId: 'b1', sessionId: 'victim', name: 'spinel_route', parentStream: 'session-victim', parentBranchId: null, forkRevision: 2,
      createdBy: 'victim', status: 'merged', merges: [{ branchRevision: 3, strategy: 'merge' }], imported: false,
    });
  });

  it("ignores another session's stream naming the branch: no rename, no fake merge, no discard", () => {
    const victim = victimBranch();
    const honest = project([victim]).get('b1')!;
    const attacked = project([victim, [
      recorded('session-thief', 'BranchCreated', { branchId: 'b1', name: 'pwned', forkRevision: 0, createdBy: 'thief' }),
      recorded('session-thief', 'BranchMerged', { branchId: 'b1', branchRevision: 9, strategy: 'theirs', changes: {}, resolutions: [] }),
      recorded('session-thief', 'BranchDiscarded', { branchId: 'b1' }),
      recorded('session-thief', 'BranchForked', { branchId: 'b1', sessionId: 'thief', name: 'stolen', parentStream: 'session-thief', parentBranchId: null, forkRevision: 0 }),
    ]]).get('b1')!;
    expect(strip(attacked)).toEqual(strip(honest));
  });

  it('gives the branch back to its own stream when another stream claimed the id first', () => {
    const squatted = project([[recorded('session-thief', 'BranchCreated', { branchId: 'b1', name: 'pwned', forkRevision: 0, createdBy: 'thief' }), ...victimBranch()]]).get('b1')!;
    expect(squatted).toMatchObject({ sessionId: 'victim', name: 'spinel_route', parentStream: 'session-victim', createdBy: null, merges: [{ branchRevision: 3 }] });
  });

  it('takes a branch of a branch from its parent branch stream, and marks a ref an import copied', () => {
    const docs = project([[
      ...victimBranch(),
      recorded('branch-b1', 'BranchCreated', { branchId: 'b2', name: 'deeper', forkRevision: 1, createdBy: 'victim' }),
      recorded('branch-b2', 'BranchForked', { branchId: 'b2', sessionId: 'victim', name: 'deeper', parentStream: 'branch-b1', parentBranchId: 'b1', forkRevision: 1 }),
      recorded('session-victim', 'BranchDiscarded', { branchId: 'b2' }),
      recorded('session-copy', 'BranchCreated', { branchId: 'c1', name: 'spinel_route', forkRevision: 2, createdBy: 'victim' }, { importedFrom: { sessionId: 'victim' } }),
    ]]);
    expect(docs.get('b2')).toMatchObject({ sessionId: 'victim', parentBranchId: 'b1', parentStream: 'branch-b1', status: 'open' });
    expect(docs.get('c1')).toMatchObject({ sessionId: 'copy', imported: true });
  });

  it('ignores events of other streams and events that name no branch', () => {
    expect(branchGraphProjection.documentId(recorded('user-u1', 'BranchCreated', { branchId: 'b1' }))).toBeNull();
    expect(branchGraphProjection.documentId(recorded('session-s', 'BranchForked', { branchId: 'b1' }))).toBeNull();
    expect(branchGraphProjection.documentId(recorded('session-s', 'BranchMerged', { branchId: 42 }))).toBeNull();
  });
});
