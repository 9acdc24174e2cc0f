import { Forbidden, NotFound, SessionNotFound, ValidationError } from '../../errors.js';
import { answered, asked, recordedDiscovery } from '../../testing/agent.fixtures.js';
import { at, command, createCommand, created, event, given, OWNER, play, prepared, recorded, started, STRANGER } from '../../testing/session.fixtures.js';
import { foldSession } from '../core/decider.js';
import type { SessionEvent } from '../core/events.js';
import { linkActor, permissionsOf } from '../core/access.js';
import { OPERATIONS, permissionForCommand } from '../core/permissions.js';
import { PERMISSIONS } from '../core/state.js';
import { eventsFromBackup, exportSession } from '../export/index.js';
import { forkSession, mergeCommand, playOn } from '../../testing/branch.fixtures.js';
import { branchBaseState } from '../branches/index.js';
import { diffSessions, stateAtRevision } from '../time-travel/index.js';
import { sessionView } from '../core/view.js';

const ALICE = 'alice';
const HASH = 'a'.repeat(64);
const active = () => [created(), started()];
const setPermissions = (userId: string, permissions: string[], data: { reason?: string; actorId?: string } = {}) =>
  command('SetMemberPermissions', { userId, permissions: permissions as never, ...data });
const permissionsSet = (userId: string, permissions: string[], data: { reason?: string } = {}) =>
  event('MemberPermissionsSet', { userId, permissions: permissions as never, ...data });
const removed = (userId: string, reason?: string) => event('MemberRemoved', { userId, ...(reason ? { reason } : {}) });
const linkCreated = (linkId = 'l1', permissions: 'read' | 'comment' = 'read', expiresAt = at(60)) =>
  event('ShareLinkCreated', { linkId, tokenHash: HASH, permissions, expiresAt, createdBy: OWNER });

describe('members and permissions', () => {
  it('adds a member with read always among their permissions, in the table\'s order', () => {
    given(active()).when(setPermissions(ALICE, ['add_materials', 'write'])).thenState((state, events) => {
      expect(events).toEqual([permissionsSet(ALICE, ['read', 'write', 'add_materials'])]);
      expect(permissionsOf(state, ALICE)).toEqual(['read', 'write', 'add_materials']);
    });
  });

  it('records the reason of a change, and appends nothing when nothing changes', () => {
    given(active()).when(setPermissions(ALICE, ['read'], { reason: 'reviewer' })).then([permissionsSet(ALICE, ['read'], { reason: 'reviewer' })]);
    given([...active(), permissionsSet(ALICE, ['read', 'comment'])]).when(setPermissions(ALICE, ['comment', 'read', 'comment'])).then([]);
  });

  it('refuses unknown permissions, an empty list and a bad user id, naming the field', () => {
    given(active()).when(setPermissions(ALICE, ['admin'])).thenThrows(ValidationError, (e) => expect(e.field).toBe('permissions[0]'));
    given(active()).when(setPermissions(ALICE, [])).thenThrows(ValidationError, (e) => expect(e.field).toBe('permissions'));
    given(active()).when(setPermissions('a/b', ['read'])).thenThrows(ValidationError, (e) => expect(e.field).toBe('userId'));
    given(active()).when(setPermissions('__proto__', ['read'])).thenThrows(ValidationError, (e) => expect(e.field).toBe('userId'));
    expect(permissionsOf(foldSession(active()), 'constructor')).toEqual([]);
  });

  it('never changes or removes the owner', () => {
    given(active()).when(setPermissions(OWNER, ['read'])).thenThrows(ValidationError, /owner/);
    given(active()).when(command('RemoveMember', { userId: OWNER })).thenThrows(ValidationError, /owner cannot be removed/);
  });

  it('removes a member with a reason recorded, who then sees nothing', () => {
    given([...active(), permissionsSet(ALICE, ['read', 'write'])]).when(command('RemoveMember', { userId: ALICE, reason: 'left the project' })).thenState((state, events) => {
      expect(events).toEqual([removed(ALICE, 'left the project')]);
      expect(permissionsOf(state, ALICE)).toEqual([]);
    });
    given(active()).when(command('RemoveMember', { userId: ALICE })).thenThrows(NotFound, /member alice/);
  });

  it('lets a member do what their permissions allow and nothing else', () => {
    const writer = [...active(), permissionsSet(ALICE, ['read', 'write'])];
    given(writer).when(command('SetFocus', { focus: 'cathodes', actorId: ALICE })).then([event('FocusSet', { focus: 'cathodes' })]);
    given(writer).when(command('PauseSession', { actorId: ALICE })).thenThrows(Forbidden, /manage/);
    given(writer).when(setPermissions('bob', ['read'], { actorId: ALICE })).thenThrows(Forbidden, /manage/);
    given([...active(), permissionsSet(ALICE, ['read'])]).when(command('SetFocus', { focus: 'x', actorId: ALICE })).thenThrows(Forbidden, /write/);
  });

  it('answers a stranger and a removed member as if the session did not exist', () => {
    given(active()).when(command('SetFocus', { focus: 'x', actorId: STRANGER })).thenThrows(SessionNotFound);
    given([...active(), permissionsSet(ALICE, ['read', 'write']), removed(ALICE)]).when(command('SetFocus', { focus: 'x', actorId: ALICE })).thenThrows(SessionNotFound);
  });

  it('a restore of a checkpoint saved while a removed member had access does not give it back', () => {
    const history: SessionEvent[] = [
      ...active(),
      permissionsSet(ALICE, ['read', 'write']),
      event('FocusSet', { focus: 'before' }),
      event('CheckpointSaved', { name: 'with-alice', revision: 3, savedBy: OWNER }),
      removed(ALICE, 'left'),
    ];
    given(history).when(prepared(command('RestoreCheckpoint', { name: 'with-alice' }), history)).thenState((state, events) => {
      expect(events.map((e) => e.type)).toEqual(['CheckpointRestored']);
      expect(permissionsOf(state, ALICE)).toEqual([]);
      expect(state.workspace.focus).toBe('before');
    });
  });
});

