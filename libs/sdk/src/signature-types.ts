// Signatures and audit bundles as the API answers them (docs/audit-and-signatures.md).
import type { CommandResult } from './types.js';

export type SignatureMeaning = 'authored' | 'reviewed' | 'approved';
export type SignatureTarget = { checkpoint: string } | { discoveryId: string };

export interface SignOptions {
  target: SignatureTarget;
  meaning: SignatureMeaning;
  passphrase: string;
}

export interface SignResult extends CommandResult {
  signatureId: string;
}

export interface Signature {
  signatureId: string;
  signer: { userId: string; name: string };
  meaning: SignatureMeaning;
  /** A checkpoint carries the revision its name marked when signed. */
  target: { checkpoint: string; revision: number } | { discoveryId: string };
  hashAlgorithm: 'sha256';
  contentHash: string;
  at: string;
  revision: number;
  /** False once the target is no longer what was signed (`reason` says why). */
  valid: boolean;
  reason?: string;
}

/**
 * A signature made in another session (`signedIn`) and carried over by an import of its backup: a
 * record that the original was signed, never a signature of this session.
 */
export interface ImportedSignature extends Signature {
  signedIn: string;
}

/** GET /sessions/:id/audit: check it offline with `npm run cli -- verify-bundle audit.json`. */
export interface AuditBundle {
  format: 'crystalyse.audit-bundle';
  version: number;
  generatedAt: string;
  session: { id: string; name: string; ownerId: string; status: string; createdAt: string; revision: number };
  streams: Array<{ streamId: string; kind: 'session' | 'branch'; branchId?: string; headHash: string; events: Array<Record<string, unknown>> }>;
  signatures: Signature[];
  verification: { ok: boolean; chains: Array<{ streamId: string; ok: boolean; eventsChecked: number }>; signatures: { total: number; valid: number; invalid: number } };
}
