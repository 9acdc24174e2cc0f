// A catch-up subscription to `$all` on the embedded store. It reads pages after the last
// position it delivered, so the switch from catching up to live needs no hand-over: "live" is
// just a page read after a wake-up. Positions are assigned under SQLite's single write lock and
// become visible in commit order, so "position > last" never skips nor repeats an event.
import type { AllFilter, RecordedEvent, Subscription } from '../event-store.port.js';

export interface SubscriptionPage {
  events: RecordedEvent[];
  /** How far the log was examined: events up to here that are not in `events` did not match. */
  scannedTo: bigint;
}

export interface SubscriptionSource {
  /** Up to `limit` matching events after `after` (exclusive), in position order. */
  page(after: bigint, filter: AllFilter | undefined, limit: number): SubscriptionPage;
  /** Registers a callback run after each local commit; returns its removal. */
  onCommit(listener: () => void): () => void;
}

export interface SubscriptionTuning {
  pageSize: number;
  /** Poll interval, so a writer in another process is seen without a local wake-up. */
  pollMs: number;
}

export class SqliteSubscription implements Subscription {
  private closed = false;
  private iterated = false;
  private wake: (() => void) | null = null;
  private readonly stopListening: () => void;

  constructor(
    private readonly source: SubscriptionSource,
    private after: bigint,
    private readonly filter: AllFilter | undefined,
    private readonly tuning: SubscriptionTuning,
    private readonly onClose: (subscription: SqliteSubscription) => void,
  ) {
    this.stopListening = source.onCommit(() => this.wake?.());
  }

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    // Two loops sharing one cursor would each see half of the events.
    if (this.iterated) throw new Error('A subscription can be iterated only once');
    this.iterated = true;
    try {
      while (!this.closed) {
        const { events, scannedTo } = this.source.page(this.after, this.filter, this.tuning.pageSize);
        for (const event of events) {
          if (this.closed) return;
          this.after = event.position;
          yield event;
        }
        if (this.closed) return;
        // Skip past non-matching events, so a quiet filter does not rescan them on every wake-up.
        if (scannedTo > this.after) this.after = scannedTo;
        if (events.length === 0) await this.nextCommit();
      }
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopListening();
    this.wake?.();
    this.onClose(this);
  }

  private nextCommit(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, this.tuning.pollMs);
      this.wake = done;
    });
  }
}
