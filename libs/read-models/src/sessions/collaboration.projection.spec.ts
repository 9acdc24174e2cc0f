import type { RecordedEvent } from '@crystalyse/event-store';
import { CONTRIBUTING_EVENTS, commentsProjection, contributionsProjection, type ContributionsDoc } from './collaboration.projection.js';

let position = 0n;
const recorded = (type: string, data: Record<string, unknown>, actor = 'u1', streamId = 'session-s1'): RecordedEvent => ({
  eventId: `e${++position}`, type, data: { at: `2026-01-01T00:00:0${position % 10n}.000Z`, ...data }, streamId, revision: position, position, created: '',
  metadata: { actor: { userId: actor, via: 'api' }, occurredAt: '', correlationId: '', causationId: '', schemaVersion: 1 },
});

const fold = (events: RecordedEvent[]) =>
  events.reduce<ContributionsDoc | null>((doc, e) => (contributionsProjection.documentId(e) ? contributionsProjection.evolve(doc, e) : doc), null);

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
    expect(contributionsProjection.handles.sort()).toEqual(Object.keys(CONTRIBUTING_EVENTS).sort());
    expect(fold([recorded('QueryAsked', { queryId: 'q1' }, '__proto__')])).toBeNull();
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
