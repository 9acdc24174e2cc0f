// Stream metadata with EventStoreDB's meaning: $maxAge (seconds), $maxCount, $tb (truncate
// before) and custom keys. Stored as JSON in `streams.metadata`; the bigint truncateBefore is a
// string there, because JSON has no bigint.
import type { StreamMetadata } from '../event-store.port.js';
import { MAX_INT64 } from './statements.js';

interface StoredMetadata {
  maxAge?: number;
  maxCount?: number;
  truncateBefore?: string;
  [custom: string]: unknown;
}

export function serialiseMetadata(metadata: StreamMetadata): string {
  const { maxAge, maxCount, truncateBefore } = metadata;
  if (maxAge !== undefined && !(Number.isInteger(maxAge) && maxAge > 0)) {
    throw new RangeError(`Stream metadata maxAge must be a positive integer of seconds, got ${String(maxAge)}`);
  }
  if (maxCount !== undefined && !(Number.isInteger(maxCount) && maxCount > 0)) {
    throw new RangeError(`Stream metadata maxCount must be a positive integer, got ${String(maxCount)}`);
  }
  if (truncateBefore !== undefined && (typeof truncateBefore !== 'bigint' || truncateBefore < 0n)) {
    throw new RangeError(`Stream metadata truncateBefore must be a bigint >= 0, got ${String(truncateBefore)}`);
  }
  const stored: StoredMetadata = { ...metadata, truncateBefore: truncateBefore?.toString() };
  return JSON.stringify(stored);
}

export function parseMetadata(json: string | null): StreamMetadata {
  if (json === null) return {};
  const { truncateBefore, ...rest } = JSON.parse(json) as StoredMetadata;
  return truncateBefore === undefined ? rest : { ...rest, truncateBefore: BigInt(truncateBefore) };
}

// SQLite integers are signed 64-bit; a $tb beyond that hides everything anyway.

/** The part of a stream that reads may see, given its metadata and head revision. */
export interface VisibleWindow {
  /** Lowest visible revision (inclusive). */
  minRevision: bigint;
  /** Events created before this ISO instant are hidden ('' when no maxAge). */
  minCreated: string;
}

export function visibleWindow(metadata: StreamMetadata, headRevision: bigint, nowMs: number): VisibleWindow {
  let minRevision = 0n;
  if (metadata.truncateBefore !== undefined && metadata.truncateBefore > minRevision) minRevision = metadata.truncateBefore;
  if (metadata.maxCount !== undefined) {
    const firstKept = headRevision - BigInt(metadata.maxCount) + 1n;
    if (firstKept > minRevision) minRevision = firstKept;
  }
  if (minRevision > MAX_INT64) minRevision = MAX_INT64;
  const minCreated = metadata.maxAge !== undefined ? new Date(nowMs - metadata.maxAge * 1000).toISOString() : '';
  return { minRevision, minCreated };
}
