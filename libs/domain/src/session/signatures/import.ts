// What an import admits of a signature in a backup. A signature attests that its signer gave their
// passphrase to the service that recorded it, in the session it was made in: a copy cannot carry
// that (a backup is a file anyone can write), and the copy's own signatures must stay the ones
// made in it. Nor can the import drop it: a researcher auditing the copy must see that the
// original was signed, and every later revision (the checkpoints' among them) would shift. So the
// import records it as SignatureImported (export/import.ts rewrites it): "signed in session S, by
// X, meaning M, over the content hash D". What the copy can check, it checks here: the target was
// there at that point of the history (a discovery of the session, a checkpoint name marking that
// revision), in a status that allowed signing, and D is the hash of that content as the backup's
// own events give it. Who signed stays the backup's word; only the original can vouch for it.
import { ValidationError } from '../../errors.js';
import type { SessionState } from '../core/state.js';
import { checkpointContent, contentHash, discoveryHash } from './content.js';
import type { SignatureImported } from './events.js';

/**
 * Refuses (ValidationError naming the event's data field) a carried-over signature the backup's
 * history does not bear out. `state` is the copy's state before the event; `originalAt(revision)`
 * the state of the session the backup holds at a revision, as its own events fold (a checkpoint's
 * content there is what was signed: the copy's can differ only in the branch ids it renamed).
 */
export function admitImportedSignature(event: SignatureImported, state: SessionState, originalAt: (revision: number) => SessionState): void {
  const { target, contentHash: signed } = event.data;
  if ('discoveryId' in target) {
    const discovery = state.workspace.discoveries.get(target.discoveryId);
    if (!discovery) throw new ValidationError('target', `discovery ${target.discoveryId} is not in the session at this point`);
    if (discoveryHash(discovery) !== signed) throw new ValidationError('contentHash', 'contentHash is not the hash of the discovery as the session holds it at this point');
    return;
  }
  const checkpoint = state.governance.checkpoints.get(target.checkpoint);
  if (!checkpoint || checkpoint.revision !== target.revision) {
    throw new ValidationError('target', `checkpoint ${target.checkpoint} does not mark revision ${target.revision} at this point`);
  }
  if (contentHash(checkpointContent(target.checkpoint, target.revision, originalAt(target.revision))) !== signed) {
    throw new ValidationError('contentHash', `contentHash is not the hash of checkpoint ${target.checkpoint} as the backup's events give it`);
  }
}