describe('members and branches', () => {
  it('a member removed after a branch was forked is out of the branch at once, and a merge does not bring them back', () => {
    const session = play([createCommand(), command('StartSession'), setPermissions(ALICE, ['write'])]);
    const { parent, branch, base } = forkSession(session);
    // Alice works in the branch while a member.
    const branchEvents = playOn(base, [command('SetFocus', { focus: 'spinel', actorId: ALICE, at: at(5) })], branch);
    const removedNow = play([command('RemoveMember', { userId: ALICE, reason: 'left', at: at(10) })], parent);
    // The branch folds on the session's governance now: she can do nothing there any more.
    const baseNow = branchBaseState(foldSession(removedNow), stateAtRevision(session, session.length - 1));
    expect(() => playOn(baseNow, [command('SetFocus', { focus: 'x', actorId: ALICE, at: at(11) })], branchEvents)).toThrow(SessionNotFound);
    const merged = play([mergeCommand(removedNow, branchEvents, base)], removedNow);
    const state = foldSession(merged);
    expect(state.workspace.focus).toBe('spinel');
    expect(permissionsOf(state, ALICE)).toEqual([]);
  });
});

describe('comments', () => {
  const withTurn = () => [...active(), asked('q1'), answered('q1'), recordedDiscovery('d1')];

  it('records a comment on a turn or a discovery with its author', () => {
    given([...withTurn(), permissionsSet(ALICE, ['read', 'comment'])])
      .when(command('AddComment', { commentId: 'c1', on: { turnId: 'q1' }, text: 'check the voltage', actorId: ALICE }))
      .then([event('CommentAdded', { commentId: 'c1', on: { turnId: 'q1' }, text: 'check the voltage', authorId: ALICE })]);
    given(withTurn()).when(command('AddComment', { commentId: 'c2', on: { discoveryId: 'd1' }, text: 'agreed' }))
      .then([event('CommentAdded', { commentId: 'c2', on: { discoveryId: 'd1' }, text: 'agreed', authorId: OWNER })]);
  });

  it('refuses an unknown target, a target of two kinds, and empty text', () => {
    given(withTurn()).when(command('AddComment', { commentId: 'c1', on: { turnId: 'q9' }, text: 'x' })).thenThrows(NotFound, /turn q9/);
    given(withTurn()).when(command('AddComment', { commentId: 'c1', on: { turnId: 'q1', discoveryId: 'd1' } as never, text: 'x' })).thenThrows(ValidationError, (e) => expect(e.field).toBe('on'));
    given(withTurn()).when(command('AddComment', { commentId: 'c1', on: { turnId: 'q1' }, text: '' })).thenThrows(ValidationError, (e) => expect(e.field).toBe('text'));
  });

  it('needs the comment permission: a reader is refused', () => {
    given([...withTurn(), permissionsSet(ALICE, ['read'])]).when(command('AddComment', { commentId: 'c1', on: { turnId: 'q1' }, text: 'x', actorId: ALICE })).thenThrows(Forbidden, /comment/);
  });
});

