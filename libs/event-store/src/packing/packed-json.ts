// How the embedded stores keep JSON on disk: texts of a few hundred bytes and more are deflated
// with a dictionary of what our events repeat (keys, tool names, units, phrasing) and stored as a
// BLOB whose first byte names the format; shorter texts, and texts that would not shrink, stay
// TEXT. An agent turn's events shrink about 3×, their metadata (ids and hashes) about 2×.
// Old rows are plain TEXT and read as before, so no migration is needed. zlib ships with Node:
// no dependency, and its per-call cost (tens of µs) was the cheapest measured here; zstd would
// need a native module this machine cannot download.
import { promisify } from 'node:util';
import { deflateRaw, deflateRawSync, inflateRawSync } from 'node:zlib';
import { DICTIONARY_V1 } from './dictionary-v1.js';

/** What a packed JSON column holds. */
export type PackedJson = string | Uint8Array;

/** Below this, deflate's own framing eats most of the gain. */
const MIN_PACKED_LENGTH = 96;
/** First byte of a packed BLOB: raw deflate with DICTIONARY_V1. */
const DEFLATE_V1 = 1;
const OPTIONS = { dictionary: DICTIONARY_V1, level: 6 } as const;
const deflateRawAsync = promisify(deflateRaw);

/** The stored form of a JSON text: packed when that saves bytes. */
export function packJson(json: string): PackedJson {
  if (json.length < MIN_PACKED_LENGTH) return json;
  return framed(json, deflateRawSync(json, OPTIONS));
}

/** The same off the main thread (zlib's thread pool): for large values such as snapshots. */
export async function packJsonAsync(json: string): Promise<PackedJson> {
  if (json.length < MIN_PACKED_LENGTH) return json;
  return framed(json, await deflateRawAsync(json, OPTIONS));
}

/** The JSON text of a stored value, whichever form it was stored in. */
export function unpackJson(stored: PackedJson): string {
  if (typeof stored === 'string') return stored;
  if (stored[0] !== DEFLATE_V1) throw new Error(`Unknown packed JSON format ${stored[0]}`);
  return inflateRawSync(stored.subarray(1), { dictionary: DICTIONARY_V1 }).toString('utf8');
}

function framed(json: string, deflated: Buffer): PackedJson {
  // Not worth a BLOB unless it saves bytes (compare with the UTF-8 size, as stored).
  if (deflated.length + 1 >= Buffer.byteLength(json)) return json;
  const out = Buffer.allocUnsafe(deflated.length + 1);
  out[0] = DEFLATE_V1;
  deflated.copy(out, 1);
  return out;
}
