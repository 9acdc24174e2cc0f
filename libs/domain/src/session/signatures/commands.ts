// Signature commands. The passphrase is checked by the application before the command is sent
// (a slow hash is no input for a pure decide): the command records that the signer signed.
import type { Cmd } from '../core/command-base.js';

export const SIGNATURE_MEANINGS = ['authored', 'reviewed', 'approved'] as const;
export type SignatureMeaning = (typeof SIGNATURE_MEANINGS)[number];

/** What is signed: a checkpoint by name, or a discovery by id. */
export type SignatureTargetInput = { checkpoint: string } | { discoveryId: string };

export type RecordSignature = Cmd<'RecordSignature', {
  signatureId: string;
  target: SignatureTargetInput;
  meaning: SignatureMeaning;
  /** The signer's name as the account holds it when signing (the printed name a record shows). */
  signerName: string;
  /**
   * For a checkpoint only: the SHA-256 of its content (checkpointContent), which the application
   * computes from the timeline, since the state at an earlier revision is not in the state now.
   * A discovery's content hash is computed by decide from the record the state holds.
   */
  contentHash?: string;
}>;

export type SignatureCommand = RecordSignature;
