// The in-memory index of one thread, folded from its streams: for every checkpoint, where each of
// its channel values is stored, its versions, and where its pending writes are. It is what makes
// a checkpoint that holds only its changes cheap to read: a value is one event read away, never a
// walk up the parent chain. It is a read model kept in memory and updated in place, because
// copying a thread of thousands of checkpoints on every event would make loading quadratic; the
// decisions are made by the pure decider on `heads`.
import { compareWritesSortKeys, writesSortKey } from '@langchain/langgraph-checkpoint';
import type { RecordedEvent } from '@crystalyse/event-store';
import { threadDecider, writeKey, type ThreadHeads } from './thread.decider.js';
import { THREAD_EVENT_TYPES, type ChannelVersion, type CheckpointSavedData, type Encoded, type PlacedEvent, type WritesSavedData } from './thread.events.js';
import { threadStream } from './thread.streams.js';
import { patchSeen, patchVersions, type Seen, type Versions } from './versions-delta.js';

/** Where a channel's value at some version is: the checkpoint event that stored (or emptied) it. */
export interface ValueRef {
  stream: string;
  revision: bigint;
  version: ChannelVersion | undefined;
  empty: boolean;
}

export interface CheckpointEntry {
  id: string;
  ns: string;
  stream: string;
  revision: bigint;
  parent?: string;
  ts: string;
  v: number;
  metadata: Encoded;
  versions: Versions;
  seen: Seen;
  /** Every channel of the checkpoint that holds a value or was emptied, resolved once at fold time. */
  values: ReadonlyMap<string, ValueRef>;
}

export interface WriteRef {
  task: string;
  path: string;
  idx: number;
  channel: string;
  stream: string;
  revision: bigint;
  /** Position of the write inside its event. */
  at: number;
}

const own = (record: object, key: string) => Object.prototype.hasOwnProperty.call(record, key);
const versionKey = (version: ChannelVersion | undefined) => `${typeof version}:${String(version)}`;

export class NamespaceIndex {
  readonly checkpoints = new Map<string, CheckpointEntry>();
  latest: CheckpointEntry | undefined;
  private readonly writes = new Map<string, Map<string, WriteRef>>();
  /** Channel → version → where that version was stored, for a checkpoint that copies a sibling's versions. */
  private readonly byVersion = new Map<string, Map<string, ValueRef>>();
  private sorted: CheckpointEntry[] | null = null;

  constructor(readonly ns: string) {}

  addCheckpoint(stream: string, revision: bigint, data: CheckpointSavedData): void {
    const base = data.relative && data.parent !== undefined ? this.checkpoints.get(data.parent) : undefined;
    const versions = patchVersions(base?.versions ?? {}, data.versions);
    const seen = patchSeen(base?.seen ?? {}, data.seen);
    const values = new Map(base?.values);
    const record = (channel: string, empty: boolean) => {
      const ref: ValueRef = { stream, revision, version: own(versions, channel) ? versions[channel] : undefined, empty };
      values.set(channel, ref);
      let known = this.byVersion.get(channel);
      if (!known) this.byVersion.set(channel, (known = new Map()));
      known.set(versionKey(ref.version), ref);
    };
    for (const channel of Object.keys(data.values)) record(channel, false);
    for (const channel of data.cleared ?? []) record(channel, true);
    // A channel whose version differs from the parent's without being stored here was copied from
    // another checkpoint (LangGraph's "fork" copies a sibling): find that version wherever it is.
    for (const [channel, version] of Object.entries(versions)) {
      if (values.get(channel)?.version === version) continue;
      const found = this.byVersion.get(channel)?.get(versionKey(version));
      if (found) values.set(channel, found);
      else values.delete(channel);
    }
    for (const channel of [...values.keys()]) if (!own(versions, channel) && !own(data.values, channel)) values.delete(channel);

    const entry: CheckpointEntry = {
      id: data.id, ns: this.ns, stream, revision, ts: data.ts, v: data.v, metadata: data.metadata, versions, seen, values,
      ...(data.parent !== undefined ? { parent: data.parent } : {}),
    };
    this.checkpoints.set(entry.id, entry);
    if (!this.latest || entry.id >= this.latest.id) this.latest = entry;
    this.sorted = null;
  }

  addWrites(stream: string, revision: bigint, data: WritesSavedData): void {
    let refs = this.writes.get(data.checkpoint);
    if (!refs) this.writes.set(data.checkpoint, (refs = new Map()));
    data.writes.forEach(([idx, channel], at) => {
      const key = writeKey(data.task, idx);
      // The first regular write wins (a second process may have raced us); special ones are replaced.
      if (idx >= 0 && refs.has(key)) return;
      refs.set(key, { task: data.task, path: data.path ?? '', idx, channel, stream, revision, at });
    });
  }

  /** The checkpoint's pending writes in LangGraph's order (task path, task id, index). */
  pendingWrites(checkpointId: string): WriteRef[] {
    const refs = [...(this.writes.get(checkpointId)?.values() ?? [])];
    return refs.sort((a, b) => compareWritesSortKeys(writesSortKey(a.path, a.task, a.idx), writesSortKey(b.path, b.task, b.idx)));
  }

