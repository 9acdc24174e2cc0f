export type UserRole = 'owner' | 'admin' | 'member';

export type UserRegistered = { type: 'UserRegistered'; data: { userId: string; name: string; role: UserRole; at: string } };
/** Only the key's hash is stored: the key itself is shown once, to the caller. Who issued it is the envelope's actor. */
export type ApiKeyIssued = { type: 'ApiKeyIssued'; data: { userId: string; keyId: string; keyHash: string; label?: string; reason?: string; at: string } };
export type ApiKeyRevoked = { type: 'ApiKeyRevoked'; data: { userId: string; keyId: string; reason?: string; at: string } };

export type UserEvent = UserRegistered | ApiKeyIssued | ApiKeyRevoked;

export const userStream = (userId: string) => `user-${userId}`;
export const USER_STREAM_PREFIX = 'user-';
