// Turns a subscription (one event at a time) into batches: a pump reads ahead into a bounded
// buffer while the previous batch is being written, and `take` hands over whatever has
// arrived. Catching up therefore gives full batches, and live events go out one by one.
import type { RecordedEvent, Subscription } from '@crystalyse/event-store';

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

export class EventBatcher {
  private readonly buffer: RecordedEvent[] = [];
  private ended = false;
  private closed = false;
  private failure: unknown;
  private dataArrived?: () => void;
  private spaceFreed?: () => void;
  private readonly pump: Promise<void>;

  constructor(
    private readonly subscription: Subscription,
    private readonly highWater: number,
  ) {
    this.pump = this.run();
  }

  /**
   * Waits for at least one event and returns up to `max` of them; null when the subscription
   * ended or `signal` was aborted first. Rethrows the subscription's error.
   */
  async take(max: number, signal: AbortSignal): Promise<RecordedEvent[] | null> {
    while (this.buffer.length === 0) {
      if (this.failure !== undefined) throw this.failure;
      if (this.ended || this.closed || signal.aborted) return null;
      await new Promise<void>((resolve) => {
        const onAbort = () => resolve();
        signal.addEventListener('abort', onAbort, { once: true });
        this.dataArrived = () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        };
      });
    }
    // Let events that are already on their way (a catch-up page) join this batch.
    if (this.buffer.length < max) await nextTick();
    const batch = this.buffer.splice(0, max);
    this.wakeSpace();
    return batch;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.subscription.close();
    this.wakeSpace();
    this.dataArrived?.();
    await this.pump;
  }

  private async run(): Promise<void> {
    try {
      for await (const event of this.subscription) {
        if (this.closed) break;
        this.buffer.push(event);
        this.dataArrived?.();
        if (this.buffer.length >= this.highWater) await new Promise<void>((resolve) => (this.spaceFreed = resolve));
      }
    } catch (error) {
      if (!this.closed) this.failure = error ?? new Error('subscription failed');
    } finally {
      this.ended = true;
      this.dataArrived?.();
    }
  }

  private wakeSpace(): void {
    const wake = this.spaceFreed;
    this.spaceFreed = undefined;
    wake?.();
  }
}
