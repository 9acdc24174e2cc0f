// Turns index entries into LangGraph's CheckpointTuple: the values are read from the events that
// stored them (a handful of reads, whatever the thread's length) and decoded with the serde.
import { deepCopy, maxChannelVersion, TASKS, type CheckpointPendingWrite, type CheckpointTuple, type SerializerProtocol } from '@langchain/langgraph-checkpoint';
import { decode } from './encoding.js';
import type { EventReader } from './event-reader.js';
import type { CheckpointEntry, NamespaceIndex, ValueRef, WriteRef } from './namespace-index.js';
import type { CheckpointSavedData, ChannelVersion, WritesSavedData } from './thread.events.js';

export class CheckpointTuples {
  constructor(
    private readonly reader: EventReader,
    private readonly serde: () => SerializerProtocol,
    private readonly nextVersion: (current: undefined) => ChannelVersion,
  ) {}

  async tuple(threadId: string, index: NamespaceIndex, entry: CheckpointEntry): Promise<CheckpointTuple> {
    // Taken before the first await: the index may fold newer events while this one reads.
    const writeRefs = index.pendingWrites(entry.id);
    const parentSends = entry.v < 4 && entry.parent !== undefined ? index.pendingWrites(entry.parent).filter((w) => w.channel === TASKS) : [];
    const channelValues = new Map<string, unknown>();
    for (const [channel, ref] of entry.values) if (!ref.empty) channelValues.set(channel, await this.value(ref, channel));
    const checkpoint = {
      v: entry.v,
      id: entry.id,
      ts: entry.ts,
      channel_values: Object.fromEntries(channelValues),
      channel_versions: { ...entry.versions },
      versions_seen: deepCopy(entry.seen) as Record<string, Record<string, ChannelVersion>>,
    };
    if (entry.v < 4 && entry.parent !== undefined) {
      // Checkpoints before format 4 kept pending sends in the parent's writes, not in a channel.
      checkpoint.channel_values = { ...checkpoint.channel_values, [TASKS]: (await this.writes(parentSends)).map(([, , value]) => value) };
      const versions = Object.values(checkpoint.channel_versions);
      checkpoint.channel_versions[TASKS] = versions.length > 0 ? maxChannelVersion(...versions) : this.nextVersion(undefined);
    }
    const config = (checkpointId: string) => ({ configurable: { thread_id: threadId, checkpoint_ns: entry.ns, checkpoint_id: checkpointId } });
    return {
      config: config(entry.id),
      checkpoint,
      metadata: (await decode(this.serde(), entry.metadata)) as CheckpointTuple['metadata'],
      ...(entry.parent !== undefined ? { parentConfig: config(entry.parent) } : {}),
      pendingWrites: await this.writes(writeRefs),
    };
  }

  async writes(refs: readonly WriteRef[]): Promise<CheckpointPendingWrite[]> {
    const out: CheckpointPendingWrite[] = [];
    for (const ref of refs) {
      const data = (await this.reader.data(ref.stream, ref.revision)) as WritesSavedData;
      out.push([ref.task, ref.channel, await decode(this.serde(), data.writes[ref.at]![2])]);
    }
    return out;
  }

  async value(ref: ValueRef, channel: string): Promise<unknown> {
    const data = (await this.reader.data(ref.stream, ref.revision)) as CheckpointSavedData;
    return decode(this.serde(), data.values[channel]!);
  }

  metadata(entry: CheckpointEntry): Promise<unknown> {
    return decode(this.serde(), entry.metadata);
  }
}
