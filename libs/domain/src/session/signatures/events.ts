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

export type SignatureEvent = SignatureRecorded;
