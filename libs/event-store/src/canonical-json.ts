// Canonical JSON (RFC 8785 key order) for the hash chain. On JSON values it is byte-for-byte the
// output of the `canonicalize` package (canonical-json.spec.ts checks that), but it differs
// where `canonicalize` disagrees with JSON.stringify (sparse arrays, functions, boxed
// primitives): the store keeps JSON.stringify's text, so the hash must cover exactly what a
// later read parses back, or `verify` would flag untouched events. It is also more than twice
// as fast, which matters because it runs for every appended and every verified event.
// It walks the value with a stack of its own, not the call stack: a stored event of any depth
// can be hashed and verified. Cycles are caught with the open containers kept on a small array,
// and in a Set as well once they are many, so a deep value costs no more than a wide one.

const quotedKeys = new Map<string, string>();
const MAX_CACHED_KEYS = 10_000;
/** Open containers beyond which `Path.has` asks a Set instead of scanning the array. */
const SHALLOW_PATH = 32;

/** An array or object being written: where it is up to. */
interface Frame {
  value: object;
  /** Sorted keys of an object; null for an array. */
  keys: string[] | null;
  next: number;
  wroteOne: boolean;
  /** Objects whose toJSON gave this container: on the path until it is written, as JSON.stringify keeps them. */
  holders: number;
}

class Path {
  private readonly open: object[] = [];
  private deep: Set<object> | null = null;

  has(value: object): boolean {
    return this.deep ? this.deep.has(value) : this.open.includes(value);
  }

  push(value: object): void {
    this.open.push(value);
    if (this.deep) this.deep.add(value);
    else if (this.open.length > SHALLOW_PATH) this.deep = new Set(this.open);
  }

  pop(): void {
    const value = this.open.pop()!;
    // Once made, the Set is kept in step rather than dropped: a value wide at the threshold's
    // depth would rebuild it for every child.
    if (this.deep) this.deep.delete(value);
  }
}

/** Canonical JSON of the value as JSON.stringify sees it; refuses NaN, Infinity and cycles. */
export function canonicalJson(value: unknown): string | undefined {
  const path = new Path();
  const holders: object[] = [];
  const root = resolve(value, '', path, holders);
  if (typeof root !== 'object') return root;
  const frames: Frame[] = [];
  let out = open(root, frames, path, holders);
  while (frames.length > 0) {
    const frame = frames[frames.length - 1]!;
    const { keys } = frame;
    if (keys === null) {
      const array = frame.value as unknown[];
      if (frame.next === array.length) {
        out += ']';
        close(frames, path);
        continue;
      }
      const index = frame.next++;
      if (index > 0) out += ',';
      const item = resolve(array[index], String(index), path, holders);
      out += typeof item === 'object' ? open(item, frames, path, holders) : (item ?? 'null');
    } else {
      if (frame.next === keys.length) {
        out += '}';
        close(frames, path);
        continue;
      }
      const name = keys[frame.next++]!;
      const item = resolve((frame.value as Record<string, unknown>)[name], name, path, holders);
      if (item === undefined) continue;
      if (frame.wroteOne) out += ',';
      frame.wroteOne = true;
      out += quoteKey(name) + ':' + (typeof item === 'object' ? open(item, frames, path, holders) : item);
    }
  }
  return out;
}

function quoteKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (quotedKeys.size < MAX_CACHED_KEYS) quotedKeys.set(key, quoted);
  }
  return quoted;
}

function open(value: object, frames: Frame[], path: Path, holders: object[]): string {
  const held = holders.length;
  if (held > 0) {
    for (const holder of holders) path.push(holder);
    holders.length = 0;
  }
  path.push(value);
  const keys = Array.isArray(value) ? null : Object.keys(value);
  if (keys && keys.length > 1) keys.sort();
  frames.push({ value, keys, next: 0, wroteOne: false, holders: held });
  return keys ? '{' : '[';
}

function close(frames: Frame[], path: Path): void {
  const { holders } = frames.pop()!;
  for (let i = 0; i <= holders; i++) path.pop();
}

/**
 * A value as JSON.stringify would write it: its text when it is not a container (undefined when
 * it has none), or the array or object to open (after toJSON and unboxing). A container reached
 * through toJSON leaves the objects whose toJSON led to it in `holders`, for `open`.
 */
function resolve(value: unknown, key: string, path: Path, holders: object[]): string | undefined | object {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Error(Number.isNaN(value) ? 'NaN is not allowed' : 'Infinity is not allowed');
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      // undefined, functions and symbols have no JSON form; bigint throws, as in JSON.stringify.
      return JSON.stringify(value);
  }
  if (value === null) return 'null';
  if (path.has(value) || holders.includes(value)) throw new Error('Circular reference detected');
  const withToJSON = value as { toJSON?: unknown };
  if (typeof withToJSON.toJSON === 'function') {
    holders.push(value);
    const resolved = resolve((withToJSON.toJSON as (key: string) => unknown).call(value, key), key, path, holders);
    if (typeof resolved !== 'object') holders.length = 0;
    return resolved;
  }
  if (value instanceof Number || value instanceof String || value instanceof Boolean || value instanceof BigInt) {
    return resolve(value.valueOf(), key, path, holders);
  }
  return value;
}
