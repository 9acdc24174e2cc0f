// API keys: `csk.<userId>.<keyId>.<secret>`. The user id in the key lets authentication read
// the user's own stream (always current, so a revocation holds at once on every replica)
// instead of waiting for a projection. Only SHA-256 of the whole key is stored.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export interface ParsedKey {
  userId: string;
  keyId: string;
  key: string;
}

const KEY_SHAPE = /^csk\.([A-Za-z0-9-]{1,64})\.([A-Za-z0-9]{8,32})\.([A-Za-z0-9_-]{20,100})$/;

export function newApiKey(userId: string): { key: string; keyId: string; keyHash: string } {
  const keyId = randomBytes(6).toString('hex');
  const key = `csk.${userId}.${keyId}.${randomBytes(32).toString('base64url')}`;
  return { key, keyId, keyHash: hashKey(key) };
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function parseApiKey(key: string): ParsedKey | null {
  const match = KEY_SHAPE.exec(key);
  return match ? { userId: match[1]!, keyId: match[2]!, key } : null;
}

export function keyMatches(key: string, storedHash: string): boolean {
  const given = Buffer.from(hashKey(key), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
