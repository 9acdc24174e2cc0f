// Whether a signature still holds: its target is still what was signed. A discovery is compared
// with the record the session holds now (gone, or edited: no longer valid); a checkpoint must still
// mark the revision it marked when signed (a name reused on another revision is another
// checkpoint), and the content at that revision must still hash to what was signed (it can only
// differ if the log was altered, which the hash chain would show too).
import type { SessionState } from '../core/state.js';
import { checkpointContent, contentHash, discoveryHash } from './content.js';
import type { SignatureRecorded, SignedTarget } from './events.js';

export type Signature = SignatureRecorded['data'];

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
  if ('discoveryId' in target) {
    const discovery = now.workspace.discoveries.get(target.discoveryId);
    if (!discovery) return { valid: false, reason: 'the discovery is no longer in the session' };
    return discoveryHash(discovery) === signature.contentHash ? { valid: true } : { valid: false, reason: 'the discovery changed after it was signed' };
  }
  const checkpoint = now.governance.checkpoints.get(target.checkpoint);
  if (!checkpoint) return { valid: false, reason: 'the checkpoint is no longer in the session' };
  if (checkpoint.revision !== target.revision) return { valid: false, reason: `the name now marks revision ${checkpoint.revision}, not ${target.revision}` };
  const hash = contentHash(checkpointContent(target.checkpoint, target.revision, await stateAt(target.revision)));
  return hash === signature.contentHash ? { valid: true } : { valid: false, reason: 'the content at the checkpoint no longer hashes to what was signed' };
}

/** The signatures a session's events hold, in the order signed. */
export function signaturesIn(events: ReadonlyArray<{ type: string; data: unknown }>): Signature[] {
  return events.filter((e) => e.type === 'SignatureRecorded').map((e) => e.data as Signature);
}
