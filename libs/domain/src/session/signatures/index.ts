// Electronic signatures: a user signs a checkpoint or a discovery with a meaning; the hash of what
// was signed is recorded, and a signature reads valid while its target is still what was signed.
export type * from './commands.js';
export type * from './events.js';
export { SIGNATURE_MEANINGS } from './commands.js';
export { checkpointContent, contentHash, discoveryContent, discoveryHash, CONTENT_HASH_PATTERN, type CheckpointContent } from './content.js';
export { requireTarget } from './decide.js';
export { admitImportedSignature } from './import.js';
export { importedSignatureValidity, importedSignaturesIn, signatureValidity, signaturesIn, type ImportedSignature, type Signature, type SignatureValidity } from './validity.js';
export { signaturesSlice } from './slice.js';
