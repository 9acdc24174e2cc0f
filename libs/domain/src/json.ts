// JSON values: what metadata, configuration and context values may hold. State must stay
// JSON-serialisable (it is snapshotted), so everything the domain stores is one of these.

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** Keys that would reach Object.prototype through a plain-object lookup. */
export const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Why `value` is not a JSON value within `maxDepth` levels, or null when it is one. */
export function jsonProblem(value: unknown, maxDepth: number): string | null {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? null : 'numbers must be finite';
  if (maxDepth <= 0) return 'is nested too deeply';
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = jsonProblem(item, maxDepth - 1);
      if (problem) return problem;
    }
    return null;
  }
  if (!isPlainObject(value)) return 'must be a JSON value (string, number, boolean, null, array or object)';
  for (const [key, item] of Object.entries(value)) {
    // Inside values only `__proto__` is dangerous (JSON.parse makes it an own key that a spread
    // would turn into a prototype); "constructor" or "prototype" are ordinary data there, e.g. a
    // crystal structure's prototype. Keys used for lookups are checked against UNSAFE_KEYS.
    if (key === '__proto__') return `key "${key}" is not allowed`;
    const problem = jsonProblem(item, maxDepth - 1);
    if (problem) return problem;
  }
  return null;
}

/** Structural equality of JSON-like values; keys whose value is undefined count as absent. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const aKeys = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bKeys = Object.keys(bo).filter((k) => bo[k] !== undefined);
  if (aKeys.length !== bKeys.length) return false;
  return aKeys.every((k) => Object.hasOwn(bo, k) && deepEqual(ao[k], bo[k]));
}

/** Own-property lookup: a missing key is undefined, never something inherited. */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
