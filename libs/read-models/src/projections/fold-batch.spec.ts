import type { RecordedEvent } from '@crystalyse/event-store';
import { usersProjection, type UserDoc } from '../testing/example-projections.js';
import { testEvent } from '../testing/in-memory-event-store.js';
import { foldBatch, touchedIds } from './fold-batch.js';

let position = 0n;
function recorded(streamId: string, type: string, data: unknown): RecordedEvent {
  position += 10n;
  return { ...testEvent(type, data), streamId, revision: 0n, position, created: '2030-01-01T00:00:00Z' };
}

describe('foldBatch', () => {
  const ada = { _id: 'u1', name: 'Ada', email: 'ada@x.org', roles: [], renames: 0, registeredAt: 't', _position: 5 } as UserDoc;

  it('folds events in order per document and stamps the last position', () => {
    const events = [
      recorded('user-u2', 'UserRegistered', { name: 'Grace', email: 'g@x.org' }),
      recorded('user-u1', 'UserRenamed', { name: 'Ada K' }),
      recorded('user-u2', 'RoleGranted', { role: 'admin' }),
    ];
    expect(touchedIds(usersProjection, events)).toEqual(['u2', 'u1']);
    const { writes, applied, skipped } = foldBatch(usersProjection, events, [ada]);
    expect({ applied, skipped }).toEqual({ applied: 3, skipped: 0 });
    expect(writes).toEqual([
      { kind: 'put', collection: 'test_users', document: expect.objectContaining({ _id: 'u2', roles: ['admin'], _position: Number(events[2]!.position) }) },
      { kind: 'put', collection: 'test_users', document: expect.objectContaining({ _id: 'u1', name: 'Ada K', renames: 1, _position: Number(events[1]!.position) }) },
    ]);
  });

  it('skips events a stored document has already seen', () => {
    const renamed = recorded('user-u1', 'UserRenamed', { name: 'Ada K' });
    const stored = { ...ada, name: 'Ada K', renames: 1, _position: Number(renamed.position) };
    expect(foldBatch(usersProjection, [renamed], [stored])).toEqual({ writes: [], applied: 0, skipped: 1, failed: [] });
  });

  it('leaves out an event the projection throws on, with its error, and folds the others', () => {
    const poisoned = { ...usersProjection, evolve: (doc: UserDoc | null, event: RecordedEvent) => {
      if ((event.data as { poison?: boolean }).poison) throw new Error('cannot apply');
      return usersProjection.evolve(doc, event);
    } };
    const events = [
      recorded('user-u1', 'UserRenamed', { name: 'Ada K' }),
      recorded('user-u1', 'UserRenamed', { name: 'Ada X', poison: true }),
      recorded('user-u1', 'RoleGranted', { role: 'admin' }),
    ];
    const { writes, applied, failed } = foldBatch(poisoned, events, [ada]);
    expect(applied).toBe(2);
    expect(failed).toEqual([{ event: events[1], error: new Error('cannot apply') }]);
    expect(writes).toEqual([{ kind: 'put', collection: 'test_users', document: expect.objectContaining({ name: 'Ada K', roles: ['admin'], _position: Number(events[2]!.position) }) }]);
    const noId = { ...usersProjection, documentId: () => { throw new TypeError('no id'); } };
    expect(foldBatch(noId, events.slice(0, 1), [ada]).failed).toEqual([{ event: events[0], error: new TypeError('no id') }]);
  });

  it('deletes documents that existed, and writes nothing for no-change or never-existing ones', () => {
    const events = [
      recorded('user-u1', 'UserDeleted', {}),
      recorded('user-u3', 'UserRenamed', { name: 'ghost' }), // no such user: evolve(null) → null
      recorded('session-s1', 'UserRenamed', { name: 'not a user stream' }),
    ];
    expect(foldBatch(usersProjection, events, [ada]).writes).toEqual([{ kind: 'delete', collection: 'test_users', id: 'u1' }]);
    const admin = { ...ada, roles: ['admin'] };
    expect(foldBatch(usersProjection, [recorded('user-u1', 'RoleGranted', { role: 'admin' })], [admin]).writes).toEqual([]);
  });

  it('creates a document again after a delete in the same batch', () => {
    const events = [recorded('user-u1', 'UserDeleted', {}), recorded('user-u1', 'UserRegistered', { name: 'Ada 2', email: 'a2@x.org' })];
    const { writes } = foldBatch(usersProjection, events, [ada]);
    expect(writes).toEqual([{ kind: 'put', collection: 'test_users', document: expect.objectContaining({ _id: 'u1', name: 'Ada 2' }) }]);
  });
});
