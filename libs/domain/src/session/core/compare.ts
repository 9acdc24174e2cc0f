// Comparing records by what they say rather than when it was said: two writers (or a branch and
// its parent) that added the same item at different times made the same change.
import { deepEqual } from '../../json.js';

const TIMESTAMPS = new Set([
  'at', 'addedAt', 'completedAt', 'savedAt', 'updatedAt', 'askedAt', 'answeredAt', 'firstSeenAt', 'lastSeenAt', 'archivedAt', 'createdAt',
]);

function without(value: unknown, ignored: ReadonlySet<string>, asGiven: ReadonlySet<string> = NONE): unknown {
  if (Array.isArray(value)) return value.map((item) => without(item, ignored, asGiven));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => !ignored.has(k)).map(([k, v]) => [k, asGiven.has(k) ? v : without(v, ignored, asGiven)]));
}

const NONE: ReadonlySet<string> = new Set();

/** Equal once every timestamp is left out, at any depth. */
export const sameIgnoringTimes = (a: unknown, b: unknown): boolean => deepEqual(without(a, TIMESTAMPS), without(b, TIMESTAMPS));

const TIMES_AND_ORIGIN = new Set([...TIMESTAMPS, 'origin']);

// What users, tools and the analyst gave (a context item's value, a material's properties, an
// answer's analysis, a discovery's evidence) is data: a key named `at` in it is no record time.
const GIVEN_VALUES = new Set(['value', 'properties', 'analysis', 'detail']);

/** Equal once the records' timestamps and the branch a record came from are left out. */
export const sameContent = (a: unknown, b: unknown): boolean =>
  deepEqual(without(a, TIMES_AND_ORIGIN, GIVEN_VALUES), without(b, TIMES_AND_ORIGIN, GIVEN_VALUES));
