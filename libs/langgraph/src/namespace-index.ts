// The index of one checkpoint namespace of a thread: for every checkpoint read so far, where
// each of its channel values is stored, its versions, and where its pending writes are. It is
// what makes a checkpoint that holds only its changes cheap to read: a value is one event read
// away, never a walk up the parent chain. A read model kept in memory and updated in place,
// because copying thousands of checkpoints on every event would make loading quadratic.
import { compareWritesSortKeys, writesSortKey } from '@langchain/langgraph-checkpoint';
import { writeKey } from './thread.decider.js';
import type { ChannelVersion, CheckpointSavedData, Encoded, ValueLocation, WritesSavedData } from './thread.events.js';
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
  /** True when every stream of the namespace was read from its start, not from its last keyframe. */
  complete = false;
  private readonly writes = new Map<string, Map<string, WriteRef>>();
  /** Channel → version → where it was stored, for a checkpoint that copies another's versions. */
  private readonly byVersion = new Map<string, Map<string, ValueRef>>();
  private sorted: CheckpointEntry[] | null = null;

  constructor(readonly ns: string) {}

  /**
   * Where the channels of a checkpoint with these versions are, apart from the ones it stores
   * itself: inherited from the parent when the version is the parent's, found by version
   * otherwise (LangGraph's "copy" fork takes a sibling's versions).
   */
  inherited(base: CheckpointEntry | undefined, versions: Versions, own: ReadonlySet<string>): Map<string, ValueRef> {
    const values = new Map<string, ValueRef>();
    for (const [channel, version] of Object.entries(versions)) {
      if (own.has(channel)) continue;
      const fromBase = base?.values.get(channel);
      const found = fromBase?.version === version ? fromBase : this.byVersion.get(channel)?.get(versionKey(version));
      if (found) values.set(channel, found);
    }
    return values;
  }

  /** False when the checkpoint is a difference from a parent this index has not read. */
  addCheckpoint(stream: string, revision: bigint, data: CheckpointSavedData): boolean {
    const base = data.relative && data.parent !== undefined ? this.checkpoints.get(data.parent) : undefined;
    if (data.relative && !base) return false;
    const versions = patchVersions(base?.versions ?? {}, data.versions);
    const seen = patchSeen(base?.seen ?? {}, data.seen);
    const stored = new Set([...Object.keys(data.values), ...(data.cleared ?? [])]);
    if (data.frame) for (const [channel, location] of Object.entries(data.frame.refs)) this.remember(channel, at(location, versions[channel]));
    const values = data.frame
      ? new Map(Object.entries(data.frame.refs).map(([channel, location]) => [channel, at(location, versions[channel])]))
      : this.inherited(base, versions, stored);
    for (const channel of stored) {
      const ref: ValueRef = { stream, revision, version: own(versions, channel) ? versions[channel] : undefined, empty: !own(data.values, channel) };
      values.set(channel, ref);
      this.remember(channel, ref);
    }
    const entry: CheckpointEntry = {
      id: data.id, ns: this.ns, stream, revision, ts: data.ts, v: data.v, metadata: data.metadata, versions, seen, values,
      ...(data.parent !== undefined ? { parent: data.parent } : {}),
    };
    this.checkpoints.set(entry.id, entry);
    if (!this.latest || entry.id >= this.latest.id) this.latest = entry;
    this.sorted = null;
    return true;
  }

  addWrites(stream: string, revision: bigint, data: WritesSavedData): void {
    let refs = this.writes.get(data.checkpoint);
    if (!refs) this.writes.set(data.checkpoint, (refs = new Map()));
    data.writes.forEach(([idx, channel], position) => {
      const key = writeKey(data.task, idx);
      // The first regular write wins (another process may have raced us); special ones are replaced.
      if (idx >= 0 && refs.has(key)) return;
      refs.set(key, { task: data.task, path: data.path ?? '', idx, channel, stream, revision, at: position });
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
   * walk as BaseCheckpointSaver's, in memory instead of one getTuple per ancestor. Null when the
   * walk needs an ancestor this index has not read.
   */
  walkAncestors(entry: CheckpointEntry, channels: readonly string[]): Map<string, { writes: WriteRef[]; seed?: ValueRef }> | null {
    const remaining = new Set(channels);
    const collected = new Map(channels.map((channel) => [channel, [] as WriteRef[]]));
    const seeds = new Map<string, ValueRef>();
    const visited = new Set([entry.id]);
    let parent = entry.parent;
    while (parent !== undefined && remaining.size > 0 && !visited.has(parent)) {
      const cursor = this.checkpoints.get(parent);
      if (!cursor) {
        if (!this.complete) return null;
        break;
      }
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
      parent = cursor.parent;
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

  private remember(channel: string, ref: ValueRef): void {
    let known = this.byVersion.get(channel);
    if (!known) this.byVersion.set(channel, (known = new Map()));
    known.set(versionKey(ref.version), ref);
  }
}

function at(location: ValueLocation, version: ChannelVersion | undefined): ValueRef {
  return { stream: location[0], revision: BigInt(location[1]), version, empty: location[2] === 1 };
}

export function locationOf(ref: ValueRef): ValueLocation {
  return ref.empty ? [ref.stream, Number(ref.revision), 1] : [ref.stream, Number(ref.revision)];
}
