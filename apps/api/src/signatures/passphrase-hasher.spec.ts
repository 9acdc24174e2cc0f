import { PassphraseHasher } from './passphrase-hasher.js';

describe('signing passphrase hashes (scrypt)', () => {
  // A low cost keeps the spec quick; the default (2^17) is the same code with another N.
  const hasher = new PassphraseHasher(10);

  it('keeps the parameters and a random salt in the hash, never the passphrase', async () => {
    const [a, b] = await Promise.all([hasher.hash('correct horse battery staple'), hasher.hash('correct horse battery staple')]);
    expect(a).toMatch(/^scrypt\$10\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('horse');
  });

  it('verifies the passphrase, refuses another one, and normalises Unicode (NFKC)', async () => {
    const stored = await hasher.hash('ﬁnal review');
    expect(await hasher.verify('ﬁnal review', stored)).toBe(true);
    expect(await hasher.verify('final review', stored)).toBe(true);
    expect(await hasher.verify('final reviews', stored)).toBe(false);
  });

  it('verifies with the parameters stored, so raising the cost later keeps old hashes working', async () => {
    const old = await new PassphraseHasher(8).hash('an older passphrase');
    expect(await hasher.verify('an older passphrase', old)).toBe(true);
  });

  it('never matches a stored string of another form or with absurd parameters', async () => {
    const stored = await hasher.hash('passphrase one');
    for (const bad of ['', 'plain', stored.replace('scrypt', 'bcrypt'), stored.replace('$10$', '$40$'), stored.replace('$8$', '$0$'), `${stored}$extra`]) {
      expect(await hasher.verify('passphrase one', bad)).toBe(false);
    }
  });
});
