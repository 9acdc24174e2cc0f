// The signatures slice as the core routes it. Signing is the session's own (a branch is not
// signed: sign the checkpoint or discovery once it is on the session), allowed in any status but
// archived, and writes no field another writer could conflict with.
import { ValidationError } from '../../errors.js';
import { FACT } from '../core/import-step.js';
import { id, object, oneOf, text, int, check, checkpointName } from '../core/shapes.js';
import type { Slice } from '../core/slice.js';
import { ANY_BUT_ARCHIVED } from '../core/statuses.js';
import { LIMITS } from '../core/validation.js';
import { SIGNATURE_MEANINGS, type SignatureCommand } from './commands.js';
import { CONTENT_HASH_PATTERN } from './content.js';
import { decideSignature } from './decide.js';
import type { SignatureEvent } from './events.js';
import { evolveSignature } from './evolve.js';

const hash = check((field, value) => {
  if (typeof value !== 'string' || !CONTENT_HASH_PATTERN.test(value)) throw new ValidationError(field, `${field} must be a SHA-256 in lower-case hex`);
});
const target = check((field, value) => {
  const asCheckpoint = object({ checkpoint: checkpointName, revision: int(-1) });
  const asDiscovery = object({ discoveryId: id });
  try {
    asCheckpoint(field, value);
  } catch {
    asDiscovery(field, value);
  }
});

const SIGNED = { signatureId: id, signerId: text(200), signerName: text(LIMITS.name), meaning: oneOf(SIGNATURE_MEANINGS), target, contentHash: hash };

export const signaturesSlice: Slice<SignatureCommand, SignatureEvent> = {
  decide: decideSignature,
  evolve: evolveSignature,
  commands: {
    RecordSignature: { statuses: ANY_BUT_ARCHIVED, action: 'sign', sessionOnly: 'sign on the session, not a branch', fields: () => [], commutative: true },
  },
  events: {
    SignatureRecorded: {
      shape: SIGNED,
      // A signature attests a passphrase given in the session it was made in: a copy never takes it
      // as its own. The import records it as SignatureImported instead (export/import.ts rewrites
      // it before any step is read; ./import.ts says why and what it checks).
      step: () => {
        throw new Error('SignatureRecorded is imported as SignatureImported');
      },
    },
    SignatureImported: { shape: { ...SIGNED, signedIn: id }, step: () => FACT },
  },
};
