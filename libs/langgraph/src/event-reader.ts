// Reads single events of the log by stream and revision, keeping the most recent ones: a stored
// event never changes, so the cache can only be cold, never wrong. It holds the events the saver
// has just written, so reading back the latest checkpoint costs no read at all.
import type { EventStore } from '@crystalyse/event-store';

export class EventReader {
  private readonly entries = new Map<string, unknown>();

  constructor(private readonly store: EventStore, private readonly maxEvents: number) {}

  async data(stream: string, revision: bigint): Promise<unknown> {
    const key = `${revision}@${stream}`;
    if (this.entries.has(key)) {
      const data = this.entries.get(key);
      this.entries.delete(key);
      this.entries.set(key, data);
      return data;
    }
    const [event] = await this.store.readStream(stream, { fromRevision: revision, maxCount: 1 });
    if (event?.revision !== revision) throw new Error(`Event ${revision} of ${stream} is missing from the store`);
    this.remember(stream, revision, event.data);
    return event.data;
  }

  remember(stream: string, revision: bigint, data: unknown): void {
    const key = `${revision}@${stream}`;
    this.entries.delete(key);
    this.entries.set(key, data);
    if (this.entries.size > this.maxEvents) this.entries.delete(this.entries.keys().next().value!);
  }
}
