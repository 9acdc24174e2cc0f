import { CheckpointNotFound, IllegalTransition, NotFound, ValidationError, BranchRefused } from '../../errors.js';
import { answerCommand, recordedDiscovery } from '../../testing/agent.fixtures.js';
import { forkSession, mergeCommand, playOn } from '../../testing/branch.fixtures.js';
import { archived, at, command, created, event, given, OWNER, paused, play, recorded, SESSION_ID, started } from '../../testing/session.fixtures.js';
import { foldSession } from '../core/decider.js';
import { stateAtRevision } from '../time-travel/index.js';
import type { SessionEvent } from '../core/events.js';
import { eventsFromBackup, exportSession } from '../export/index.js';
import { checkpointContent, contentHash, discoveryHash } from './content.js';
import { importedSignatureValidity, importedSignaturesIn, signatureValidity, signaturesIn } from './validity.js';

const HASH = 'a'.repeat(64);
const withDiscoveryAndCheckpoint = (): SessionEvent[] => [
  created(),
  started(),
  recordedDiscovery('d1'),
  event('CheckpointSaved', { name: 'cp1', revision: 2, savedBy: OWNER }),
];
const sign = (target: { checkpoint: string } | { discoveryId: string }, extra: { contentHash?: string; meaning?: 'authored' | 'reviewed' | 'approved' } = {}) =>
  command('RecordSignature', { signatureId: 'sig-1', target, meaning: extra.meaning ?? 'reviewed', signerName: 'Ada Lovelace', ...('contentHash' in extra ? { contentHash: extra.contentHash } : {}) });

