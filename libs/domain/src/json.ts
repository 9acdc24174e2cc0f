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

/**
 * Why `value` is not a JSON value within `maxDepth` levels, or null when it is one. The first
 * problem in document order. Iterative, like deepEqual: stored or imported data may be deeper
 * than any call stack.
 */
export function jsonProblem(value: unknown, maxDepth: number): string | null {
  // Pending values, the depth left for each and the key each sits under, in reverse document
  // order (three parallel stacks: no allocation per value).
  const values: unknown[] = [value];
  const depths: number[] = [maxDepth];
  const keys: Array<string | undefined> = [undefined];
  while (values.length > 0) {
    const item = values.pop();
    const depthLeft = depths.pop()!;
    // Inside values only `__proto__` is dangerous (JSON.parse makes it an own key that a spread
    // would turn into a prototype); "constructor" or "prototype" are ordinary data there, e.g. a
    // crystal structure's prototype. Keys used for lookups are checked against UNSAFE_KEYS.
    if (keys.pop() === '__proto__') return 'key "__proto__" is not allowed';
    if (item === null || typeof item === 'string' || typeof item === 'boolean') continue;
    if (typeof item === 'number') {
      if (Number.isFinite(item)) continue;
      return 'numbers must be finite';
    }
    if (depthLeft <= 0) return 'is nested too deeply';
    if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) {
        values.push(item[i]);
        depths.push(depthLeft - 1);
        keys.push(undefined);
      }
      continue;
    }
    if (!isPlainObject(item)) return 'must be a JSON value (string, number, boolean, null, array or object)';
    const names = Object.keys(item);
    for (let i = names.length - 1; i >= 0; i--) {
      values.push(item[names[i]!]);
      depths.push(depthLeft - 1);
      keys.push(names[i]);
    }
  }
  return null;
}

/** Structural equality of JSON-like values; keys whose value is undefined count as absent. */
export function deepEqual(a: unknown, b: unknown): boolean {
  // Pairs still to compare, flat: [x0, y0, x1, y1, ...].
  const pending: unknown[] = [a, b];
  while (pending.length > 0) {
    const y = pending.pop();
    const x = pending.pop();
    if (x === y) continue;
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
    if (Array.isArray(x) !== Array.isArray(y)) return false;
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) pending.push(x[i], y[i]);
      continue;
    }
    const xo = x as Record<string, unknown>;
    const yo = y as Record<string, unknown>;
    let xCount = 0;
    for (const k in xo) {
      if (!Object.hasOwn(xo, k) || xo[k] === undefined) continue;
      if (!Object.hasOwn(yo, k)) return false;
      xCount++;
      pending.push(xo[k], yo[k]);
    }
    let yCount = 0;
    for (const k in yo) if (Object.hasOwn(yo, k) && yo[k] !== undefined) yCount++;
    if (xCount !== yCount) return false;
  }
  return true;
}

/** Own-property lookup: a missing key is undefined, never something inherited. */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
