// Holds a projection's lease in the read-model store (DESIGN.md, "Scaling out": one active
// runner per projection, a second one waits). Renewed on a timer and before each batch, so a
// runner that lost its lease (paused past the TTL, store unreachable) stops writing.
import type { DocumentStore } from '../document-store.port.js';
import { sleep } from './sleep.js';
import type { ProjectionLogger } from './projection-logger.js';

export class LeaseKeeper {
  private expiresAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private renewal: Promise<unknown> | undefined;
  held = false;

  constructor(
    private readonly store: DocumentStore,
    private readonly name: string,
    readonly owner: string,
    private readonly ttlMs: number,
    private readonly clock: () => Date,
    private readonly logger: ProjectionLogger,
  ) {}

  async tryAcquire(): Promise<boolean> {
    const now = this.clock();
    this.held = await this.store.acquireLease(this.name, this.owner, this.ttlMs, now);
    if (this.held) this.expiresAt = now.getTime() + this.ttlMs;
    return this.held;
  }

  /** Waits until the lease is ours (true) or `signal` aborts (false). */
  async acquire(signal: AbortSignal, retryMs: number): Promise<boolean> {
    let announced = false;
    while (!signal.aborted) {
      try {
        if (await this.tryAcquire()) return true;
        if (!announced) this.logger.log(`${this.name}: another runner holds the lease; waiting`);
        announced = true;
      } catch (error) {
        this.logger.warn(`${this.name}: cannot take the lease: ${(error as Error).message}`);
      }
      await sleep(retryMs, signal);
    }
    return false;
  }

  /** Before a write: renews when less than half the TTL is left. False when the lease is gone. */
  async ensure(): Promise<boolean> {
    if (this.held && this.clock().getTime() < this.expiresAt - this.ttlMs / 2) return true;
    return this.tryAcquire();
  }

  startRenewing(onLost: (reason: string) => void): void {
    this.stopRenewing();
    this.timer = setInterval(() => {
      if (this.renewal) return;
      this.renewal = this.tryAcquire()
        .then(
          (ok) => ok || onLost('lease taken by another runner'),
          (error: Error) => {
            this.logger.warn(`${this.name}: lease renewal failed: ${error.message}`);
            if (this.clock().getTime() >= this.expiresAt) onLost('lease expired');
          },
        )
        .finally(() => (this.renewal = undefined));
    }, Math.max(10, Math.floor(this.ttlMs / 3)));
    this.timer.unref();
  }

  stopRenewing(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  async release(): Promise<void> {
    this.stopRenewing();
    await this.renewal; // a renewal still in flight would take the lease again after the delete
    if (!this.held) return;
    this.held = false;
    await this.store.releaseLease(this.name, this.owner);
  }
}
