// Thread indexes kept in memory, least recently used dropped first. An index is only a starting
// point: every operation first reads what its streams gained since (one short read per stream),
// so another process's writes are never missed; a stale index can only cost a retried append.
import { StreamNotFound, type EventStore, type RecordedEvent } from '@crystalyse/event-store';
import { ThreadIndex } from './thread-index.js';
import type { LangGraphBranchOpened } from './thread.events.js';

export class ThreadIndexes {
  private readonly entries = new Map<string, ThreadIndex>();

  constructor(private readonly store: EventStore, private readonly maxThreads: number) {}

  /** The thread's index, caught up on the root stream and on the streams of `ns` ('all': every one). */
  async catchUp(threadId: string, ns: string | 'all'): Promise<ThreadIndex> {
    let index = this.entries.get(threadId) ?? new ThreadIndex(threadId);
    for (let attempt = 0; !(await this.readInto(index, ns)); attempt++) {
      if (attempt >= 3) throw new Error(`Thread ${threadId} keeps changing under the reader; try again`);
      index = new ThreadIndex(threadId);
    }
    this.remember(index);
    return index;
  }

  /** The index as this process last left it, without reading the store. */
  cached(threadId: string): ThreadIndex | undefined {
    const index = this.entries.get(threadId);
    if (index) this.remember(index);
    return index;
  }

  forget(threadId: string): void {
    this.entries.delete(threadId);
  }

  /** Keeps an index the caller has just folded its own appends into. */
  remember(index: ThreadIndex): void {
    this.entries.delete(index.threadId);
    this.entries.set(index.threadId, index);
    if (this.entries.size > this.maxThreads) this.entries.delete(this.entries.keys().next().value!);
  }

  /** False when the index no longer matches the store and must be rebuilt. */
  private async readInto(index: ThreadIndex, ns: string | 'all'): Promise<boolean> {
    const rootEvents = await this.readAfter(index.root, index.revisionOf(index.root));
    if (rootEvents === null) {
      // Never written, or deleted: an index that knew events is out of date.
      return index.revisionOf(index.root) < 0n;
    }
    // Branches opened since the last read are read in the same pass.
    const opened = rootEvents
      .filter((e): e is RecordedEvent<'LangGraphBranchOpened', LangGraphBranchOpened['data']> => e.type === 'LangGraphBranchOpened')
      .filter((e) => ns === 'all' || e.data.ns === ns)
      .map((e) => e.data.branch);
    const branches = [...new Set([...index.streamsOf(ns).slice(1), ...opened])];
    const branchEvents = await Promise.all(branches.map((stream) => this.readAfter(stream, index.revisionOf(stream))));
    // A fork's first checkpoint names a parent in another stream: fold in commit order.
    const events = [...rootEvents, ...branchEvents.flatMap((e) => e ?? [])].sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
    for (const event of events) if (index.apply(event) === 'gap') return false;
    return true;
  }

  private async readAfter(stream: string, revision: bigint): Promise<RecordedEvent[] | null> {
    try {
      return await this.store.readStream(stream, { fromRevision: revision + 1n });
    } catch (error) {
      if (error instanceof StreamNotFound) return null;
      throw error;
    }
  }
}
