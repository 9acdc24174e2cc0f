import { Forbidden, UserNotFound, ValidationError } from '../errors.js';
import { specFor } from '../testing/decider-spec.js';
import { userDecider, type UserActor, type UserCommand } from './user.decider.js';
import type { UserEvent } from './user.events.js';
import { SigningLocked } from './user.signing.js';

const given = specFor(userDecider);
const ADA: UserActor = { userId: 'ada', role: 'member' };
const OWNER: UserActor = { userId: 'owner', role: 'owner' };
/** Minute `m` (and second `s`) of a fixed morning: the clock is an input. */
const t = (m: number, s = 0) => new Date(Date.UTC(2026, 2, 1, 10, m, s)).toISOString();

const ada: UserEvent[] = [
  { type: 'UserRegistered', data: { userId: 'ada', name: 'Ada', role: 'member', at: t(0) } },
  { type: 'ApiKeyIssued', data: { userId: 'ada', keyId: 'k1', keyHash: 'h', at: t(0) } },
];
const set = (actor = ADA, at = t(1), passphraseHash = 'scrypt$hash'): UserCommand => ({ type: 'SetSigningPassphrase', data: { userId: 'ada', passphraseHash, actor, at } });
const attempt = (succeeded: boolean, at: string, actor = ADA): UserCommand => ({ type: 'RecordSigningAttempt', data: { userId: 'ada', succeeded, actor, at } });
const passphraseSet: UserEvent = { type: 'SigningPassphraseSet', data: { userId: 'ada', passphraseHash: 'scrypt$hash', at: t(1) } };
const failed = (failures: number, at: string, lockedUntil?: string): UserEvent => ({ type: 'SigningAttemptFailed', data: { userId: 'ada', failures, ...(lockedUntil ? { lockedUntil } : {}), at } });
const fourFailures = [failed(1, t(2)), failed(2, t(3)), failed(3, t(4)), failed(4, t(5))];

describe('signing passphrase and lockout', () => {
  it('stores only the hash the application made, for the user themself', () => {
    given(ada).when(set()).then([passphraseSet]);
    given(ada).when(set(OWNER)).thenThrows(Forbidden, /themself/);
    given([]).when(set()).thenThrows(UserNotFound);
    given(ada).when(set(ADA, t(1), '')).thenThrows(ValidationError, (e) => expect(e.field).toBe('passphraseHash'));
  });

  it('counts a wrong passphrase, and a right one after failures starts the count again', () => {
    given([...ada, passphraseSet]).when(attempt(false, t(2))).then([failed(1, t(2))]);
    given([...ada, passphraseSet, failed(1, t(2))]).when(attempt(true, t(3))).thenState((state, events) => {
      expect(events).toEqual([{ type: 'SigningAttemptsReset', data: { userId: 'ada', at: t(3) } }]);
      expect(state.signing).toMatchObject({ failures: 0, lockedUntil: null });
    });
    // Nothing to reset: a right passphrase appends nothing.
    given([...ada, passphraseSet]).when(attempt(true, t(2))).then([]);
  });

  it('locks signing for 15 minutes at the fifth failure in a row', () => {
    given([...ada, passphraseSet, ...fourFailures]).when(attempt(false, t(6))).then([failed(5, t(6), t(21))]);
  });

  it('refuses every attempt while locked, the right passphrase too, and a new passphrase, appending nothing', () => {
    const locked = [...ada, passphraseSet, ...fourFailures, failed(5, t(6), t(21))];
    given(locked).when(attempt(true, t(20, 59))).thenThrows(SigningLocked, (e) => expect(e.lockedUntil).toBe(t(21)));
    given(locked).when(attempt(false, t(7))).thenThrows(SigningLocked);
    given(locked).when(set(ADA, t(10))).thenThrows(SigningLocked);
  });

  it('lets the user sign again once the lock has run out, counting failures from one', () => {
    const locked = [...ada, passphraseSet, ...fourFailures, failed(5, t(6), t(21))];
    given(locked).when(attempt(false, t(21))).thenState((state, events) => {
      expect(events).toEqual([failed(1, t(21))]);
      expect(state.signing).toMatchObject({ failures: 1, lockedUntil: null });
    });
    given([...locked, failed(1, t(21))]).when(attempt(false, t(22))).then([failed(2, t(22))]);
    given(locked).when(attempt(true, t(30))).then([{ type: 'SigningAttemptsReset', data: { userId: 'ada', at: t(30) } }]);
  });

  it('lets nobody else record attempts for a user', () => {
    given([...ada, passphraseSet]).when(attempt(false, t(2), OWNER)).thenThrows(Forbidden);
  });
});
