import type { RecordedEvent } from '@crystalyse/event-store';
import { CONTRIBUTING_EVENTS, commentsProjection, contributionsProjection, sessionContributions, type ContributionsDoc } from './collaboration.projection.js';

let position = 0n;
const recorded = (type: string, data: Record<string, unknown>, actor = 'u1', streamId = 'session-s1'): RecordedEvent => ({
  eventId: `e${++position}`, type, data: { at: `2026-01-01T00:00:0${position % 10n}.000Z`, ...data }, streamId, revision: position, position, created: '',
  metadata: { actor: { userId: actor, via: 'api' }, occurredAt: '', correlationId: '', causationId: '', schemaVersion: 1 },
});

/** Every document the events make, by id, as the runner stores them. */
function foldAll(events: RecordedEvent[]): Map<string, ContributionsDoc> {
  const docs = new Map<string, ContributionsDoc>();
  for (const e of events) {
    const id = contributionsProjection.documentId(e);
    if (id === null) continue;
    const next = contributionsProjection.evolve(docs.get(id) ?? null, e);
    if (next) docs.set(id, next);
  }
  return docs;
}
const fold = (events: RecordedEvent[]) => foldAll(events).get('s1') ?? null;

describe('contributions and comments projections', () => {
  it('counts each actor\'s queries, discoveries, materials, comments and signatures', () => {
    const doc = fold([
      recorded('QueryAsked', { queryId: 'q1' }),
      recorded('MaterialAnalysed', { formula: 'LiFePO4' }),
      recorded('DiscoveryDetected', { discoveryId: 'd1' }),
      recorded('DiscoveryRecorded', { discoveryId: 'd2' }, 'u2'),
      recorded('CommentAdded', { commentId: 'c1', authorId: 'link:l1' }, 'link:l1'),
      recorded('SignatureRecorded', { signatureId: 's1' }, 'u2'),
      recorded('QueryAsked', { queryId: 'q9' }, 'u1', 'branch-b1'),
    ]);
    expect(doc?._id).toBe('s1');
    expect(doc?.users.u1).toMatchObject({ queries: 1, materials: 1, discoveries: 1, comments: 0, signatures: 0 });
    expect(doc?.users.u2).toMatchObject({ discoveries: 1, signatures: 1 });
    expect(doc?.users['link:l1']).toMatchObject({ comments: 1 });
  });

  it('subscribes to exactly the table\'s event types, and ignores an actor named __proto__', () => {
    expect(contributionsProjection.handles.sort()).toEqual([...Object.keys(CONTRIBUTING_EVENTS), 'BranchForked'].sort());
    expect(fold([recorded('QueryAsked', { queryId: 'q1' }, '__proto__')])).toBeNull();
  });

  it('counts work done in a branch for whoever did it, once the branch\'s fork names its session', () => {
    const docs = foldAll([
      recorded('QueryAsked', { queryId: 'q1' }, 'u1'),
      recorded('QueryAsked', { queryId: 'q0' }, 'u2', 'branch-b0'), // before its fork: whose branch is unknown
      recorded('BranchForked', { branchId: 'b1', sessionId: 's1', name: 'explore' }, 'u2', 'branch-b1'),
      recorded('QueryAsked', { queryId: 'q2' }, 'u2', 'branch-b1'),
      recorded('MaterialAnalysed', { formula: 'LiMn2O4' }, 'u2', 'branch-b1'),
      recorded('QueryAsked', { queryId: 'q3' }, 'u1', 'branch-b1'),
      recorded('BranchForked', { branchId: 'x', sessionId: 's9' }, 'u2'), // in a session's stream: not a fork
    ]);
    expect([...docs.keys()].sort()).toEqual(['branch:b1', 's1']);
    expect(docs.get('branch:b1')).toMatchObject({ sessionId: 's1', users: { u2: { queries: 1, materials: 1 }, u1: { queries: 1 } } });
    expect(docs.get('s1')!.users).toEqual({ u1: expect.objectContaining({ queries: 1 }) });
    const total = sessionContributions([...docs.values()]);
    expect(total.u1).toMatchObject({ queries: 2, materials: 0 });
    expect(total.u2).toMatchObject({ queries: 1, materials: 1, discoveries: 0 });
    expect(total.u1!.lastAt).toBe([docs.get('s1')!.users.u1!.lastAt, docs.get('branch:b1')!.users.u1!.lastAt].sort().at(-1));
  });

  it('keeps one comment document per comment', () => {
    const e = recorded('CommentAdded', { commentId: 'c1', on: { turnId: 'q1' }, text: 'x', authorId: 'u1' });
    expect(commentsProjection.documentId(e)).toBe('s1/c1');
    expect(commentsProjection.evolve(null, e)).toMatchObject({ sessionId: 's1', commentId: 'c1', on: { turnId: 'q1' }, text: 'x', authorId: 'u1' });
  });
});

describe('memberships projection', () => {
  it('keeps one document per membership and deletes it when the member is removed', async () => {
    const { membershipsProjection } = await import('./collaboration.projection.js');
    const set = recorded('MemberPermissionsSet', { userId: 'u2', permissions: ['read', 'write'] });
    expect(membershipsProjection.documentId(set)).toBe('s1/u2');
    const doc = membershipsProjection.evolve(null, set);
    expect(doc).toMatchObject({ sessionId: 's1', userId: 'u2', permissions: ['read', 'write'] });
    expect(membershipsProjection.evolve(doc, recorded('MemberRemoved', { userId: 'u2' }))).toBeNull();
  });
});
