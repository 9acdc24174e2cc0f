import { AlreadyExists, Forbidden, KeyNotFound, UserNotFound, ValidationError } from '../errors.js';
import { specFor } from '../testing/decider-spec.js';
import { userDecider, type UserActor, type UserCommand } from './user.decider.js';
import type { UserEvent, UserRole } from './user.events.js';

const given = specFor(userDecider);
const AT = '2026-03-01T10:00:00.000Z';
const SYSTEM: UserActor = { userId: 'system', role: 'system' };
const OWNER: UserActor = { userId: 'owner', role: 'owner' };
const ADMIN: UserActor = { userId: 'adm', role: 'admin' };
const ADA: UserActor = { userId: 'ada', role: 'member' };
const BOB: UserActor = { userId: 'bob', role: 'member' };

const registered = (userId: string, role: UserRole = 'member'): UserEvent => ({ type: 'UserRegistered', data: { userId, name: userId, role, at: AT } });
const issued = (userId: string, keyId: string, extra: { label?: string; reason?: string } = {}): UserEvent => ({ type: 'ApiKeyIssued', data: { userId, keyId, keyHash: `hash-${keyId}`, ...extra, at: AT } });
const revoked = (userId: string, keyId: string, reason?: string): UserEvent => ({ type: 'ApiKeyRevoked', data: { userId, keyId, ...(reason ? { reason } : {}), at: AT } });

const register = (actor: UserActor, userId: string, role: UserRole = 'member'): UserCommand => ({
  type: 'RegisterUser',
  data: { userId, name: ` ${userId} `, role, firstKey: { keyId: 'k1', keyHash: 'hash-k1' }, actor, at: AT },
});
const issue = (actor: UserActor, userId: string, extra: { label?: string; reason?: string } = {}): UserCommand => ({
  type: 'IssueApiKey',
  data: { userId, keyId: 'k2', keyHash: 'hash-k2', ...extra, actor, at: AT },
});
const revoke = (actor: UserActor, userId: string, keyId = 'k1', reason?: string): UserCommand => ({
  type: 'RevokeApiKey',
  data: { userId, keyId, ...(reason !== undefined ? { reason } : {}), actor, at: AT },
});

const ownerHistory = [registered('owner', 'owner'), issued('owner', 'k1')];
const adaHistory = [registered('ada'), issued('ada', 'k1')];

describe('users and keys', () => {
  describe('registering', () => {
    it('registers a user with their first key in one decision', () => {
      given([]).when(register(ADMIN, 'ada')).then([registered('ada'), issued('ada', 'k1')]);
    });

    it('lets only the system register the owner, and only the owner or an admin register anyone else', () => {
      given([]).when(register(SYSTEM, 'owner', 'owner')).then(ownerHistory);
      given([]).when(register(ADMIN, 'owner2', 'owner')).thenThrows(Forbidden);
      given([]).when(register(OWNER, 'owner2', 'owner')).thenThrows(Forbidden);
      given([]).when(register(ADA, 'eve')).thenThrows(Forbidden, 'only the owner or an admin can create users');
      given([]).when(register(OWNER, 'adm2', 'admin')).thenState((s) => expect(s.role).toBe('admin'));
    });

    it('refuses a user twice and an empty name', () => {
      given(adaHistory).when(register(OWNER, 'ada')).thenThrows(AlreadyExists);
      const blank = register(OWNER, 'ada') as Extract<UserCommand, { type: 'RegisterUser' }>;
      given([]).when({ ...blank, data: { ...blank.data, name: '  ' } }).thenThrows(ValidationError, /name/);
    });
  });

  describe('issuing a key', () => {
    it('lets the user issue their own, recording label and reason', () => {
      given(adaHistory).when(issue(ADA, 'ada', { label: 'desktop', reason: 'new machine' })).then([issued('ada', 'k2', { label: 'desktop', reason: 'new machine' })]);
    });

    it('lets the owner issue a key for any user', () => {
      given(adaHistory).when(issue(OWNER, 'ada', { reason: 'Ada lost her laptop' })).then([issued('ada', 'k2', { reason: 'Ada lost her laptop' })]);
    });

    it('refuses an admin a key for another user or for the owner', () => {
      given(adaHistory).when(issue(ADMIN, 'ada')).thenThrows(Forbidden, /only the owner, or the user themself/);
      given(ownerHistory).when(issue(ADMIN, 'owner')).thenThrows(Forbidden);
    });

    it('refuses another member a key for someone else', () => {
      given(adaHistory).when(issue(BOB, 'ada')).thenThrows(Forbidden);
      given(ownerHistory).when(issue(BOB, 'owner')).thenThrows(Forbidden);
    });

    it('refuses before looking the user up, so a refusal does not say whether the user exists', () => {
      given([]).when(issue(ADMIN, 'nobody')).thenThrows(Forbidden);
      given([]).when(issue(OWNER, 'nobody')).thenThrows(UserNotFound);
    });

    it('refuses the system any key after the start', () => {
      given(ownerHistory).when(issue(SYSTEM, 'owner')).thenThrows(Forbidden);
    });

    it('validates label and reason', () => {
      given(adaHistory).when(issue(ADA, 'ada', { reason: 'x'.repeat(501) })).thenThrows(ValidationError, (e) => expect(e.field).toBe('reason'));
      given(adaHistory).when(issue(ADA, 'ada', { label: '' })).thenThrows(ValidationError, (e) => expect(e.field).toBe('label'));
    });
  });

  describe('revoking a key', () => {
    it('lets the user revoke their own key, with a reason', () => {
      given(adaHistory).when(revoke(ADA, 'ada', 'k1', 'retired')).then([revoked('ada', 'k1', 'retired')]);
    });

    it('lets the owner revoke any user\'s key', () => {
      given(adaHistory).when(revoke(OWNER, 'ada')).then([revoked('ada', 'k1')]);
    });

    it('refuses an admin the owner\'s key and another user\'s key', () => {
      given([...ownerHistory, issued('owner', 'k2')]).when(revoke(ADMIN, 'owner')).thenThrows(Forbidden);
      given(adaHistory).when(revoke(ADMIN, 'ada')).thenThrows(Forbidden);
      given(adaHistory).when(revoke(BOB, 'ada')).thenThrows(Forbidden);
    });

    it('keeps the owner\'s last key, names an unknown key, and changes nothing for a revoked one', () => {
      given(ownerHistory).when(revoke(OWNER, 'owner')).thenThrows(Forbidden, /last key/);
      given(adaHistory).when(revoke(ADA, 'ada', 'nope')).thenThrows(KeyNotFound);
      given([...adaHistory, revoked('ada', 'k1')]).when(revoke(ADA, 'ada')).then([]);
    });

    it('keeps even a second owner-role user away from the owner\'s keys', () => {
      given([...ownerHistory, issued('owner', 'k2')]).when(revoke({ userId: 'owner2', role: 'owner' }, 'owner')).thenThrows(Forbidden, /owner's keys/);
    });
  });
});
