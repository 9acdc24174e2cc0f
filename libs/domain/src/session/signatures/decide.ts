// Signing records that a user signed a checkpoint or a discovery, with a meaning (authored,
// reviewed, approved) and the hash of what they signed. The passphrase was checked before (by
// the application, with a slow hash); who signs is the command's actor. A signature changes
// nothing in the session's state: it is a fact of the log, listed from the events, and whether it
// still holds is worked out when read (validity.ts), so restores and merges never touch it.
import { CheckpointNotFound, NotFound, ValidationError } from '../../errors.js';
import { isPlainObject } from '../../json.js';
import type { SessionState } from '../core/state.js';
import { LIMITS, requireCheckpointName, requireId, requireOneOf, requireText } from '../core/validation.js';
import { SIGNATURE_MEANINGS, type SignatureCommand, type SignatureTargetInput } from './commands.js';
import { CONTENT_HASH_PATTERN, discoveryHash } from './content.js';
import type { SignatureEvent, SignedTarget } from './events.js';

export function decideSignature(command: SignatureCommand, state: SessionState): SignatureEvent[] {
  const { at, actorId } = command.data;
  switch (command.type) {
    case 'RecordSignature': {
      const signatureId = requireId('signatureId', command.data.signatureId);
      const meaning = requireOneOf('meaning', command.data.meaning, SIGNATURE_MEANINGS);
      const signerName = requireText('signerName', command.data.signerName, LIMITS.name);
      const target = requireTarget(command.data.target);
      const given = command.data.contentHash;
      let signed: SignedTarget;
      let contentHash: string;
      if ('checkpoint' in target) {
        const checkpoint = state.governance.checkpoints.get(target.checkpoint);
        if (!checkpoint) throw new CheckpointNotFound(target.checkpoint);
        if (typeof given !== 'string' || !CONTENT_HASH_PATTERN.test(given)) throw new ValidationError('contentHash', 'contentHash must be a SHA-256 in lower-case hex');
        signed = { checkpoint: checkpoint.name, revision: checkpoint.revision };
        contentHash = given;
      } else {
        const discovery = state.workspace.discoveries.get(target.discoveryId);
        if (!discovery) throw new NotFound('discovery', target.discoveryId);
        if (given !== undefined) throw new ValidationError('contentHash', "a discovery's hash is computed from the record the session holds, not given");
        signed = { discoveryId: discovery.id };
        contentHash = discoveryHash(discovery);
      }
      return [{ type: 'SignatureRecorded', data: { signatureId, signerId: actorId, signerName, meaning, target: signed, contentHash, at } }];
    }
    default: {
      const _never: never = command.type;
      throw new Error(`Unknown signature command ${String(_never)}`);
    }
  }
}

/** Exactly one of `{ checkpoint }` and `{ discoveryId }`. */
export function requireTarget(value: unknown): SignatureTargetInput {
  if (!isPlainObject(value)) throw new ValidationError('target', 'target must be { checkpoint: name } or { discoveryId }');
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === 'checkpoint') return { checkpoint: requireCheckpointName('target.checkpoint', value.checkpoint) };
  if (keys.length === 1 && keys[0] === 'discoveryId') return { discoveryId: requireId('target.discoveryId', value.discoveryId) };
  throw new ValidationError('target', 'target must be { checkpoint: name } or { discoveryId }, exactly one of them');
}
