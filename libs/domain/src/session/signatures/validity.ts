// Whether a signature still holds: its target is still what was signed. A discovery is compared
// with the record the session holds now (gone, or edited: no longer valid); a checkpoint must still
// mark the revision it marked when signed (a name reused on another revision is another
// checkpoint), and the content at that revision must still hash to what was signed (it can only
// differ if the log was altered, which the hash chain would show too).
import type { SessionState } from '../core/state.js';
import { checkpointContent, contentHash, discoveryHash } from './content.js';
import type { SignatureImported, SignatureRecorded, SignedTarget } from './events.js';

export type Signature = SignatureRecorded['data'];
/** A signature of another session, carried over by an import (events.ts): never one of this session's. */
export type ImportedSignature = SignatureImported['data'];

export interface SignatureValidity {
  valid: boolean;
  /** Why not, when not valid. */
  reason?: string;
}

/**
 * `now` is the session's state now; `stateAt(revision)` gives the state at a revision (for
 * checkpoints), from the timeline or a fold: the caller chooses.
 */
export async function signatureValidity(signature: Signature, now: SessionState, stateAt: (revision: number) => Promise<SessionState> | SessionState): Promise<SignatureValidity> {
  const target: SignedTarget = signature.target;
  if ('discoveryId' in target) return discoveryValidity(target.discoveryId, signature.contentHash, now);
  const marked = checkpointMarks(target, now);
  if (marked) return marked;
  const hash = contentHash(checkpointContent(target.checkpoint, target.revision, await stateAt(target.revision)));
  return hash === signature.contentHash ? { valid: true } : { valid: false, reason: 'the content at the checkpoint no longer hashes to what was signed' };
}

/**
 * Whether a signature an import carried over still holds in the copy: a discovery as above; a
 * checkpoint while its name still marks the revision signed (the import checked the content there
 * against the backup's history, which nothing changes since; the copy's own record of it may
 * differ only in the branch ids the import renamed).
 */
export function importedSignatureValidity(signature: ImportedSignature, now: SessionState): SignatureValidity {
  const target: SignedTarget = signature.target;
  if ('discoveryId' in target) return discoveryValidity(target.discoveryId, signature.contentHash, now);
  return checkpointMarks(target, now) ?? { valid: true };
}

function discoveryValidity(discoveryId: string, signed: string, now: SessionState): SignatureValidity {
  const discovery = now.workspace.discoveries.get(discoveryId);
  if (!discovery) return { valid: false, reason: 'the discovery is no longer in the session' };
  return discoveryHash(discovery) === signed ? { valid: true } : { valid: false, reason: 'the discovery changed after it was signed' };
}

/** Why a checkpoint signature no longer holds by its name alone, or undefined while the name marks the revision signed. */
function checkpointMarks(target: { checkpoint: string; revision: number }, now: SessionState): SignatureValidity | undefined {
  const checkpoint = now.governance.checkpoints.get(target.checkpoint);
  if (!checkpoint) return { valid: false, reason: 'the checkpoint is no longer in the session' };
  if (checkpoint.revision !== target.revision) return { valid: false, reason: `the name now marks revision ${checkpoint.revision}, not ${target.revision}` };
  return undefined;
}

/** The signatures an import carried over from the sessions they were made in, in the order signed. */
export function importedSignaturesIn(events: ReadonlyArray<{ type: string; data: unknown }>): ImportedSignature[] {
  return events.filter((e) => e.type === 'SignatureImported').map((e) => e.data as ImportedSignature);
}

/** The signatures a session's events hold, in the order signed. */
export function signaturesIn(events: ReadonlyArray<{ type: string; data: unknown }>): Signature[] {
  return events.filter((e) => e.type === 'SignatureRecorded').map((e) => e.data as Signature);
}
