import { ConflictError, NotFound, ValidationError } from '../../errors.js';
import { recordedDiscovery } from '../../testing/agent.fixtures.js';
import { forkSession, mergeCommand, playOn } from '../../testing/branch.fixtures.js';
import { at, command, createCommand, created, event, given, OWNER, play, recorded, started } from '../../testing/session.fixtures.js';
import { decideConcurrent, fieldsTouched } from '../concurrency/index.js';
import { foldSession } from '../core/decider.js';
import type { SessionEvent } from '../core/events.js';
import { eventsFromBackup, exportSession } from '../export/index.js';

const withDiscovery = () => [created(), started(), recordedDiscovery('d1')];
const pin = (discoveryId = 'd1') => command('PinDiscovery', { discoveryId });
const unpin = (discoveryId = 'd1') => command('UnpinDiscovery', { discoveryId });
const pinned = (discoveryId = 'd1', data?: { at?: string }) => event('DiscoveryPinned', { discoveryId, pinned: true, ...data });
const unpinned = (discoveryId = 'd1') => event('DiscoveryPinned', { discoveryId, pinned: false });

describe('pinned discoveries', () => {
  it('pins a discovery, and its record says so', () => {
    given(withDiscovery()).when(pin()).thenState((state, events) => {
      expect(events).toEqual([pinned()]);
      expect(state.workspace.discoveries.values()[0]).toMatchObject({ id: 'd1', pinned: true });
    });
  });

  it('unpins it, and the record holds no pin any more (as before it was pinned)', () => {
    given([...withDiscovery(), pinned()]).when(unpin()).thenState((state, events) => {
      expect(events).toEqual([unpinned()]);
      expect(state.workspace.discoveries.values()[0]).not.toHaveProperty('pinned');
      expect(state.workspace.discoveries).toEqual(foldSession(withDiscovery()).workspace.discoveries);
    });
  });

  it('appends nothing when pinning what is pinned, or unpinning what is not: a retry', () => {
    given([...withDiscovery(), pinned()]).when(pin()).then([]);
    given(withDiscovery()).when(unpin()).then([]);
    given([...withDiscovery(), pinned(), unpinned()]).when(unpin()).then([]);
  });

  it('leaves the rest of the record as it was: status, review, tags', () => {
    const reviewed = [...withDiscovery(), event('DiscoveryValidated', { discoveryId: 'd1', note: 'matches' }), event('DiscoveryTagged', { discoveryId: 'd1', tags: ['olivine'] })];
    given(reviewed).when(pin()).thenState((state) => {
      expect(state.workspace.discoveries.values()[0]).toEqual({ ...foldSession(reviewed).workspace.discoveries.values()[0], pinned: true });
    });
  });

  it('refuses a discovery the session does not have, naming it', () => {
    given(withDiscovery()).when(pin('d9')).thenThrows(NotFound, /discovery d9/);
    given(withDiscovery()).when(unpin('d9')).thenThrows(NotFound, /discovery d9/);
  });

  it.each([['a/b'], [''], [42]])('refuses the id %p, naming the field', (discoveryId) => {
    given(withDiscovery()).when(command('PinDiscovery', { discoveryId: discoveryId as string })).thenThrows(ValidationError, (e) => expect(e.field).toBe('discoveryId'));
  });

  it('writes the discovery\'s pin only: a pin that another writer changed in between is a conflict', () => {
    expect(fieldsTouched(pin())).toEqual(['workspace.discoveryPins.d1']);
    const based = foldSession(withDiscovery());
    const current = foldSession([...withDiscovery(), pinned()]);
    // Unpinning what the caller saw unpinned, while someone pinned it: say so, do not guess.
    expect(() => decideConcurrent(unpin(), based, current)).toThrow(ConflictError);
    // Pinning it too is the same change: rebased, and nothing left to record.
    expect(decideConcurrent(pin(), based, current)).toEqual([]);
    // A tag added in between is another field.
    const tagged = foldSession([...withDiscovery(), event('DiscoveryTagged', { discoveryId: 'd1', tags: ['olivine'] })]);
    expect(decideConcurrent(pin(), based, tagged)).toEqual([pinned()]);
  });

  it('is decided again by an import, which refuses a pin of a discovery the backup does not hold', () => {
    const events = play([createCommand(), command('RecordDiscovery', {
      discoveryId: 'd1', category: 'stability_insight', description: 'stable', materials: [], evidence: null, confidence: 0.8,
    }), pin(), unpin(), command('PinDiscovery', { discoveryId: 'd1', at: at(5) })]);
    const backup = JSON.parse(JSON.stringify(exportSession(foldSession(events), recorded(events), { includeEvents: true, exportedAt: at(59) })));
    const options = { newSessionId: 'sess-2', importerId: 'user_456', at: at(60), branchIdFor: (old: string) => `copy-${old}` };
    const imported = eventsFromBackup(backup, options).map((e) => e.event);
    expect(foldSession(imported).workspace.discoveries.values()[0]).toMatchObject({ id: 'd1', pinned: true });

    backup.events[2].data.discoveryId = 'd9';
    expect(() => eventsFromBackup(backup, options)).toThrow(expect.objectContaining({ field: 'events[2].data.discoveryId' }));
  });

  it('travels with a merge: a pin made in a branch reaches the parent, and the merge imports', () => {
    const session = play([createCommand(), command('StartSession'), command('RecordDiscovery', {
      discoveryId: 'd1', category: 'stability_insight', description: 'stable', materials: [], evidence: null, confidence: 0.8,
    })]);
    const { parent, branch, base } = forkSession(session);
    const branchEvents = playOn(base, [command('PinDiscovery', { discoveryId: 'd1', at: at(10) })], branch);
    const merged: SessionEvent[] = play([mergeCommand(parent, branchEvents, base)], parent);
    expect(foldSession(merged).workspace.discoveries.values()[0]).toMatchObject({ id: 'd1', pinned: true });

    const backup = JSON.parse(JSON.stringify(exportSession(foldSession(merged), recorded(merged), { includeEvents: true, exportedAt: at(59) })));
    const imported = eventsFromBackup(backup, { newSessionId: 'sess-2', importerId: OWNER, at: at(60), branchIdFor: (old) => `copy-${old}` });
    expect(foldSession(imported.map((e) => e.event)).workspace.discoveries.values()[0]).toMatchObject({ id: 'd1', pinned: true });
  });
});
