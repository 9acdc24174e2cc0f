// One SSE client: catches up from its Last-Event-ID, then sends the live events the hub pushes,
// each as `id: <global position>` + `data: <event JSON>`, with a heartbeat comment in between.
// The hub pushes into a queue bounded by `maxQueuedEvents`; a client that lets it fill (it does
// not read, so the socket does not drain) is dropped: its connection is closed and it resumes
// with Last-Event-ID when it can. Nobody waits for it: not the hub, not other clients, not writers.
import type { ServerResponse } from 'node:http';
import type { LiveEvent, LiveEventHub, LiveListener } from './live-event-hub.js';

/** What to do with an event: send it, skip it (another session, not readable), or end the stream (access lost). */
export type Verdict = 'send' | 'skip' | 'end';

export interface SseStreamOptions {
  heartbeatMs: number;
  maxQueuedEvents: number;
  /** Decides per event; `live` is false during the catch-up. Called in position order, one at a time. */
  accept: (event: LiveEvent, live: boolean) => Promise<Verdict> | Verdict;
  /** Called once when the stream ends, however it ends. */
  onEnd?: (reason: SseEndReason) => void;
}

export type SseEndReason = 'client-closed' | 'dropped-slow' | 'access-lost' | 'failed';

export class SseStream implements LiveListener {
  private readonly queue: LiveEvent[] = [];
  private lastSent: bigint;
  private catchingUp = true;
  private pumping = false;
  private ended = false;
  private heartbeat: NodeJS.Timeout | undefined;
  private detach: () => void = () => undefined;
  private drainWaiter: (() => void) | null = null;

  constructor(
    private readonly raw: ServerResponse,
    private readonly hub: LiveEventHub,
    after: bigint | null,
    private readonly options: SseStreamOptions,
  ) {
    this.lastSent = after ?? -1n;
    raw.on('close', () => this.end('client-closed'));
    raw.on('drain', () => this.wakeDrain());
  }

  /** Attaches to the hub, writes the head of the response, catches up, then goes live. */
  async run(resumeAfter: bigint | null): Promise<void> {
    const { from, detach } = await this.hub.attach(this);
    this.detach = detach;
    if (this.ended) return detach();
    this.raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    // Tell EventSource-like clients how soon to come back; the first bytes also flush the head.
    this.raw.write('retry: 2000\n\n');
    this.heartbeat = setInterval(() => this.write(': heartbeat\n\n'), this.options.heartbeatMs);
    this.heartbeat.unref?.();
    try {
      if (resumeAfter === null) {
        // A fresh client starts at the live feed's start: nothing older is sent.
        this.lastSent = from;
      } else {
        for await (const event of this.hub.catchUp(resumeAfter)) {
          if (this.ended) return;
          if (!(await this.send(event, false))) return;
          if (this.raw.writableNeedDrain) await this.waitDrain();
        }
      }
      this.catchingUp = false;
      await this.pump();
    } catch (error) {
      this.fail(error);
    }
  }

  deliver(event: LiveEvent): void {
    if (this.ended) return;
    this.queue.push(event);
    if (this.queue.length > this.options.maxQueuedEvents) return this.end('dropped-slow');
    if (!this.catchingUp) void this.pump().catch((error) => this.fail(error));
  }

  fail(_error: unknown): void {
    this.end('failed');
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (!this.ended && this.queue.length > 0) {
        const event = this.queue.shift()!;
        if (!(await this.send(event, true))) return;
        // Wait for the socket instead of piling bytes on it; meanwhile the queue bounds what waits.
        if (this.raw.writableNeedDrain) await this.waitDrain();
      }
    } finally {
      this.pumping = false;
    }
  }

  /** False when the stream ended. */
  private async send(item: LiveEvent, live: boolean): Promise<boolean> {
    if (item.event.position <= this.lastSent) return !this.ended;
    const verdict = await this.options.accept(item, live);
    if (this.ended) return false;
    if (verdict === 'end') {
      this.end('access-lost');
      return false;
    }
    this.lastSent = item.event.position;
    if (verdict === 'send') this.write(`id: ${item.event.position}\ndata: ${item.json}\n\n`);
    return !this.ended;
  }

  private write(chunk: string): void {
    if (this.ended || this.raw.destroyed) return;
    this.raw.write(chunk);
  }

  private waitDrain(): Promise<void> {
    return new Promise((resolve) => {
      this.drainWaiter = resolve;
    });
  }

  private wakeDrain(): void {
    const waiter = this.drainWaiter;
    this.drainWaiter = null;
    waiter?.();
  }

  private end(reason: SseEndReason): void {
    if (this.ended) return;
    this.ended = true;
    clearInterval(this.heartbeat);
    this.queue.length = 0;
    this.detach();
    this.wakeDrain();
    if (reason === 'dropped-slow' || reason === 'failed') {
      // Its socket is full: an orderly end would wait behind the unread bytes. Close it.
      this.raw.destroy();
    } else if (!this.raw.writableEnded) {
      this.raw.end();
    }
    this.options.onEnd?.(reason);
  }
}
