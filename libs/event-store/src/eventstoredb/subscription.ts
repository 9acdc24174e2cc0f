// Wraps the client's catch-up subscription (a Node Readable of resolved events) as our
// Subscription. Caught-up/fell-behind notices and checkpoints are events on the Readable, never
// items in it, so only records need skipping here.
import type { AllStreamSubscription } from '@eventstore/db-client';
import type { RecordedEvent, Subscription } from '../event-store.port.js';
import { translateError } from './error-mapping.js';
import { fromResolvedEvent } from './mapping.js';

export class EventStoreDbSubscription implements Subscription {
  private closed = false;

  constructor(
    private readonly source: AllStreamSubscription,
    private readonly accepts: (event: RecordedEvent) => boolean,
  ) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<RecordedEvent> {
    try {
      for await (const resolved of this.source) {
        const event = fromResolvedEvent(resolved);
        if (event && this.accepts(event)) yield event;
      }
    } catch (error) {
      // `close()` destroys the Readable, which ends a pending read with a premature-close error.
      if (!this.closed) throw translateError(error);
    } finally {
      // A consumer that breaks out of `for await` is done with the subscription: release it.
      await this.close();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // The call may already be gone (server closed it, connection lost); closing stays quiet then,
    // and an error the call reports after this point must not crash the process.
    this.source.on('error', () => undefined);
    await this.source.unsubscribe().catch(() => undefined);
    // Destroying ends a `for await` waiting for the next live event, whatever the call does next.
    this.source.destroy();
  }
}