describe('signatures', () => {
  describe('signing a discovery', () => {
    it('records signer, meaning, time and the hash of the discovery as recorded', () => {
      const history = withDiscoveryAndCheckpoint();
      const record = foldSession(history).workspace.discoveries.get('d1')!;
      given(history).when(sign({ discoveryId: 'd1' }, { meaning: 'approved' })).thenState((state, events) => {
        expect(events).toEqual([
          event('SignatureRecorded', { signatureId: 'sig-1', signerId: OWNER, signerName: 'Ada Lovelace', meaning: 'approved', target: { discoveryId: 'd1' }, contentHash: discoveryHash(record), at: at() }),
        ]);
        // A signature changes nothing the session holds.
        expect(state.workspace).toEqual(foldSession(history).workspace);
      });
    });

    it('hashes the record without its pin: pinning is not an edit', () => {
      const history = withDiscoveryAndCheckpoint();
      const before = discoveryHash(foldSession(history).workspace.discoveries.get('d1')!);
      const after = foldSession([...history, event('DiscoveryPinned', { discoveryId: 'd1', pinned: true })]).workspace.discoveries.get('d1')!;
      expect(discoveryHash(after)).toBe(before);
    });

    it('refuses an unknown discovery, and a hash given for a discovery', () => {
      given(withDiscoveryAndCheckpoint()).when(sign({ discoveryId: 'd-none' })).thenThrows(NotFound, /discovery d-none/);
      given(withDiscoveryAndCheckpoint()).when(sign({ discoveryId: 'd1' }, { contentHash: HASH })).thenThrows(ValidationError, (e) => expect(e.field).toBe('contentHash'));
    });
  });

  describe('signing a checkpoint', () => {
    it('records the revision the name marks and the hash the application computed', () => {
      given(withDiscoveryAndCheckpoint()).when(sign({ checkpoint: 'cp1' }, { contentHash: HASH })).then([
        event('SignatureRecorded', { signatureId: 'sig-1', signerId: OWNER, signerName: 'Ada Lovelace', meaning: 'reviewed', target: { checkpoint: 'cp1', revision: 2 }, contentHash: HASH }),
      ]);
    });

    it('refuses an unknown checkpoint and a missing or malformed hash', () => {
      given(withDiscoveryAndCheckpoint()).when(sign({ checkpoint: 'nope' }, { contentHash: HASH })).thenThrows(CheckpointNotFound);
      given(withDiscoveryAndCheckpoint()).when(sign({ checkpoint: 'cp1' })).thenThrows(ValidationError, (e) => expect(e.field).toBe('contentHash'));
      given(withDiscoveryAndCheckpoint()).when(sign({ checkpoint: 'cp1' }, { contentHash: 'ABC' })).thenThrows(ValidationError, (e) => expect(e.field).toBe('contentHash'));
    });
  });

  describe('input', () => {
    it('names the field of a bad target, meaning or signer name', () => {
      const history = withDiscoveryAndCheckpoint();
      const bad = (data: Record<string, unknown>) => ({ ...sign({ discoveryId: 'd1' }), data: { ...sign({ discoveryId: 'd1' }).data, ...data } }) as ReturnType<typeof sign>;
      given(history).when(bad({ target: { checkpoint: 'cp1', discoveryId: 'd1' } })).thenThrows(ValidationError, (e) => expect(e.field).toBe('target'));
      given(history).when(bad({ target: 'd1' })).thenThrows(ValidationError, (e) => expect(e.field).toBe('target'));
      given(history).when(bad({ target: { discoveryId: '../x' } })).thenThrows(ValidationError, (e) => expect(e.field).toBe('target.discoveryId'));
      given(history).when(bad({ meaning: 'witnessed' })).thenThrows(ValidationError, (e) => expect(e.field).toBe('meaning'));
      given(history).when(bad({ signerName: '   ' })).thenThrows(ValidationError, (e) => expect(e.field).toBe('signerName'));
    });
  });

  describe('access and status', () => {
    it('lets only someone who may change the session sign (a stranger learns nothing)', () => {
      given(withDiscoveryAndCheckpoint()).when(command('RecordSignature', { ...sign({ discoveryId: 'd1' }).data, actorId: 'user_999' })).thenThrows(NotFound, /session/);
    });

    it('signs in any status but archived', () => {
      const history = withDiscoveryAndCheckpoint();
      given([...history, paused()]).when(sign({ discoveryId: 'd1' })).thenState((_s, events) => expect(events).toHaveLength(1));
      given([...history, paused(), archived()]).when(sign({ discoveryId: 'd1' })).thenThrows(IllegalTransition, /archived/);
    });

    it('is refused on a branch: signatures are the session\'s own', () => {
      const { branch, base } = forkSession(withDiscoveryAndCheckpoint());
      expect(() => playOn(base, [sign({ discoveryId: 'd1' })], branch)).toThrow(BranchRefused);
    });
  });

  describe('validity', () => {
    const signedDiscovery = (history: SessionEvent[]) =>
      event('SignatureRecorded', { signatureId: 's1', signerId: OWNER, signerName: 'Ada', meaning: 'reviewed', target: { discoveryId: 'd1' }, contentHash: discoveryHash(foldSession(history).workspace.discoveries.get('d1')!) });
    const stateAt = (events: SessionEvent[]) => (revision: number) => stateAtRevision(events, revision);

    it('holds while the discovery is as signed, and not once it is edited (tagged, reviewed) or gone', async () => {
      const history = withDiscoveryAndCheckpoint();
      const events = [...history, signedDiscovery(history)];
      const [signature] = signaturesIn(events);
      expect(await signatureValidity(signature!, foldSession(events), stateAt(events))).toEqual({ valid: true });
      const tagged = [...events, event('DiscoveryTagged', { discoveryId: 'd1', tags: ['olivine'] })];
      expect(await signatureValidity(signature!, foldSession(tagged), stateAt(tagged))).toMatchObject({ valid: false, reason: /changed after it was signed/ });
      const validated = [...events, event('DiscoveryValidated', { discoveryId: 'd1' })];
      expect((await signatureValidity(signature!, foldSession(validated), stateAt(validated))).valid).toBe(false);
      const pinned = [...events, event('DiscoveryPinned', { discoveryId: 'd1', pinned: true })];
      expect((await signatureValidity(signature!, foldSession(pinned), stateAt(pinned))).valid).toBe(true);
    });

    it('holds for a checkpoint while its name marks the revision signed and the content there hashes the same', async () => {
      const history = withDiscoveryAndCheckpoint();
      const hash = contentHash(checkpointContent('cp1', 2, stateAtRevision(history, 2)));
      const events = [...history, event('SignatureRecorded', { signatureId: 's2', signerId: OWNER, signerName: 'Ada', meaning: 'approved', target: { checkpoint: 'cp1', revision: 2 }, contentHash: hash })];
      const [signature] = signaturesIn(events);
      expect(await signatureValidity(signature!, foldSession(events), stateAt(events))).toEqual({ valid: true });
      // Work after the checkpoint does not change what it marks.
      const later = [...events, recordedDiscovery('d2')];
      expect(await signatureValidity(signature!, foldSession(later), stateAt(later))).toEqual({ valid: true });
      // The same name at another revision (as a log rewritten or a reused name would give) is another checkpoint.
      const moved = [...history.slice(0, 3), recordedDiscovery('d2'), event('CheckpointSaved', { name: 'cp1', revision: 3, savedBy: OWNER })];
      expect(await signatureValidity(signature!, foldSession(moved), stateAt(moved))).toMatchObject({ valid: false, reason: /revision 3, not 2/ });
      // Content at the revision that no longer hashes the same (an altered log).
      const altered = [created(), started(), recordedDiscovery('d1', { description: 'something else' }), event('CheckpointSaved', { name: 'cp1', revision: 2, savedBy: OWNER })];
      expect(await signatureValidity(signature!, foldSession(altered), stateAt(altered))).toMatchObject({ valid: false, reason: /no longer hashes/ });
    });
  });

  describe('import', () => {
    const IMPORTER = 'user_456';
    const backupOf = (events: SessionEvent[]) =>
      JSON.parse(JSON.stringify(exportSession(foldSession(events), recorded(events), { includeEvents: true, exportedAt: at(50) })));
    const importOf = (doc: unknown, sessionId = 'sess-2') =>
      eventsFromBackup(doc, { newSessionId: sessionId, importerId: IMPORTER, branchIdFor: (b) => `n-${b}`, at: at(60) }).map((e) => e.event);
    /** A session whose discovery and checkpoint are signed, as the service records it. */
    const signedSession = (history = withDiscoveryAndCheckpoint()) => {
      const checkpoint = foldSession(history).governance.checkpoints.get('cp1')!;
      const hash = contentHash(checkpointContent('cp1', checkpoint.revision, stateAtRevision(history, checkpoint.revision)));
      return play([
        command('RecordSignature', { signatureId: 'sig-d', target: { discoveryId: 'd1' }, meaning: 'reviewed', signerName: 'Ada Lovelace', at: at(20) }),
        command('RecordSignature', { signatureId: 'sig-c', target: { checkpoint: 'cp1' }, meaning: 'approved', signerName: 'Ada Lovelace', contentHash: hash, at: at(21) }),
      ], history);
    };
    const refusal = (doc: unknown) => {
      try {
        importOf(doc);
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        return error as ValidationError;
      }
      throw new Error('the import was not refused');
    };

    it('carries a signature over as a fact of the original (signed in it, by its signer, over its hash), never as one of the copy', () => {
      const events = signedSession();
      const imported = importOf(backupOf(events));
      expect(imported.map((e) => e.type)).toEqual([...events.map((e) => e.type).slice(0, -2), 'SignatureImported', 'SignatureImported', 'SessionImported']);
      expect(imported.slice(-3, -1).map((e) => e.data)).toEqual(events.slice(-2).map((e) => ({ ...e.data, signedIn: SESSION_ID })));
      expect(signaturesIn(imported)).toEqual([]);
      expect(importedSignaturesIn(imported).map((s) => [s.signatureId, s.signerId, s.signedIn])).toEqual([['sig-d', OWNER, SESSION_ID], ['sig-c', OWNER, SESSION_ID]]);
      const copy = foldSession(imported);
      expect(copy.workspace).toEqual(foldSession(events).workspace);
      for (const signature of importedSignaturesIn(imported)) expect(importedSignatureValidity(signature, copy)).toEqual({ valid: true });
      // The copy's own signing is untouched: the importer signs the copy again, as its own.
      const signedAgain = play([command('RecordSignature', { sessionId: 'sess-2', actorId: IMPORTER, signatureId: 'sig-d', target: { discoveryId: 'd1' }, meaning: 'reviewed', signerName: 'Bob', at: at(61) })], imported);
      expect(signaturesIn(signedAgain).map((s) => s.signerId)).toEqual([IMPORTER]);
      // A copy of the copy keeps naming the session the signature was made in.
      expect(importedSignaturesIn(importOf(backupOf(imported), 'sess-3')).map((s) => s.signedIn)).toEqual([SESSION_ID, SESSION_ID]);
    });

    it('reads a carried signature invalid once its target changes in the copy', () => {
      const imported = importOf(backupOf(signedSession()));
      const edited = foldSession([...imported, event('DiscoveryTagged', { discoveryId: 'd1', tags: ['olivine'] })]);
      expect(importedSignatureValidity(importedSignaturesIn(imported)[0]!, edited)).toMatchObject({ valid: false, reason: /changed after it was signed/ });
    });

    it('checks a checkpoint\'s hash against the backup\'s own history, whose merged records the copy gives new branch ids', () => {
      const session = play([command('AddHypothesis', { hypothesisId: 'h1', statement: 'olivine', at: at(2) })], [created(), started(), recordedDiscovery('d1')]);
      const { parent, branch, base } = forkSession(session, { minute: 3 });
      const worked = playOn(base, [command('AskQuery', { queryId: 'qb', text: 'What about spinels?', at: at(4) }), answerCommand('qb', { at: at(5) })], branch);
      const merged = play([mergeCommand(parent, worked, base, 'merge', 6), command('SaveCheckpoint', { name: 'cp1', at: at(7) })], parent);
      const imported = importOf(backupOf(signedSession(merged)));
      expect(foldSession(imported).workspace.conversation.get('qb')!.origin).toEqual({ branchId: 'n-br-1' });
      expect(importedSignaturesIn(imported).map((s) => s.signatureId)).toEqual(['sig-d', 'sig-c']);
    });

    it('refuses a carried signature the backup does not bear out, naming the field', () => {
      const doc = backupOf(signedSession());
      const [d, c] = [doc.events.length - 2, doc.events.length - 1];
      const forged = (edit: (events: any[]) => void) => {
        const copy = JSON.parse(JSON.stringify(doc));
        edit(copy.events);
        return refusal(copy).field;
      };
      expect(forged((e) => void (e[d].data.contentHash = HASH))).toBe(`events[${d}].data.contentHash`);
      expect(forged((e) => void (e[c].data.contentHash = HASH))).toBe(`events[${c}].data.contentHash`);
      expect(forged((e) => void (e[d].data.target = { discoveryId: 'd-none' }))).toBe(`events[${d}].data.target`);
      expect(forged((e) => void (e[c].data.target = { checkpoint: 'cp1', revision: 1 }))).toBe(`events[${c}].data.target`);
      expect(forged((e) => void (e[d].data.signerId = 'x'.repeat(300)))).toBe(`events[${d}].data.signerId`);
      // Nor in a status that refuses signing.
      const archivedFirst = JSON.parse(JSON.stringify(doc));
      archivedFirst.events.splice(d, 0, ...[['SessionPaused', 18], ['SessionArchived', 19]].map(([type, minute]) => ({ ...doc.events[1], eventId: `${type}`, type, data: { at: at(minute as number) } })));
      archivedFirst.events.forEach((e: { revision: string }, i: number) => (e.revision = String(i)));
      expect(refusal(archivedFirst)).toMatchObject({ field: `events[${d + 2}].type`, message: /archived/ });
    });
  });
});
