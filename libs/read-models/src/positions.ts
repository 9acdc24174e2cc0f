// Projections stamp each document with `_position`, the `$all` position of the last event folded
// into it. It is stored as a JSON/BSON number so both stores can compare it natively in a guard
// (`_position < n`); checkpoints keep the exact bigint as text.
import type { Document } from './document-store.port.js';

export const POSITION_FIELD = '_position';

export function toDocumentPosition(position: bigint): number {
  if (position < 0n || position > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`Position ${position} cannot be stamped on a document (outside 0..2^53-1)`);
  }
  return Number(position);
}

/** The position stamped on a stored document, or null for a document never written by a projection. */
export function documentPosition(document: Document | null | undefined): bigint | null {
  const value = document?.[POSITION_FIELD];
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  if (typeof value === 'bigint') return value;
  return null;
}
