import type { RecordedEvent } from '@crystalyse/event-store';
import type { LiveEvent, LiveEventHub, LiveListener } from './live-event-hub.js';
import { LiveFeedLagged, liveIterator } from './live-iterator.js';

const event = (position: number, sessionId = 's1'): LiveEvent => ({
  event: { position: BigInt(position), revision: 0n, streamId: `session-${sessionId}`, eventId: `e${position}`, type: 'T', data: {}, metadata: {} as RecordedEvent['metadata'], created: '' },
  sessionId,
  branchId: null,
  json: '{}',
});

/** A hub whose live feed the test drives, with a stored history for catch-ups. */
function fakeHub(from: bigint, stored: LiveEvent[] = []) {
  const listeners = new Set<LiveListener>();
  const hub = {
    detached: 0,
    async attach(listener: LiveListener) {
      listeners.add(listener);
      return { from, detach: () => { if (listeners.delete(listener)) hub.detached += 1; } };
    },
    async *catchUp(after: bigint) {
      for (const e of stored) if (e.event.position > after) yield e;
    },
    push: (e: LiveEvent) => { for (const l of listeners) l.deliver(e); },
    get listeners() { return listeners.size; },
  };
  return hub;
}

const asHub = (h: ReturnType<typeof fakeHub>) => h as unknown as LiveEventHub;
const positions = (events: LiveEvent[]) => events.map((e) => Number(e.event.position));

describe('liveIterator', () => {
  it('catches up after a position, then goes live, skipping what it sent and what it may not send', async () => {
    const hub = fakeHub(5n, [event(2), event(4, 'other'), event(5)]);
    const it = liveIterator(asHub(hub), { after: 1n, maxQueued: 10, accept: (e) => (e.sessionId === 's1' ? 'send' : 'skip') });
    const got: LiveEvent[] = [];
    got.push((await it.next()).value);
    got.push((await it.next()).value);
    // Live: 5 again (seen in the catch-up) is skipped, 7 is new.
    const pending = it.next();
    hub.push(event(5));
    hub.push(event(7));
    got.push((await pending).value);
    expect(positions(got)).toEqual([2, 5, 7]);
    await it.return!();
    expect(hub.detached).toBe(1);
  });

  it('starts at the live feed without a position, and ends when access is lost', async () => {
    const hub = fakeHub(3n);
    let allowed = true;
    const it = liveIterator(asHub(hub), { after: null, maxQueued: 10, accept: () => (allowed ? 'send' : 'end') });
    const first = it.next();
    await Promise.resolve();
    hub.push(event(3)); // not after the start: skipped
    hub.push(event(4));
    expect(positions([(await first).value])).toEqual([4]);
    allowed = false;
    const second = it.next();
    hub.push(event(6));
    expect(await second).toEqual({ done: true, value: undefined });
    expect(hub.listeners).toBe(0);
  });

  it('fails a consumer that falls more than maxQueued behind, naming where to resume, and lets go of the hub', async () => {
    const hub = fakeHub(0n);
    const it = liveIterator(asHub(hub), { after: null, maxQueued: 3, accept: () => 'send' });
    const first = it.next();
    await Promise.resolve();
    hub.push(event(1));
    expect(positions([(await first).value])).toEqual([1]);
    for (let p = 2; p <= 6; p++) hub.push(event(p)); // nobody reads: the queue overflows
    const error = await it.next().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LiveFeedLagged);
    expect((error as LiveFeedLagged).lastPosition).toBe(1n);
    expect(hub.listeners).toBe(0);
  });

  it('lets an idle subscriber unsubscribe: return() ends a pending next()', async () => {
    const hub = fakeHub(0n);
    const it = liveIterator(asHub(hub), { after: null, maxQueued: 3, accept: () => 'send' });
    const pending = it.next();
    await new Promise((resolve) => setImmediate(resolve));
    expect(hub.listeners).toBe(1);
    await it.return!();
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(hub.listeners).toBe(0);
  });
});
