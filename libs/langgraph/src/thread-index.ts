// What this process knows of one thread: the decider's state over the streams read so far, the
// revision read up to in each, and an index per checkpoint namespace. A namespace is read from
// the latest keyframe of each of its streams (enough for LangGraph's hot path: the latest
// checkpoint, saving the next one, its writes) or, when older checkpoints are asked for, whole.
import type { RecordedEvent } from '@crystalyse/event-store';
import { NamespaceIndex } from './namespace-index.js';
import { threadDecider, type ThreadHeads } from './thread.decider.js';
import { THREAD_EVENT_TYPES, type PlacedEvent } from './thread.events.js';
import { namespaceStream, threadStream } from './thread.streams.js';

export type ApplyResult = 'applied' | 'skipped' | 'stale';
export type Depth = 'tail' | 'full';

type Applicable = Pick<RecordedEvent, 'streamId' | 'revision' | 'type' | 'data'>;

export class ThreadIndex {
  readonly root: string;
  heads: ThreadHeads;
  readonly namespaces = new Map<string, NamespaceIndex>();
  /** Namespaces named in the root's directory (read when the root namespace is read whole). */
  readonly directory = new Map<string, string>();
  private readonly decider;
  private readonly revisions = new Map<string, bigint>();
  private readonly streamNs = new Map<string, string>();

  constructor(readonly threadId: string) {
    this.root = threadStream(threadId);
    this.decider = threadDecider(threadId);
    this.heads = this.decider.initialState();
    this.streamNs.set(this.root, '');
  }

  /** Revision of the last event read from the stream, -1n when none. */
  revisionOf(stream: string): bigint {
    return this.revisions.get(stream) ?? -1n;
  }

  namespace(ns: string): NamespaceIndex | undefined {
    return this.namespaces.get(ns);
  }

  /** Declares which namespace a stream belongs to before its events are folded. */
  assign(stream: string, ns: string): void {
    if (!this.streamNs.has(stream)) this.streamNs.set(stream, ns);
  }

  /** The main line of the namespace and every fork reached from it, as far as read. */
  streamsOf(ns: string): string[] {
    const streams = [namespaceStream(this.threadId, ns)];
    for (let i = 0; i < streams.length; i++) for (const fork of this.heads.streams.get(streams[i]!)?.forks ?? []) if (!streams.includes(fork)) streams.push(fork);
    return streams;
  }

  loaded(ns: string, depth: Depth): NamespaceIndex {
    let index = this.namespaces.get(ns);
    if (!index) this.namespaces.set(ns, (index = new NamespaceIndex(ns)));
    if (depth === 'full') index.complete = true;
    return index;
  }

  /**
   * Folds one recorded event. 'stale' means this index no longer matches the store (events it
   * read are gone: the thread was deleted and written again elsewhere, or a difference names a
   * parent it has not read): the caller reads again from the store. An event `beforeFrame` was
   * read only for the writes that may precede a keyframe's checkpoint.
   */
  apply(event: Applicable, beforeFrame = false): ApplyResult {
    const known = this.revisionOf(event.streamId);
    if (event.revision <= known) return 'skipped';
    if (known >= 0n && (event.revision > known + 1n || event.type === 'LangGraphBranchStarted')) return 'stale';
    this.revisions.set(event.streamId, event.revision);
    if (!THREAD_EVENT_TYPES.has(event.type)) return 'applied';
    if (beforeFrame && event.type !== 'LangGraphWritesSaved') return 'applied';
    const placed = { stream: event.streamId, type: event.type, data: event.data } as PlacedEvent;
    this.heads = this.decider.evolve(this.heads, placed);
    const ns = this.streamNs.get(event.streamId);
    switch (placed.type) {
      case 'LangGraphNamespaceOpened':
        this.directory.set(placed.data.ns, placed.data.stream);
        this.assign(placed.data.stream, placed.data.ns);
        break;
      case 'LangGraphBranchOpened':
        this.assign(placed.data.branch, placed.data.ns);
        break;
      case 'LangGraphBranchStarted':
        this.assign(event.streamId, placed.data.ns);
        break;
      case 'LangGraphCheckpointSaved':
        if (ns !== undefined && !this.loaded(ns, 'tail').addCheckpoint(event.streamId, event.revision, placed.data)) return 'stale';
        break;
      case 'LangGraphWritesSaved':
        if (ns !== undefined) this.loaded(ns, 'tail').addWrites(event.streamId, event.revision, placed.data);
        break;
      case 'LangGraphThreadDeleted':
        // Everything before this event is gone for LangGraph; the log keeps it for the audit.
        this.namespaces.clear();
        this.directory.clear();
        for (const stream of [...this.revisions.keys()]) if (stream !== this.root) this.revisions.delete(stream);
        break;
      default:
        break;
    }
    return 'applied';
  }
}
