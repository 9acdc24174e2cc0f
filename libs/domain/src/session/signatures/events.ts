// The events of signatures. Stored names: rename nothing, add new types instead.
import type { DomainEvent } from '@crystalyse/event-store';
import type { SignatureMeaning } from './commands.js';

/** A checkpoint is signed at the revision its name marks when signing; a discovery as recorded then. */
export type SignedTarget = { checkpoint: string; revision: number } | { discoveryId: string };

/**
 * Who signed (the envelope's actor is the signer too), what it means, and the SHA-256 (hex) of
 * the canonical JSON (RFC 8785) of the content signed: see content.ts.
 */
export type SignatureRecorded = DomainEvent<'SignatureRecorded', {
  signatureId: string;
  signerId: string;
  signerName: string;
  meaning: SignatureMeaning;
  target: SignedTarget;
  contentHash: string;
  at: string;
}>;

/**
 * A signature made in another session, carried over by an import of that session's backup: the
 * original's SignatureRecorded, with `signedIn` naming the session it was made in. It is a record
 * that the original was signed (by whom, meaning what, over which content hash, when: `at`), not
 * a signature of this session: no passphrase was given here, and a backup is a file anyone can
 * write, so it is never listed or counted with this session's own signatures. What an import
 * checks of it: see admitImportedSignature (import.ts in this folder).
 */
export type SignatureImported = DomainEvent<'SignatureImported', SignatureRecorded['data'] & { signedIn: string }>;

export type SignatureEvent = SignatureRecorded | SignatureImported;