describe('share links', () => {
  it('keeps only the hash of the token, and a link acts as a reader (or commenter) until it expires', () => {
    given(active()).when(command('CreateShareLink', { linkId: 'l1', tokenHash: HASH, permissions: 'comment', expiresAt: at(60) })).thenState((state, events) => {
      expect(events).toEqual([linkCreated('l1', 'comment')]);
      expect(permissionsOf(state, linkActor('l1'), at(59))).toEqual(['read', 'comment']);
      expect(permissionsOf(state, linkActor('l1'), at(60))).toEqual([]);
      expect(permissionsOf(state, linkActor('l2'), at(1))).toEqual([]);
    });
  });

  it('revokes a link with a reason; a revoked link grants nothing, and revoking again appends nothing', () => {
    given([...active(), linkCreated()]).when(command('RevokeShareLink', { linkId: 'l1', reason: 'sent to the wrong list' })).thenState((state, events) => {
      expect(events).toEqual([event('ShareLinkRevoked', { linkId: 'l1', reason: 'sent to the wrong list' })]);
      expect(permissionsOf(state, linkActor('l1'), at(1))).toEqual([]);
    });
    given([...active(), linkCreated(), event('ShareLinkRevoked', { linkId: 'l1' })]).when(command('RevokeShareLink', { linkId: 'l1' })).then([]);
    given(active()).when(command('RevokeShareLink', { linkId: 'l9' })).thenThrows(NotFound, /share link l9/);
  });

  it('refuses a past expiry, a token that is not a hash and a read link that comments', () => {
    given(active()).when(command('CreateShareLink', { linkId: 'l1', tokenHash: HASH, permissions: 'read', expiresAt: at(0) })).thenThrows(ValidationError, (e) => expect(e.field).toBe('expiresAt'));
    given(active()).when(command('CreateShareLink', { linkId: 'l1', tokenHash: 'secret', permissions: 'read', expiresAt: at(9) })).thenThrows(ValidationError, (e) => expect(e.field).toBe('tokenHash'));
    given(active()).when(command('CreateShareLink', { linkId: 'l1', tokenHash: HASH, permissions: 'write' as never, expiresAt: at(9) })).thenThrows(ValidationError, (e) => expect(e.field).toBe('permissions'));
    given([...active(), asked('q1'), answered('q1'), linkCreated('l1', 'read')])
      .when(command('AddComment', { commentId: 'c1', on: { turnId: 'q1' }, text: 'x', actorId: linkActor('l1'), at: at(2) })).thenThrows(Forbidden, /comment/);
  });

  it('shows readers the links without their token hashes: in the state, at any revision, and in a diff', () => {
    given([...active(), linkCreated()]).when(command('RevokeShareLink', { linkId: 'l1', reason: 'leaked' })).thenState((state, events) => {
      const history = [...active(), linkCreated(), ...events];
      expect(state.governance.shareLinks.l1!.tokenHash).toBe(HASH);
      expect(sessionView(state).governance.shareLinks).toEqual({ l1: { linkId: 'l1', permissions: 'read', expiresAt: at(60), createdAt: at(), createdBy: OWNER, revokedAt: at(), revokeReason: 'leaked' } });
      expect(JSON.stringify(sessionView(stateAtRevision(history, 2)))).not.toContain(HASH);
      const diff = diffSessions(stateAtRevision(history, 1), state);
      expect(diff.governance.shareLinks.added).toEqual([{ key: 'l1', value: sessionView(state).governance.shareLinks.l1 }]);
      expect(JSON.stringify(diff)).not.toContain(HASH);
      expect(JSON.stringify(diffSessions(stateAtRevision(history, 2), state))).not.toContain(HASH);
    });
  });
});

describe('the permission table', () => {
  it('names a permission for every command, each command under one operation', () => {
    const listed = Object.values(OPERATIONS).flatMap((o) => ('commands' in o ? [...o.commands] : []));
    expect(new Set(listed).size).toBe(listed.length);
    for (const type of listed) expect(PERMISSIONS).toContain(permissionForCommand(type));
    expect(permissionForCommand('RemoveMember')).toBe('manage');
    expect(permissionForCommand('RecordToolInvocation')).toBe('add_materials');
    expect(permissionForCommand('CreateShareLink')).toBe('share');
  });
});

