// A user and their API keys. Key material is generated outside (an input), and so is the actor
// (who asks, with the role they hold), so decide stays pure and the key rules live here:
// only the owner, or the user themself, issues or revokes a user's keys; nobody but the owner
// touches the owner's keys; an admin creates users (with their first key) but holds no key of
// anyone else. Permission is checked before the target is looked up, so a refusal says nothing
// about which users exist.
import type { Decider } from '@crystalyse/event-store';
import { Forbidden, ValidationError, UserNotFound, KeyNotFound, AlreadyExists } from '../errors.js';
import type { ApiKeyIssued, UserEvent, UserRole } from './user.events.js';
import { failuresCounting, lockUntil, noSigning, SIGNING_LOCKOUT, SigningLocked, signingLockedUntil, type SigningState } from './user.signing.js';

/** The authenticated caller, or the system at first start (it alone registers the owner). */
export type UserActor = { userId: string; role: UserRole | 'system' };
export type NewApiKey = { keyId: string; keyHash: string; label?: string };

export type UserCommand =
  | { type: 'RegisterUser'; data: { userId: string; name: string; role: UserRole; firstKey: NewApiKey; actor: UserActor; at: string } }
  | { type: 'IssueApiKey'; data: NewApiKey & { userId: string; reason?: string; actor: UserActor; at: string } }
  | { type: 'RevokeApiKey'; data: { userId: string; keyId: string; reason?: string; actor: UserActor; at: string } }
  /** The user themself only; the application hashed the passphrase (and checked the current one, if any, with RecordSigningAttempt). */
  | { type: 'SetSigningPassphrase'; data: { userId: string; passphraseHash: string; actor: UserActor; at: string } }
  /** The outcome of checking a passphrase the user gave (the application compares the hashes). */
  | { type: 'RecordSigningAttempt'; data: { userId: string; succeeded: boolean; actor: UserActor; at: string } };

export interface UserState {
  exists: boolean;
  userId: string;
  name: string;
  role: UserRole;
  keys: Array<{ keyId: string; keyHash: string; revoked: boolean }>;
  signing: SigningState;
}

export const USER_LIMITS = { name: 100, label: 100, reason: 500 } as const;

const initialState = (): UserState => ({ exists: false, userId: '', name: '', role: 'member', keys: [], signing: noSigning() });

function evolve(state: UserState, event: UserEvent): UserState {
  switch (event.type) {
    case 'UserRegistered':
      return { ...state, exists: true, userId: event.data.userId, name: event.data.name, role: event.data.role };
    case 'ApiKeyIssued':
      return { ...state, keys: [...state.keys, { keyId: event.data.keyId, keyHash: event.data.keyHash, revoked: false }] };
    case 'ApiKeyRevoked':
      return { ...state, keys: state.keys.map((k) => (k.keyId === event.data.keyId ? { ...k, revoked: true } : k)) };
    case 'SigningPassphraseSet':
      return { ...state, signing: { ...state.signing, passphraseHash: event.data.passphraseHash } };
    case 'SigningAttemptFailed':
      return { ...state, signing: { ...state.signing, failures: event.data.failures, lockedUntil: event.data.lockedUntil ?? null } };
      // (a failure is recorded only while unlocked: any earlier lock has run out)
    case 'SigningAttemptsReset':
      return { ...state, signing: { ...state.signing, failures: 0, lockedUntil: null } };
    default: {
      const _never: never = event;
      throw new Error(`Unknown user event ${JSON.stringify(_never)}`);
    }
  }
}

function optionalText(field: string, value: unknown, max: number): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > max) throw new ValidationError(field, `${field} must be 1 to ${max} characters`);
  return value;
}

function assertMayRegister(actor: UserActor, role: UserRole): void {
  if (role === 'owner' ? actor.role !== 'system' : actor.role !== 'owner' && actor.role !== 'admin') {
    throw new Forbidden(role === 'owner' ? 'there is one owner, created at first start' : 'only the owner or an admin can create users');
  }
}

/** Self or the owner: checked on ids alone, before the user is looked up. */
function assertMayManageKeys(actor: UserActor, userId: string): void {
  if (actor.role === 'system' || (actor.userId !== userId && actor.role !== 'owner')) {
    throw new Forbidden('only the owner, or the user themself, may issue or revoke a user\'s keys');
  }
}