  existingWrites(checkpointId: string): ReadonlySet<string> {
    return new Set(this.writes.get(checkpointId)?.keys() ?? []);
  }

  /**
   * For a DeltaChannel: walking up from the checkpoint's parent, the writes to each channel
   * (oldest first) down to the nearest ancestor that stored a value, which is the seed. The same
   * walk as BaseCheckpointSaver's, in memory instead of one getTuple per ancestor.
   */
  walkAncestors(entry: CheckpointEntry, channels: readonly string[]): Map<string, { writes: WriteRef[]; seed?: ValueRef }> {
    const remaining = new Set(channels);
    const collected = new Map(channels.map((channel) => [channel, [] as WriteRef[]]));
    const seeds = new Map<string, ValueRef>();
    const visited = new Set([entry.id]);
    let cursor = entry.parent !== undefined ? this.checkpoints.get(entry.parent) : undefined;
    while (cursor && remaining.size > 0 && !visited.has(cursor.id)) {
      visited.add(cursor.id);
      const refs = this.pendingWrites(cursor.id);
      for (let i = refs.length - 1; i >= 0; i--) if (remaining.has(refs[i]!.channel)) collected.get(refs[i]!.channel)!.push(refs[i]!);
      for (const channel of [...remaining]) {
        const ref = cursor.values.get(channel);
        if (ref && !ref.empty) {
          seeds.set(channel, ref);
          remaining.delete(channel);
        }
      }
      cursor = cursor.parent !== undefined ? this.checkpoints.get(cursor.parent) : undefined;
    }
    return new Map(channels.map((channel) => {
      const seed = seeds.get(channel);
      return [channel, { writes: collected.get(channel)!.reverse(), ...(seed ? { seed } : {}) }];
    }));
  }

  /** Newest first, as `list` returns them (checkpoint ids are time-ordered uuid6). */
  newestFirst(): readonly CheckpointEntry[] {
    this.sorted ??= [...this.checkpoints.values()].sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    return this.sorted;
  }
}

export type ApplyResult = 'applied' | 'skipped' | 'gap';

export class ThreadIndex {
  readonly root: string;
  heads: ThreadHeads;
  readonly namespaces = new Map<string, NamespaceIndex>();
  private readonly decider;
  private readonly revisions = new Map<string, bigint>();

  constructor(readonly threadId: string) {
    this.root = threadStream(threadId);
    this.decider = threadDecider(threadId);
    this.heads = this.decider.initialState();
  }

  /** Revision of the last event folded from the stream, -1n when none. */
  revisionOf(stream: string): bigint {
    return this.revisions.get(stream) ?? -1n;
  }

  /** The root stream and the branch streams of one namespace, or of every namespace. */
  streamsOf(ns: string | 'all'): string[] {
    const branches = [...this.heads.branches].filter(([, branch]) => ns === 'all' || branch.ns === ns).map(([stream]) => stream);
    return [this.root, ...branches];
  }

  namespace(ns: string): NamespaceIndex | undefined {
    return this.namespaces.get(ns);
  }

  /**
   * Folds one recorded event. 'gap' means events before it are gone (the thread was deleted and
   * written again elsewhere): the caller rebuilds the index from the store.
   */
  apply(event: Pick<RecordedEvent, 'streamId' | 'revision' | 'type' | 'data'>): ApplyResult {
    const known = this.revisionOf(event.streamId);
    if (event.revision <= known) return 'skipped';
    if (known >= 0n && event.revision > known + 1n) return 'gap';
    this.revisions.set(event.streamId, event.revision);
    if (!THREAD_EVENT_TYPES.has(event.type)) return 'applied';
    const placed = { stream: event.streamId, type: event.type, data: event.data } as PlacedEvent;
    this.heads = this.decider.evolve(this.heads, placed);
    switch (placed.type) {
      case 'LangGraphCheckpointSaved':
        this.namespaceOf(event.streamId)?.addCheckpoint(event.streamId, event.revision, placed.data);
        break;
      case 'LangGraphWritesSaved':
        this.namespaceOf(event.streamId)?.addWrites(event.streamId, event.revision, placed.data);
        break;
      case 'LangGraphThreadDeleted':
        // Everything before this event is gone for LangGraph; the log keeps it for the audit.
        this.namespaces.clear();
        for (const stream of [...this.revisions.keys()]) if (stream !== this.root) this.revisions.delete(stream);
        break;
      default:
        break;
    }
    return 'applied';
  }

  private namespaceOf(stream: string): NamespaceIndex | undefined {
    const ns = stream === this.root ? '' : this.heads.branches.get(stream)?.ns;
    if (ns === undefined) return undefined; // a stream the directory does not name: not part of the thread
    let index = this.namespaces.get(ns);
    if (!index) this.namespaces.set(ns, (index = new NamespaceIndex(ns)));
    return index;
  }
}
