// LangGraph's checkpointer on our event store. A thread is a stream (`lgthread-{id}`), a
// checkpoint namespace or a fork is a branch stream; each checkpoint is one event holding only
// what changed since its parent, so storage grows with the work, not with the square of the
// history. The thread index (in memory, bounded, caught up from the store on every read) makes
// any checkpoint a few event reads away, and keyframes bound what a cold read costs.
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import {
  BaseCheckpointSaver, WRITES_IDX_MAP, type ChannelVersions, type Checkpoint, type CheckpointListOptions, type CheckpointMetadata,
  type CheckpointTuple, type DeltaChannelHistory, type PendingWrite, type SerializerProtocol,
} from '@langchain/langgraph-checkpoint';
import type { RunnableConfig } from '@langchain/core/runnables';
import { StreamNotFound, WrongExpectedVersion, type Actor, type EventStore } from '@crystalyse/event-store';
import { CheckpointTuples } from './checkpoint-tuples.js';
import { encode } from './encoding.js';
import { EventReader } from './event-reader.js';
import { listThreads } from './list-threads.js';
import { locationOf, type CheckpointEntry, type NamespaceIndex } from './namespace-index.js';
import { SerialQueue } from './serial-queue.js';
import { checkId, optionalThread, requireThread, type ThreadAddress } from './thread-config.js';
import { ThreadIndexes } from './thread-indexes.js';
import { FRAME_EVERY, type SaveCheckpoint } from './thread.decider.js';
import type { Encoded } from './thread.events.js';
import { ThreadWriter } from './thread-writer.js';
import { namespaceStream, threadStream } from './thread.streams.js';
import { diffSeen, diffVersions } from './versions-delta.js';

export interface EventStoreSaverOptions {
  store: EventStore;
  serde?: SerializerProtocol;
  /** Who the events are recorded for: fixed, or read from the run's config. */
  actor?: Actor | ((config: RunnableConfig | undefined) => Actor);
  /** The clock is an input (ISO 8601), as everywhere in the store. */
  now?: () => string;
  newId?: () => string;
  /** Thread indexes kept in memory (default 100). */
  maxThreads?: number;
  /** Recently read or written events kept in memory (default 2,000). */
  maxEvents?: number;
  /** Events between keyframes in a stream (default 64): what a cold read of a thread reads at most. */
  frameEvery?: number;
}

const SYSTEM: Actor = { userId: 'langgraph', via: 'system' };
const own = (record: object, key: string) => Object.prototype.hasOwnProperty.call(record, key);
const newestFirst = (a: CheckpointEntry, b: CheckpointEntry) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

export class EventStoreSaver extends BaseCheckpointSaver {
  private readonly store: EventStore;
  private readonly indexes: ThreadIndexes;
  private readonly reader: EventReader;
  private readonly tuples: CheckpointTuples;
  private readonly queue = new SerialQueue();
  private readonly writer: ThreadWriter;
  private readonly newId: () => string;

  constructor(options: EventStoreSaverOptions) {
    super(options.serde);
    this.store = options.store;
    this.reader = new EventReader(options.store, options.maxEvents ?? 2000);
    this.tuples = new CheckpointTuples(this.reader, () => this.serde, () => this.getNextVersion(undefined));
    const actor = options.actor ?? SYSTEM;
    const frameEvery = options.frameEvery ?? FRAME_EVERY;
    if (!Number.isInteger(frameEvery) || frameEvery < 1) throw new RangeError(`frameEvery must be a positive integer, got ${String(frameEvery)}`);
    this.newId = options.newId ?? randomUUID;
    this.indexes = new ThreadIndexes(options.store, options.maxThreads ?? 100, (event) => this.reader.remember(event.streamId, event.revision, event.data), frameEvery);
    this.writer = new ThreadWriter({
      store: options.store, indexes: this.indexes, reader: this.reader, queue: this.queue, newId: this.newId, frameEvery,
      actor: typeof actor === 'function' ? actor : () => actor,
      now: options.now ?? (() => new Date().toISOString()),
    });
  }

  async getTuple(config: RunnableConfig): Promise<CheckpointTuple | undefined> {
    const address = optionalThread(config);
    if (!address) return undefined;
    const found = await this.queue.run(address.threadId, () => this.find(address, (ns) => (address.checkpointId !== undefined ? ns.checkpoints.get(address.checkpointId) : ns.latest)));
    return found && this.tuples.tuple(address.threadId, found.ns, found.entry);
  }

