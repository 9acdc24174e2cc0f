// Comparing records by what they say rather than when it was said: two writers (or a branch and
// its parent) that added the same item at different times made the same change.
import { deepEqual } from '../json.js';

const TIMESTAMPS = new Set([
  'at', 'addedAt', 'completedAt', 'savedAt', 'updatedAt', 'askedAt', 'answeredAt', 'firstSeenAt', 'lastSeenAt', 'archivedAt', 'createdAt',
]);

function without(value: unknown, ignored: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((item) => without(item, ignored));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => !ignored.has(k)).map(([k, v]) => [k, without(v, ignored)]));
}

/** Equal once every timestamp is left out, at any depth. */
export const sameIgnoringTimes = (a: unknown, b: unknown): boolean => deepEqual(without(a, TIMESTAMPS), without(b, TIMESTAMPS));

const TIMES_AND_ORIGIN = new Set([...TIMESTAMPS, 'origin']);

/** Equal once timestamps and the branch a record came from are left out. */
export const sameContent = (a: unknown, b: unknown): boolean => deepEqual(without(a, TIMES_AND_ORIGIN), without(b, TIMES_AND_ORIGIN));
