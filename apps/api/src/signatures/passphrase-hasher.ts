// Signing passphrases are kept only as a slow, salted hash. Node's own crypto.scrypt: memory-hard
// (each guess costs 128 MiB and a few hundred milliseconds at the default cost), in the standard
// library (no native module to build, unlike argon2 or bcrypt packages), run in libuv's thread
// pool so it never blocks the event loop. The parameters and the salt travel inside the stored
// string, so the cost can be raised later without breaking the hashes already kept.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const KEY_LENGTH = 32;
const SALT_BYTES = 16;
/** OWASP's minimum for scrypt: N = 2^17, r = 8, p = 1. */
export const DEFAULT_SCRYPT_LOG2N = 17;

function derive(passphrase: string, salt: Buffer, log2n: number, r: number, p: number): Promise<Buffer> {
  const N = 2 ** log2n;
  const options: ScryptOptions = { N, r, p, maxmem: 128 * N * r * 2 };
  return new Promise((resolve, reject) => scrypt(passphrase.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))));
}

export class PassphraseHasher {
  constructor(private readonly log2n: number = DEFAULT_SCRYPT_LOG2N) {}

  /** `scrypt$<log2 N>$<r>$<p>$<salt, base64>$<hash, base64>` */
  async hash(passphrase: string): Promise<string> {
    const salt = randomBytes(SALT_BYTES);
    const key = await derive(passphrase, salt, this.log2n, 8, 1);
    return ['scrypt', this.log2n, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
  }

  /** Compares in constant time; a stored string of another form never matches. */
  async verify(passphrase: string, stored: string): Promise<boolean> {
    const parts = stored.split('$');
    if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
    const [log2n, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
    if (![log2n, r, p].every(Number.isInteger) || log2n < 1 || log2n > 22 || r < 1 || r > 32 || p < 1 || p > 16) return false;
    const expected = Buffer.from(parts[5]!, 'base64');
    const key = await derive(passphrase, Buffer.from(parts[4]!, 'base64'), log2n, r, p);
    return expected.length === key.length && timingSafeEqual(expected, key);
  }
}