  async *list(config: RunnableConfig, options: CheckpointListOptions = {}): AsyncGenerator<CheckpointTuple> {
    const { before, filter } = options;
    let remaining = options.limit;
    const address = optionalThread(config);
    const rawNs: unknown = config.configurable?.checkpoint_ns;
    const ns = rawNs === undefined ? undefined : checkId('checkpointNs', rawNs, { allowEmpty: true });
    const rawBefore: unknown = before?.configurable?.checkpoint_id;
    const beforeId = rawBefore === undefined ? undefined : checkId('checkpointId', rawBefore);
    for (const threadId of address ? [address.threadId] : await listThreads(this.store)) {
      const index = await this.queue.run(threadId, () => (ns === undefined ? this.indexes.everything(threadId) : this.indexes.namespace(threadId, ns, 'full')));
      const namespaces = ns === undefined ? [...index.namespaces.values()] : [index.namespace(ns)].filter((n) => n !== undefined);
      const entries = namespaces.flatMap((n) => n.newestFirst().map((entry) => ({ n, entry }))).sort((a, b) => newestFirst(a.entry, b.entry));
      for (const { n, entry } of entries) {
        if (address?.checkpointId !== undefined && entry.id !== address.checkpointId) continue;
        if (beforeId !== undefined && !(entry.id < beforeId)) continue;
        if (filter && !(await this.matches(entry, filter))) continue;
        if (remaining !== undefined) {
          if (remaining <= 0) return;
          remaining -= 1;
        }
        yield await this.tuples.tuple(threadId, n, entry);
      }
    }
  }

  async put(config: RunnableConfig, checkpoint: Checkpoint, metadata: CheckpointMetadata, newVersions: ChannelVersions): Promise<RunnableConfig> {
    const address = requireThread(config, 'put checkpoint');
    const id = checkId('checkpointId', checkpoint.id);
    // Only what changed since the parent: the channels LangGraph gave new versions.
    const values: Array<[string, Encoded]> = [];
    const cleared: string[] = [];
    for (const channel of Object.keys(newVersions)) {
      const value = own(checkpoint.channel_values ?? {}, channel) ? checkpoint.channel_values[channel] : undefined;
      if (value === undefined) cleared.push(channel);
      else values.push([channel, await encode(this.serde, value)]);
    }
    const stored = new Set([...values.map(([channel]) => channel), ...cleared]);
    const versions = checkpoint.channel_versions ?? {};
    const seen = checkpoint.versions_seen ?? {};
    const common = {
      id,
      ...(address.checkpointId !== undefined ? { parent: address.checkpointId } : {}),
      ts: checkpoint.ts,
      v: checkpoint.v,
      metadata: await encode(this.serde, metadata),
      values: Object.fromEntries(values),
      ...(cleared.length > 0 ? { cleared } : {}),
    };
    const enclosingNs = address.ns.includes('|') ? address.ns.slice(0, address.ns.lastIndexOf('|')) : '';
    const enclosingId = (metadata?.parents as Record<string, unknown> | undefined)?.[enclosingNs];

    await this.writer.write(address, config, id, async (index) => {
      let ns = index.namespace(address.ns)!;
      let parent = address.checkpointId !== undefined ? ns.checkpoints.get(address.checkpointId) : undefined;
      if (address.checkpointId !== undefined && !parent && !ns.complete) {
        // The parent is older than the keyframes read: read the namespace whole.
        index = await this.indexes.namespace(address.threadId, address.ns, 'full');
        ns = index.namespace(address.ns)!;
        parent = ns.checkpoints.get(address.checkpointId);
      }
      const refs = Object.fromEntries([...ns.inherited(parent, versions, stored)].map(([channel, ref]) => [channel, locationOf(ref)]));
      const command: SaveCheckpoint = {
        type: 'SaveCheckpoint',
        data: {
          ns: address.ns,
          checkpoint: { ...common, ...(parent ? { relative: true as const } : {}), versions: diffVersions(parent?.versions ?? {}, versions), seen: diffSeen(parent?.seen ?? {}, seen) },
          keyframe: { ...common, versions: diffVersions({}, versions), seen: diffSeen({}, seen), frame: { refs, forks: [] } },
          ...(parent ? { parentStream: parent.stream } : {}),
          ...(address.ns !== '' ? { enclosing: { stream: namespaceStream(address.threadId, enclosingNs), checkpoint: typeof enclosingId === 'string' ? enclosingId : null } } : {}),
          branchId: this.newId(),
        },
      };
      return { index, command };
    });
    return { configurable: { thread_id: address.threadId, checkpoint_ns: address.ns, checkpoint_id: id } };
  }

  async putWrites(config: RunnableConfig, writes: PendingWrite[], taskId: string, taskPath?: string): Promise<void> {
    const address = requireThread(config, 'put writes');
    if (address.checkpointId === undefined) throw new Error('Failed to put writes: the RunnableConfig has no "checkpoint_id" in its "configurable".');
    const checkpointId = address.checkpointId;
    const task = checkId('taskId', taskId);
    const encoded: Array<[number, string, Encoded]> = [];
    for (const [i, [channel, value]] of writes.entries()) encoded.push([WRITES_IDX_MAP[channel] ?? i, channel, await encode(this.serde, value)]);
    if (encoded.length === 0) return;
    await this.writer.write(address, config, checkpointId, async (index) => {
      const ns = index.namespace(address.ns)!;
      const stream = ns.checkpoints.get(checkpointId)?.stream;
      return {
        index,
        command: {
          type: 'SaveWrites',
          data: {
            ns: address.ns,
            writes: { checkpoint: checkpointId, task, ...(taskPath ? { path: taskPath } : {}), writes: encoded },
            ...(stream !== undefined ? { checkpointStream: stream } : {}),
            existing: ns.existingWrites(checkpointId),
          },
        },
      };
    });
  }

