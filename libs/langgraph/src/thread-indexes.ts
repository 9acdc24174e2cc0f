// Thread indexes kept in memory, least recently used dropped first. An index is only a starting
// point: a read first folds what its streams gained since (one short read per stream), so
// another process's writes are never missed. A namespace not read yet is read from the latest
// keyframe of each of its streams, so a cold read of a long thread costs a few dozen events, not
// the thread's whole history; reading it whole is kept for history listings and old checkpoints.
import { StreamNotFound, type EventStore, type RecordedEvent } from '@crystalyse/event-store';
import { FRAME_EVERY } from './thread.decider.js';
import type { CheckpointSavedData } from './thread.events.js';
import { ThreadIndex, type Depth } from './thread-index.js';
import { namespaceStream } from './thread.streams.js';

/** Events read before a keyframe, for writes saved just before their checkpoint. */
const MARGIN = 16;

interface Read {
  event: RecordedEvent;
  beforeFrame: boolean;
}

export class ThreadIndexes {
  private readonly entries = new Map<string, ThreadIndex>();

  constructor(
    private readonly store: EventStore,
    private readonly maxThreads: number,
    /** Sees every event read, so the values among them need no second read. */
    private readonly onRead: (event: RecordedEvent) => void = () => undefined,
    frameEvery = FRAME_EVERY,
  ) {
    this.page = frameEvery + MARGIN;
  }

  private readonly page: number;

  /** The index as this process last left it, without reading the store. */
  cached(threadId: string): ThreadIndex | undefined {
    const index = this.entries.get(threadId);
    if (index) this.remember(index);
    return index;
  }

  /** The thread's index with `ns` read up to now: from its keyframes ('tail') or whole ('full'). */
  async namespace(threadId: string, ns: string, depth: Depth): Promise<ThreadIndex> {
    let index = this.entries.get(threadId);
    // Reading whole after a tail read starts again: simpler than merging, and rare.
    if (index && depth === 'full' && index.namespace(ns)?.complete === false) index = undefined;
    for (let attempt = 0; ; attempt++) {
      index ??= new ThreadIndex(threadId);
      const known = index.namespace(ns);
      if (await this.read(index, ns, known ? (known.complete ? 'full' : 'tail') : depth, known !== undefined)) break;
      if (attempt >= 3) throw new Error(`Thread ${threadId} keeps changing under the reader; try again`);
      index = undefined;
    }
    this.remember(index);
    return index;
  }

  /** Every namespace of the thread, read whole (deleting a thread, listing all its checkpoints). */
  async everything(threadId: string): Promise<ThreadIndex> {
    for (let attempt = 0; ; attempt++) {
      const index = new ThreadIndex(threadId);
      let ok = await this.read(index, '', 'full', false);
      for (const ns of ok ? [...index.directory.keys()] : []) ok &&= await this.read(index, ns, 'full', false);
      if (ok) {
        this.remember(index);
        return index;
      }
      if (attempt >= 3) throw new Error(`Thread ${threadId} keeps changing under the reader; try again`);
    }
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

  /** Reads the namespace's streams (what they gained since, or from the start) and folds them; false when stale. */
  private async read(index: ThreadIndex, ns: string, depth: Depth, catchingUp: boolean): Promise<boolean> {
    const main = namespaceStream(index.threadId, ns);
    const pending = catchingUp ? index.streamsOf(ns) : [main];
    const visited = new Set<string>();
    const reads: Read[] = [];
    while (pending.length > 0) {
      const stream = pending.shift()!;
      if (visited.has(stream)) continue;
      visited.add(stream);
      index.assign(stream, ns);
      const known = index.revisionOf(stream);
      const events = known >= 0n ? await this.after(stream, known) : depth === 'full' ? await this.after(stream, -1n) : await this.tail(stream);
      if (events === null) {
        // Deleted since it was read: the index is out of date. Never written: nothing to read.
        if (known >= 0n) return false;
        continue;
      }
      reads.push(...events);
      for (const { event } of events) {
        this.onRead(event);
        if (event.type === 'LangGraphBranchOpened') pending.push((event.data as { branch: string }).branch);
        if (event.type === 'LangGraphCheckpointSaved') pending.push(...((event.data as CheckpointSavedData).frame?.forks ?? []));
      }
    }
    // A fork's first checkpoint names a parent in another stream: fold in commit order.
    reads.sort((a, b) => (a.event.position < b.event.position ? -1 : a.event.position > b.event.position ? 1 : 0));
    index.loaded(ns, depth);
    for (const { event, beforeFrame } of reads) if (index.apply(event, beforeFrame) === 'stale') return false;
    return true;
  }

  private async after(stream: string, revision: bigint): Promise<Read[] | null> {
    const events = await this.readOrNull(stream, { fromRevision: revision + 1n });
    return events && events.map((event) => ({ event, beforeFrame: false }));
  }

  /** The stream from its latest keyframe (and a few events before it), read backwards page by page. */
  private async tail(stream: string): Promise<Read[] | null> {
    const newestFirst: RecordedEvent[] = [];
    let from: bigint | 'end' = 'end';
    for (;;) {
      const page = await this.readOrNull(stream, { direction: 'backwards', fromRevision: from, maxCount: this.page });
      if (page === null) return newestFirst.length > 0 ? this.oldestFirst(newestFirst, -1n) : null;
      newestFirst.push(...page);
      const frame = newestFirst.findIndex((e) => e.type === 'LangGraphCheckpointSaved' && (e.data as CheckpointSavedData).frame);
      const oldest = newestFirst[newestFirst.length - 1];
      if (frame >= 0) {
        const wanted = frame + 1 + MARGIN;
        if (newestFirst.length < wanted && page.length === this.page && oldest!.revision > 0n) {
          newestFirst.push(...((await this.readOrNull(stream, { direction: 'backwards', fromRevision: oldest!.revision - 1n, maxCount: wanted - newestFirst.length })) ?? []));
        }
        return this.oldestFirst(newestFirst.slice(0, wanted), newestFirst[frame]!.revision);
      }
      if (page.length < this.page || !oldest || oldest.revision === 0n) return this.oldestFirst(newestFirst, -1n);
      from = oldest.revision - 1n;
    }
  }

  private oldestFirst(newestFirst: RecordedEvent[], frameRevision: bigint): Read[] {
    return newestFirst.reverse().map((event) => ({ event, beforeFrame: event.revision < frameRevision }));
  }

  private async readOrNull(stream: string, options: Parameters<EventStore['readStream']>[1]): Promise<RecordedEvent[] | null> {
    try {
      return await this.store.readStream(stream, options);
    } catch (error) {
      if (error instanceof StreamNotFound) return null;
      throw error;
    }
  }
}