/** A user's signing credentials are their own: nobody else sets their passphrase or signs as them. */
function assertSelf(actor: UserActor, userId: string): void {
  if (actor.userId !== userId || actor.role === 'system') throw new Forbidden('only the user themself may set their signing passphrase or sign');
}

function assertExisting(state: UserState, actor: UserActor, userId: string): void {
  if (!state.exists) throw new UserNotFound(userId);
  if (state.role === 'owner' && actor.userId !== state.userId) throw new Forbidden('only the owner may issue or revoke the owner\'s keys');
}

function keyIssued(data: NewApiKey & { userId: string; reason?: string; at: string }): ApiKeyIssued {
  const label = optionalText('label', data.label, USER_LIMITS.label);
  const reason = optionalText('reason', data.reason, USER_LIMITS.reason);
  return { type: 'ApiKeyIssued', data: { userId: data.userId, keyId: data.keyId, keyHash: data.keyHash, ...(label ? { label } : {}), ...(reason ? { reason } : {}), at: data.at } };
}

function decide(command: UserCommand, state: UserState): UserEvent[] {
  const { actor, userId, at } = command.data;
  switch (command.type) {
    case 'RegisterUser': {
      assertMayRegister(actor, command.data.role);
      if (state.exists) throw new AlreadyExists('user', userId);
      const name = command.data.name.trim();
      if (name.length === 0 || name.length > USER_LIMITS.name) throw new ValidationError('name', `name must be 1 to ${USER_LIMITS.name} characters`);
      // The first key comes with the user, in one append: never a user nobody can sign in as.
      return [{ type: 'UserRegistered', data: { userId, name, role: command.data.role, at } }, keyIssued({ ...command.data.firstKey, userId, at })];
    }
    case 'IssueApiKey': {
      assertMayManageKeys(actor, userId);
      assertExisting(state, actor, userId);
      return [keyIssued(command.data)];
    }
    case 'RevokeApiKey': {
      assertMayManageKeys(actor, userId);
      assertExisting(state, actor, userId);
      const reason = optionalText('reason', command.data.reason, USER_LIMITS.reason);
      const key = state.keys.find((k) => k.keyId === command.data.keyId);
      if (!key) throw new KeyNotFound(command.data.keyId);
      if (key.revoked) return [];
      if (state.keys.filter((k) => !k.revoked).length === 1 && state.role === 'owner') {
        throw new Forbidden('the owner\'s last key cannot be revoked: issue another key first');
      }
      return [{ type: 'ApiKeyRevoked', data: { userId, keyId: command.data.keyId, ...(reason ? { reason } : {}), at } }];
    }
    case 'SetSigningPassphrase': {
      assertSelf(actor, userId);
      if (!state.exists) throw new UserNotFound(userId);
      const hash = command.data.passphraseHash;
      if (typeof hash !== 'string' || hash.length === 0 || hash.length > 500) throw new ValidationError('passphraseHash', 'passphraseHash must be a hash');
      const locked = signingLockedUntil(state.signing, at);
      if (locked) throw new SigningLocked(locked);
      return [{ type: 'SigningPassphraseSet', data: { userId, passphraseHash: hash, at } }];
    }
    case 'RecordSigningAttempt': {
      assertSelf(actor, userId);
      if (!state.exists) throw new UserNotFound(userId);
      const locked = signingLockedUntil(state.signing, at);
      if (locked) throw new SigningLocked(locked);
      const before = failuresCounting(state.signing, at);
      if (command.data.succeeded) return before > 0 || state.signing.lockedUntil !== null ? [{ type: 'SigningAttemptsReset', data: { userId, at } }] : [];
      const failures = before + 1;
      const lock = failures >= SIGNING_LOCKOUT.failures ? { lockedUntil: lockUntil(at) } : {};
      return [{ type: 'SigningAttemptFailed', data: { userId, failures, ...lock, at } }];
    }
    default: {
      const _never: never = command;
      throw new Error(`Unknown user command ${JSON.stringify(_never)}`);
    }
  }
}

export const userDecider: Decider<UserCommand, UserEvent, UserState> = { initialState, evolve, decide };
