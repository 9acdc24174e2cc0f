// Writes to a thread: decide on the index this process has, append with the revisions it knows,
// fold the append into the index. The store refuses an append if another process wrote in
// between; only then is the index caught up and the decision made again, so a write costs no
// read while one process drives a thread.
import { eventEnvelope, WrongExpectedVersion, type Actor, type CommandContext, type EventStore } from '@crystalyse/event-store';
import type { RunnableConfig } from '@langchain/core/runnables';
import type { EventReader } from './event-reader.js';
import type { SerialQueue } from './serial-queue.js';
import type { ThreadAddress } from './thread-config.js';
import type { ThreadIndex } from './thread-index.js';
import type { ThreadIndexes } from './thread-indexes.js';
import { threadDecider, type ThreadCommand } from './thread.decider.js';
import type { PlacedEvent } from './thread.events.js';

const RETRIES = 5;

export interface Appended {
  events: PlacedEvent[];
  /** The root stream's revision after the append. */
  rootRevision: bigint;
}

export interface ThreadWriterDeps {
  store: EventStore;
  indexes: ThreadIndexes;
  reader: EventReader;
  queue: SerialQueue;
  actor: (config: RunnableConfig | undefined) => Actor;
  now: () => string;
  newId: () => string;
  frameEvery: number;
}

export class ThreadWriter {
  constructor(private readonly deps: ThreadWriterDeps) {}

  async write(address: ThreadAddress, config: RunnableConfig, causationId: string, decide: (index: ThreadIndex) => Promise<{ index: ThreadIndex; command: ThreadCommand }>): Promise<void> {
    const { indexes, queue } = this.deps;
    await queue.run(address.threadId, async () => {
      const cached = indexes.cached(address.threadId);
      let index = cached?.namespace(address.ns) ? cached : await indexes.namespace(address.threadId, address.ns, 'tail');
      for (let attempt = 0; ; attempt++) {
        try {
          const decided = await decide(index);
          await this.append(decided.index, config, causationId, decided.command);
          return;
        } catch (error) {
          if (!(error instanceof WrongExpectedVersion) || attempt >= RETRIES) throw error;
        }
        index = await indexes.namespace(address.threadId, address.ns, 'tail');
      }
    });
  }

  /** Deletion reads the whole thread first (it must name every stream); the caller holds the queue. */
  async deleteThread(threadId: string): Promise<Appended | null> {
    for (let attempt = 0; ; attempt++) {
      const index = await this.deps.indexes.everything(threadId);
      try {
        return await this.append(index, undefined, threadId, { type: 'DeleteThread', data: {} });
      } catch (error) {
        if (!(error instanceof WrongExpectedVersion) || attempt >= RETRIES) throw error;
      }
    }
  }

  /** Appends the decided events stream by stream and folds each append into the index. */
  private async append(index: ThreadIndex, config: RunnableConfig | undefined, causationId: string, command: ThreadCommand): Promise<Appended | null> {
    const { store, indexes, reader, actor, now, newId, frameEvery } = this.deps;
    const events = threadDecider(index.threadId, frameEvery).decide(command, index.heads);
    if (events.length === 0) return null;
    const context: CommandContext = { actor: actor(config), occurredAt: now(), correlationId: index.threadId, causationId };
    let rootRevision = index.revisionOf(index.root);
    for (const group of byStream(events)) {
      const stream = group[0]!.stream;
      const known = index.revisionOf(stream);
      // The directory of namespaces only grows: its entries need no order between writers.
      const expectedRevision = group.every((e) => e.type === 'LangGraphNamespaceOpened') ? 'any' : known < 0n ? 'no_stream' : known;
      const data = group.map(({ type, data }) => eventEnvelope({ type, data }, context, {}, newId()));
      const result = await store.appendToStream(stream, data, { expectedRevision });
      const first = result.nextExpectedRevision - BigInt(group.length) + 1n;
      group.forEach((event, i) => {
        const revision = first + BigInt(i);
        // The directory's other entries were not read: fold only what was read in order.
        if (expectedRevision !== 'any') index.apply({ streamId: stream, revision, type: event.type, data: event.data });
        reader.remember(stream, revision, event.data);
      });
      if (stream === index.root) rootRevision = result.nextExpectedRevision;
    }
    indexes.remember(index);
    return { events, rootRevision };
  }
}

function byStream(events: PlacedEvent[]): PlacedEvent[][] {
  const groups: PlacedEvent[][] = [];
  for (const event of events) {
    const last = groups[groups.length - 1];
    if (last && last[0]!.stream === event.stream) last.push(event);
    else groups.push([event]);
  }
  return groups;
}
