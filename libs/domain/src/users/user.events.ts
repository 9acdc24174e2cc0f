export type UserRole = 'owner' | 'admin' | 'member';

export type UserRegistered = { type: 'UserRegistered'; data: { userId: string; name: string; role: UserRole; at: string } };
/** Only the key's hash is stored: the key itself is shown once, to the caller. Who issued it is the envelope's actor. */
export type ApiKeyIssued = { type: 'ApiKeyIssued'; data: { userId: string; keyId: string; keyHash: string; label?: string; reason?: string; at: string } };
export type ApiKeyRevoked = { type: 'ApiKeyRevoked'; data: { userId: string; keyId: string; reason?: string; at: string } };

/** The signing passphrase's slow hash (algorithm, parameters and salt inside it); never the passphrase. */
export type SigningPassphraseSet = { type: 'SigningPassphraseSet'; data: { userId: string; passphraseHash: string; at: string } };
/** A wrong passphrase: `failures` in a row so far; `lockedUntil` when this one locks signing. */
export type SigningAttemptFailed = { type: 'SigningAttemptFailed'; data: { userId: string; failures: number; lockedUntil?: string; at: string } };
/** A right passphrase after failures: the count starts again. */
export type SigningAttemptsReset = { type: 'SigningAttemptsReset'; data: { userId: string; at: string } };

export type UserEvent = UserRegistered | ApiKeyIssued | ApiKeyRevoked | SigningPassphraseSet | SigningAttemptFailed | SigningAttemptsReset;

export const userStream = (userId: string) => `user-${userId}`;
export const USER_STREAM_PREFIX = 'user-';