describe('members in backups', () => {
  it('are decided again by an import: members, comments and links come back as they were recorded', () => {
    const events = play([
      createCommand(), command('StartSession'), command('SetFocus', { focus: 'cathodes' }),
      setPermissions(ALICE, ['comment']),
      command('CreateShareLink', { linkId: 'l1', tokenHash: HASH, permissions: 'read', expiresAt: at(60) }),
      command('RemoveMember', { userId: ALICE, reason: 'done' }),
      command('RevokeShareLink', { linkId: 'l1', reason: 'leaked' }),
    ]);
    const backup = JSON.parse(JSON.stringify(exportSession(foldSession(events), recorded(events), { includeEvents: true, exportedAt: at(59) })));
    const imported = eventsFromBackup(backup, { newSessionId: 'sess-2', importerId: 'user_456', at: at(60), branchIdFor: (old) => `copy-${old}` }).map((e) => e.event);
    expect(imported.map((e) => e.type).slice(3, 7)).toEqual(['MemberPermissionsSet', 'ShareLinkCreated', 'MemberRemoved', 'ShareLinkRevoked']);
    const state = foldSession(imported);
    expect(permissionsOf(state, ALICE)).toEqual([]);
    expect(state.governance.shareLinks.l1).toMatchObject({ createdBy: OWNER, revokedAt: at(), revokeReason: 'leaked' });
  });

  // The importer owns the copy and so holds every permission: what the original recorded of their
  // membership is history the copy keeps (revisions keep their meaning), and it changes nothing.
  const BOB = 'bob';
  const membersOf = () => play([
    createCommand(), command('StartSession'),
    setPermissions(BOB, ['write']), setPermissions(ALICE, ['comment']), setPermissions(BOB, ['write', 'manage'], { reason: 'lead' }),
    command('RemoveMember', { userId: BOB, reason: 'left' }), setPermissions(BOB, ['read']),
  ]);
  const importedBy = (importerId: string, events: SessionEvent[]) => {
    const backup = JSON.parse(JSON.stringify(exportSession(foldSession(events), recorded(events), { includeEvents: true, exportedAt: at(59) })));
    return eventsFromBackup(backup, { newSessionId: 'sess-2', importerId, at: at(60), branchIdFor: (old) => `copy-${old}` }).map((e) => e.event);
  };

  it('imports a backup made by a member: the events naming the importer are kept as they were, and the importer is the owner', () => {
    const events = membersOf();
    const imported = importedBy(BOB, events);
    expect(imported.slice(1, -1)).toEqual(events.slice(1));
    expect(imported.at(-1)!.type).toBe('SessionImported');
    const state = foldSession(imported);
    expect(state.governance.ownerId).toBe(BOB);
    expect(state.governance.members).toEqual({ [ALICE]: ['read', 'comment'] });
    expect(permissionsOf(state, BOB)).toEqual(PERMISSIONS);
    expect(permissionsOf(state, OWNER)).toEqual([]);
    // Anyone else importing it gets the original's members back, the importer aside.
    expect(foldSession(importedBy('carol', events)).governance.members).toEqual({ [ALICE]: ['read', 'comment'], [BOB]: ['read'] });
    // And a copy of that copy, imported by someone else, gives the member their permissions back.
    const copy = play([setPermissions('carol', ['write'], { actorId: BOB, sessionId: 'sess-2' } as never)], imported);
    expect(foldSession(importedBy('carol', copy)).governance.members).toEqual({ [ALICE]: ['read', 'comment'], [BOB]: ['read'] });
  });

  it('changes nothing when a membership event names the owner, and refuses the command as before', () => {
    const state = foldSession([...active(), permissionsSet(ALICE, ['read']), permissionsSet(OWNER, ['read'])]);
    expect(state.governance.members).toEqual({ [ALICE]: ['read'] });
    expect(permissionsOf(state, OWNER)).toEqual(PERMISSIONS);
    expect(foldSession([...active(), permissionsSet(ALICE, ['read']), removed(OWNER)]).governance.members).toEqual({ [ALICE]: ['read'] });
    given(active()).when(setPermissions(OWNER, ['read'])).thenThrows(ValidationError, (e) => expect(e.field).toBe('userId'));
  });

  it('still checks what an import admits of those events: their shape, naming the field', () => {
    const backup = JSON.parse(JSON.stringify(exportSession(foldSession(membersOf()), recorded(membersOf()), { includeEvents: true, exportedAt: at(59) })));
    backup.events[2].data.permissions = ['read', 'admin'];
    expect(() => eventsFromBackup(backup, { newSessionId: 'sess-2', importerId: BOB, at: at(60), branchIdFor: (old) => `copy-${old}` }))
      .toThrow(expect.objectContaining({ field: 'events[2].data.permissions[1]' }));
  });
});