  /**
   * Removes the thread for LangGraph: a LangGraphThreadDeleted event (who, when, which streams),
   * then a soft delete of every stream, the root last. The events stay in the log as the audit
   * record until the store scavenges them; the thread id can be used again.
   */
  async deleteThread(threadId: string): Promise<void> {
    const id = checkId('threadId', threadId);
    await this.queue.run(id, async () => {
      const deleted = await this.writer.deleteThread(id);
      this.indexes.forget(id);
      if (!deleted) return;
      const root = threadStream(id);
      const { streams } = deleted.events[0]!.data as { streams: string[] };
      for (const stream of streams.filter((s) => s !== root)) {
        try {
          await this.store.deleteStream(stream);
        } catch (error) {
          if (!(error instanceof StreamNotFound)) throw error;
        }
      }
      try {
        // Only if nothing was written after our event: a newer write is the thread's next life,
        // and readers already skip everything before LangGraphThreadDeleted.
        await this.store.deleteStream(root, { expectedRevision: deleted.rootRevision });
      } catch (error) {
        if (!(error instanceof WrongExpectedVersion)) throw error;
      }
    });
  }

  /**
   * Versions unique to the checkpoint that made them, as LangGraph's Postgres saver makes them: a
   * checkpoint stores only its changes, so a fork's value must never be taken for its sibling's.
   * The suffix only has to differ between siblings, not to be secret. Typed as a number because
   * `compile({ checkpointer })` expects BaseCheckpointSaver<number>; LangGraph compares string
   * versions itself (compareChannelVersions).
   */
  override getNextVersion(current: number | undefined): number {
    const previous = current as number | string | undefined;
    const major = previous === undefined ? 0 : typeof previous === 'number' ? previous : Number.parseInt(previous.split('.')[0]!, 10) || 0;
    const suffix = Math.floor(Math.random() * 0x1_0000_0000).toString(16).padStart(8, '0');
    return `${String(major + 1).padStart(12, '0')}.${suffix}` as unknown as number;
  }

  override async getDeltaChannelHistory(options: { config: RunnableConfig; channels: string[] }): Promise<Record<string, DeltaChannelHistory>> {
    const { channels } = options;
    if (channels.length === 0) return {};
    const address = optionalThread(options.config);
    const walked = address && (await this.queue.run(address.threadId, async () => {
      const pick = (ns: NamespaceIndex) => (address.checkpointId !== undefined ? ns.checkpoints.get(address.checkpointId) : ns.latest);
      let found = await this.find(address, pick);
      let walk = found && found.ns.walkAncestors(found.entry, channels);
      if (found && walk === null) {
        // The walk goes back past the keyframes read: read the namespace whole.
        const ns = (await this.indexes.namespace(address.threadId, address.ns, 'full')).namespace(address.ns);
        const entry = ns && pick(ns);
        found = ns && entry ? { ns, entry } : undefined;
        walk = found ? found.ns.walkAncestors(found.entry, channels) : null;
      }
      return walk;
    }));
    const result: Record<string, DeltaChannelHistory> = {};
    for (const channel of channels) {
      const walk = walked?.get(channel);
      const history: DeltaChannelHistory = { writes: walk ? await this.tuples.writes(walk.writes) : [] };
      if (walk?.seed) history.seed = await this.tuples.value(walk.seed, channel);
      result[channel] = history;
    }
    return result;
  }

  /** A checkpoint of the namespace: from its keyframes first, from the whole namespace if it is older. */
  private async find(address: ThreadAddress, pick: (ns: NamespaceIndex) => CheckpointEntry | undefined): Promise<{ ns: NamespaceIndex; entry: CheckpointEntry } | undefined> {
    let ns = (await this.indexes.namespace(address.threadId, address.ns, 'tail')).namespace(address.ns);
    let entry = ns && pick(ns);
    if (!entry && address.checkpointId !== undefined && ns && !ns.complete) {
      ns = (await this.indexes.namespace(address.threadId, address.ns, 'full')).namespace(address.ns);
      entry = ns && pick(ns);
    }
    return ns && entry ? { ns, entry } : undefined;
  }

  private async matches(entry: CheckpointEntry, filter: Record<string, unknown>): Promise<boolean> {
    const metadata = (await this.tuples.metadata(entry)) as Record<string, unknown>;
    return Object.entries(filter).every(([key, value]) => value === undefined || isDeepStrictEqual(metadata?.[key], value));
  }
}
