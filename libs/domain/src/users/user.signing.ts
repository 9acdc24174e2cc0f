// Signing credentials of a user, kept on the user's own stream: the passphrase's slow hash (never
// the passphrase), and the failed attempts in a row. Five failures in a row lock signing for 15
// minutes from the fifth; a success clears the count; a failure after a lock has run out starts
// counting again from one. Time is the commands' `at` (the application's clock), never read here.
import { DomainError } from '../errors.js';

export const SIGNING_LOCKOUT = { failures: 5, minutes: 15 } as const;

export interface SigningState {
  /** The passphrase's hash in the form the application's hasher writes (scrypt$...), or null. */
  passphraseHash: string | null;
  /** Failed attempts in a row. */
  failures: number;
  /** Until when signing is locked (ISO), after the fifth failure in a row. */
  lockedUntil: string | null;
}

export const noSigning = (): SigningState => ({ passphraseHash: null, failures: 0, lockedUntil: null });

/** The lock in force at `at`, or null. */
export function signingLockedUntil(state: SigningState, at: string): string | null {
  return state.lockedUntil !== null && Date.parse(at) < Date.parse(state.lockedUntil) ? state.lockedUntil : null;
}

/** The failures in a row that count at `at`: a lock that has run out starts the count again. */
export function failuresCounting(state: SigningState, at: string): number {
  return state.lockedUntil !== null && Date.parse(at) >= Date.parse(state.lockedUntil) ? 0 : state.failures;
}

export function lockUntil(at: string): string {
  return new Date(Date.parse(at) + SIGNING_LOCKOUT.minutes * 60_000).toISOString();
}

export class SigningLocked extends DomainError {
  readonly code = 'signing_locked';
  constructor(readonly lockedUntil: string) {
    super(`signing is locked until ${lockedUntil} after ${SIGNING_LOCKOUT.failures} wrong passphrases in a row`);
  }
  get details(): Record<string, unknown> {
    return { lockedUntil: this.lockedUntil };
  }
}

export class WrongSigningPassphrase extends DomainError {
  readonly code = 'signing_passphrase_wrong';
  constructor(readonly failures: number, readonly lockedUntil: string | null) {
    super(lockedUntil ? `wrong signing passphrase: signing is now locked until ${lockedUntil}` : `wrong signing passphrase (${failures} of ${SIGNING_LOCKOUT.failures} in a row before signing locks)`);
  }
  get details(): Record<string, unknown> {
    return { failures: this.failures, ...(this.lockedUntil ? { lockedUntil: this.lockedUntil } : {}) };
  }
}

export class SigningPassphraseNotSet extends DomainError {
  readonly code = 'signing_passphrase_not_set';
  constructor() {
    super('set a signing passphrase first: PUT /v1/me/signing-passphrase');
  }
}
