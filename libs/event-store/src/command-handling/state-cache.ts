// An in-process cache of folded states, keyed by stream and revision. A hit is only a starting
// point: the loader still reads every event after the cached revision from the store, so the
// cache can never serve a stale state for a write, on one replica or many.
import type { Snapshot } from './snapshots.js';

export class StateCache<State> {
  private readonly entries = new Map<string, Snapshot<State>>();
  private hits = 0;
  private misses = 0;

  /** `maxEntries` bounds memory: the least recently used stream is dropped first. */
  constructor(private readonly maxEntries = 1000) {}

  get(streamId: string): Snapshot<State> | undefined {
    const entry = this.entries.get(streamId);
    if (!entry) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    // Re-insert so the Map's order stays least- to most-recently used.
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    return entry;
  }

  set(streamId: string, entry: Snapshot<State>): void {
    const current = this.entries.get(streamId);
    if (current && current.revision > entry.revision) return;
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  delete(streamId: string): void {
    this.entries.delete(streamId);
  }

  stats(): { entries: number; hits: number; misses: number } {
    return { entries: this.entries.size, hits: this.hits, misses: this.misses };
  }
}
