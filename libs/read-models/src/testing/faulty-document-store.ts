// Wraps a real DocumentStore to act out failures in tests: a process that dies (every call
// throws from then on), and a batch that dies half-written, which is what a MongoDB batch
// looks like when the worker crashes between its writes and its checkpoint.
import type { Collection, Document, DocumentStore, DocumentWrite, ProjectionCheckpoint } from '../document-store.port.js';
import type { TimelineReader } from '../timeline/timeline.port.js';

export class FaultyDocumentStore implements DocumentStore {
  /** Batches committed through this wrapper. */
  batches = 0;
  private attempts = 0;
  private crashed = false;
  /** 1-based batch attempt that writes half of its documents and then throws. */
  halfWriteOnAttempt: number | undefined;
  /** Crash (every later call throws) once this many batches have committed. */
  crashAfterBatches: number | undefined;

  constructor(private readonly inner: DocumentStore) {}

  crash(): void {
    this.crashed = true;
  }

  collection<T extends Document = Document>(name: string): Collection<T> {
    const inner = this.inner.collection<T>(name);
    return new Proxy(inner, {
      get: (target, property, receiver) => {
        const value = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => (this.alive(), value.apply(target, args));
      },
    });
  }

  async applyProjectionBatch(projection: string, writes: DocumentWrite[], position: bigint): Promise<void> {
    this.alive();
    if (++this.attempts === this.halfWriteOnAttempt) {
      for (const write of writes.slice(0, Math.ceil(writes.length / 2))) {
        if (write.kind === 'put') await this.inner.collection(write.collection).replaceOne({ _id: write.document._id }, write.document, { upsert: true });
        else if (write.kind === 'delete') await this.inner.collection(write.collection).deleteMany({ _id: write.id });
      }
      throw new Error('simulated crash in the middle of a batch');
    }
    await this.inner.applyProjectionBatch(projection, writes, position);
    this.batches++;
    if (this.crashAfterBatches !== undefined && this.batches >= this.crashAfterBatches) this.crash();
  }

  async getCheckpoint(projection: string): Promise<ProjectionCheckpoint | null> {
    this.alive();
    return this.inner.getCheckpoint(projection);
  }

  async resetProjection(projection: string, collections: string[]): Promise<void> {
    this.alive();
    return this.inner.resetProjection(projection, collections);
  }

  async acquireLease(name: string, owner: string, ttlMs: number, now: Date): Promise<boolean> {
    this.alive();
    return this.inner.acquireLease(name, owner, ttlMs, now);
  }

  async releaseLease(name: string, owner: string): Promise<void> {
    this.alive();
    return this.inner.releaseLease(name, owner);
  }

  timeline(): TimelineReader {
    this.alive();
    return this.inner.timeline();
  }

  async close(): Promise<void> {}

  private alive(): void {
    if (this.crashed) throw new Error('simulated process crash: store unreachable');
  }
}
