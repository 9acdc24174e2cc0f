// A keyed, ordered collection of a session's records (turns, tasks, context items, ...), and the
// reason a command costs the same at event 100,000 as at event 10: adding, replacing or removing
// one record is O(log n) on a persistent map (Immutable.js) that shares everything else with the
// collection it came from, where an array had to be copied and searched whole for every event.
// Each record carries its `ord`, its place in the order: a record replaced keeps it, a record
// brought back (a restore, a merge) takes its place again, so every way of building a state
// (a fold, a snapshot, the timeline) gives the same order. Serialised (toJSON), it is the plain
// array of its records, in order: what the API and exports always showed.
import { OrderedMap } from 'immutable';

interface Entry<T> {
  readonly ord: number;
  readonly value: T;
}

export class Items<T> implements Iterable<T> {
  private static readonly EMPTY = new Items<never>(OrderedMap());

  private constructor(private readonly byKey: OrderedMap<string, Entry<T>>) {}

  static empty<T>(): Items<T> {
    return Items.EMPTY as unknown as Items<T>;
  }

  /** From records in order, each at its position in `list` (tests, plain views). */
  static of<T>(list: Iterable<T>, keyOf: (item: T) => string): Items<T> {
    let ord = 0;
    return Items.fromEntries([...list].map((value) => [keyOf(value), ord++, value] as const));
  }

  /** From [key, ord, value] triples in any order (a snapshot, the timeline). */
  static fromEntries<T>(entries: Iterable<readonly [string, number, T]>): Items<T> {
    const sorted = [...entries].sort((a, b) => a[1] - b[1]);
    return new Items(OrderedMap<string, Entry<T>>().withMutations((m) => {
      for (const [key, ord, value] of sorted) m.set(key, { ord, value });
    }));
  }

  get size(): number {
    return this.byKey.size;
  }

  /** As `size`, for code that counts records as it counted an array's. */
  get length(): number {
    return this.byKey.size;
  }

  get(key: string): T | undefined {
    return this.byKey.get(key)?.value;
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  ordOf(key: string): number | undefined {
    return this.byKey.get(key)?.ord;
  }

  /** The highest ord, -1 when empty (records are kept in ord order). */
  lastOrd(): number {
    return this.byKey.last()?.ord ?? -1;
  }

  *[Symbol.iterator](): Iterator<T> {
    for (const entry of this.byKey.values()) yield entry.value;
  }

  keys(): string[] {
    return [...this.byKey.keys()];
  }

  values(): T[] {
    return [...this];
  }

  /** [key, ord, value] in order: what a snapshot keeps. */
  entries(): Array<[string, number, T]> {
    return [...this.byKey].map(([key, { ord, value }]) => [key, ord, value]);
  }

  find(predicate: (item: T) => boolean): T | undefined {
    for (const item of this) if (predicate(item)) return item;
    return undefined;
  }

  some(predicate: (item: T) => boolean): boolean {
    return this.find(predicate) !== undefined;
  }

  filter(predicate: (item: T) => boolean): T[] {
    return this.values().filter(predicate);
  }

  map<U>(f: (item: T) => U): U[] {
    return this.values().map(f);
  }

  first(): T | undefined {
    return this.byKey.first()?.value;
  }

  last(): T | undefined {
    return this.byKey.last()?.value;
  }

  /** [key, ord, value] from the last record back: a walk that stops early costs what it read. */
  *backwards(): Generator<[string, number, T]> {
    for (const [key, { ord, value }] of this.byKey.reverse()) yield [key, ord, value];
  }

  /** The records after `ord`, in order (those added since a record of that ord). */
  after(ord: number): T[] {
    const out: T[] = [];
    for (const [, o, value] of this.backwards()) {
      if (o <= ord) break;
      out.push(value);
    }
    return out.reverse();
  }

  /** The last `n` records, in order, without copying the rest. */
  lastN(n: number): T[] {
    if (n <= 0) return [];
    const out: T[] = [];
    for (const entry of this.byKey.reverse().values()) {
      out.push(entry.value);
      if (out.length === n) break;
    }
    return out.reverse();
  }

  /**
   * The record under `key` at `ord`: in place when the key keeps its ord, at the end when the ord
   * is the highest, and where it belongs otherwise (a record brought back by a restore).
   */
  set(key: string, value: T, ord: number): Items<T> {
    const existing = this.byKey.get(key);
    if (existing && existing.ord === ord) return new Items(this.byKey.set(key, { ord, value }));
    const without = existing ? this.byKey.delete(key) : this.byKey;
    const last = without.last()?.ord ?? -1;
    if (ord > last) return new Items(without.set(key, { ord, value }));
    return new Items(without.set(key, { ord, value }).sortBy((entry) => entry.ord));
  }

  delete(key: string): Items<T> {
    return this.byKey.has(key) ? new Items(this.byKey.delete(key)) : this;
  }

  /**
   * Several changes at once (an event's), made as `set` and `delete` make them one by one, with
   * the order put right once at the end: `set` sorts the whole collection when a record goes back
   * to a place before the last one, so a restore bringing back k records paid k sorts of it
   * (seconds on a long session); a draft pays one. Ords are unique, so the result is the same.
   */
  draft(): ItemsDraft<T> {
    const byKey = this.byKey.asMutable();
    // At least the highest ord: a record placed above it keeps the order.
    let highest = this.lastOrd();
    let unordered = false;
    let changed = false;
    return {
      has: (key) => byKey.has(key),
      ordOf: (key) => byKey.get(key)?.ord,
      set: (key, value, ord) => {
        changed = true;
        const existing = byKey.get(key);
        if (existing && existing.ord === ord) {
          byKey.set(key, { ord, value });
          return;
        }
        if (existing) byKey.delete(key);
        byKey.set(key, { ord, value });
        if (ord > highest) highest = ord;
        else unordered = true;
      },
      delete: (key) => {
        if (!byKey.has(key)) return;
        changed = true;
        byKey.delete(key);
      },
      done: () => {
        if (!changed) return this;
        const result = byKey.asImmutable();
        return new Items(unordered ? result.sortBy((entry) => entry.ord) : result);
      },
    };
  }

  toJSON(): T[] {
    return this.values();
  }
}

/** Changes of one collection in the making; `done` gives the collection after them (the same one when none). */
export interface ItemsDraft<T> {
  has(key: string): boolean;
  ordOf(key: string): number | undefined;
  set(key: string, value: T, ord: number): void;
  delete(key: string): void;
  done(): Items<T>;
}

export const isItems = (value: unknown): value is Items<unknown> => value instanceof Items;
