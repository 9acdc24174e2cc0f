// The live feed's one subscription: a single `subscribeToAll` per process over the session and
// branch streams, fanned out to every listener (SSE clients, GraphQL subscriptions). Listeners are
// pushed to synchronously and keep their own bounded queues, so a slow one never holds up the
// others, the subscription, or the writers (who never wait for it at all).
//
// A listener that resumes from a position reads the events it missed with `catchUp` (pages of
// `readAll`) after attaching: the shared subscription starts at the head read before `attach`
// resolves, the catch-up reads to a head at least as late, and the listener skips what it has
// sent, so the hand-over neither loses nor repeats an event.
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { BRANCH_STREAM_PREFIX, branchStream, parseBranchStream, parseSessionStream, SESSION_STREAM_PREFIX } from '@crystalyse/domain';
import { StreamNotFound, type AllFilter, type EventStore, type RecordedEvent, type Subscription } from '@crystalyse/event-store';
import { EVENT_STORE } from '../infrastructure/tokens.js';

/** A recorded event of a session or one of its branches, with its SSE data serialised once for all listeners. */
export interface LiveEvent {
  event: RecordedEvent;
  sessionId: string;
  branchId: string | null;
  /** The event as `GET /v1/sessions/:id/events` shows it, plus `sessionId` and `branchId`. */
  json: string;
}

export interface LiveListener {
  /** Called synchronously for every live event, in position order: must not block. */
  deliver(event: LiveEvent): void;
  /** The shared subscription failed (the store went away): the listener should end. */
  fail(error: unknown): void;
}

const FILTER: AllFilter = { streamPrefixes: [SESSION_STREAM_PREFIX, BRANCH_STREAM_PREFIX] };
const CATCH_UP_PAGE = 256;
const BRANCH_CACHE_SIZE = 10_000;

/** The history endpoint's view of an event: numbers for revisions, a string for the position. */
export function eventView(event: RecordedEvent) {
  return { ...event, revision: Number(event.revision), position: event.position.toString() };
}

@Injectable()
export class LiveEventHub implements OnModuleDestroy {
  private readonly logger = new Logger('LiveEvents');
  private readonly listeners = new Set<LiveListener>();
  /** The running subscription and the position it started after; null while nobody listens. */
  private running: { subscription: Promise<Subscription>; from: Promise<bigint> } | null = null;
  /** branchId → sessionId: a fact that never changes, learnt from BranchForked or read once. */
  private readonly branchSessions = new Map<string, string>();
  private destroyed = false;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /**
   * Registers a listener and resolves with the position the shared subscription delivers after:
   * every event past it reaches the listener (through `deliver`) until `detach` is called.
   */
  async attach(listener: LiveListener): Promise<{ from: bigint; detach: () => void }> {
    if (this.destroyed) throw new Error('the live feed is shutting down');
    this.listeners.add(listener);
    const running = this.running ?? this.start();
    const detach = () => {
      if (!this.listeners.delete(listener)) return;
      if (this.listeners.size === 0 && this.running === running) this.stop();
    };
    try {
      return { from: await running.from, detach };
    } catch (error) {
      detach();
      throw error;
    }
  }

  /** Events after `after` up to the head now, page by page: what a resuming listener missed. */
  async *catchUp(after: bigint): AsyncGenerator<LiveEvent> {
    let cursor = after;
    for (;;) {
      const page = await this.store.readAll({ fromPosition: cursor + 1n, maxCount: CATCH_UP_PAGE, filter: FILTER });
      for (const event of page) {
        cursor = event.position;
        const live = await this.toLive(event);
        if (live) yield live;
      }
      if (page.length < CATCH_UP_PAGE) return;
    }
  }

  /** How many listeners are attached now (for tests and the docs' promise that one subscription serves all). */
  get listenerCount(): number {
    return this.listeners.size;
  }

  get subscribed(): boolean {
    return this.running !== null;
  }

  onModuleDestroy(): void {
    this.destroyed = true;
    for (const listener of [...this.listeners]) listener.fail(new Error('the server is shutting down'));
    this.listeners.clear();
    this.stop();
  }

  private start() {
    const from = this.store.headPosition();
    const subscription = from.then((head) => this.store.subscribeToAll({ fromPosition: head, filter: FILTER }));
    const running = { subscription, from };
    this.running = running;
    // A failure to start is reported by attach's await; the loop reports later ones to listeners.
    subscription.then((s) => this.pump(s, running), () => this.failAll(running, new Error('could not subscribe to the event store')));
    from.catch(() => undefined);
    return running;
  }

  private stop(): void {
    const running = this.running;
    this.running = null;
    running?.subscription.then((s) => s.close(), () => undefined);
  }

  private async pump(subscription: Subscription, running: NonNullable<LiveEventHub['running']>): Promise<void> {
    try {
      for await (const event of subscription) {
        if (this.running !== running) break;
        const live = await this.toLive(event);
        if (!live || this.running !== running) continue;
        for (const listener of this.listeners) listener.deliver(live);
      }
    } catch (error) {
      this.logger.warn(`live subscription ended: ${(error as Error).message}`);
      this.failAll(running, error);
    }
  }

  private failAll(running: NonNullable<LiveEventHub['running']>, error: unknown): void {
    if (this.running !== running) return;
    this.running = null;
    for (const listener of [...this.listeners]) listener.fail(error);
    this.listeners.clear();
  }

  /** The session (and branch) an event belongs to; null for a stream no session owns any more. */
  private async toLive(event: RecordedEvent): Promise<LiveEvent | null> {
    const sessionId = parseSessionStream(event.streamId);
    if (sessionId) return { event, sessionId, branchId: null, json: JSON.stringify({ ...eventView(event), sessionId, branchId: null }) };
    const branchId = parseBranchStream(event.streamId);
    if (!branchId) return null;
    const owner = await this.sessionOfBranch(branchId, event);
    return owner ? { event, sessionId: owner, branchId, json: JSON.stringify({ ...eventView(event), sessionId: owner, branchId }) } : null;
  }

  private async sessionOfBranch(branchId: string, event: RecordedEvent): Promise<string | null> {
    const known = this.branchSessions.get(branchId);
    if (known) return known;
    let first: RecordedEvent | undefined = event.revision === 0n ? event : undefined;
    if (!first) {
      try {
        [first] = await this.store.readStream(branchStream(branchId), { maxCount: 1 });
      } catch (error) {
        if (error instanceof StreamNotFound) return null;
        throw error;
      }
    }
    const sessionId = (first?.data as { sessionId?: unknown } | undefined)?.sessionId;
    if (first?.type !== 'BranchForked' || typeof sessionId !== 'string') return null;
    if (this.branchSessions.size >= BRANCH_CACHE_SIZE) this.branchSessions.delete(this.branchSessions.keys().next().value!);
    this.branchSessions.set(branchId, sessionId);
    return sessionId;
  }
}
