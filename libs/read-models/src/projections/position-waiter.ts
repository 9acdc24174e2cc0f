// Read-your-writes: wait until a projection has covered a `$all` position. A projection only
// sees the event types it handles, so its checkpoint may never reach a position written by an
// event it ignores; it has covered the position once no handled event lies between its
// checkpoint and the position.
import type { BehaviorSubject, Observable, Subscription } from 'rxjs';

export interface PositionSource {
  /** Progress as this process sees it. */
  position$: BehaviorSubject<bigint>;
  /** Emits when the runner stops: waits end with false instead of hanging. */
  stopped$: Observable<void>;
  /** False when another runner holds the lease: then the stored checkpoint is polled. */
  isActive(): boolean;
  readStoredPosition(): Promise<bigint>;
  hasHandledEventBetween(after: bigint, upTo: bigint): Promise<boolean>;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

export function waitForPosition(source: PositionSource, target: bigint, timeoutMs: number, pollMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    let settled = false;
    let latest = -1n;
    let checking = false;
    const subscriptions: Subscription[] = [];
    const finish = (reached: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(poll);
      for (const s of subscriptions) s.unsubscribe();
      resolve(reached);
    };
    // One store query at a time; a position that arrives meanwhile is checked right after.
    const checkLatest = async () => {
      checking = true;
      try {
        while (!settled) {
          const at = latest;
          const pending = await source.hasHandledEventBetween(at, target).catch(() => true);
          if (!pending) return finish(true);
          if (latest === at) return;
        }
      } finally {
        checking = false;
      }
    };
    const observe = (position: bigint) => {
      if (position > latest) latest = position;
      if (latest >= target) return finish(true);
      if (!checking) void checkLatest();
    };
    const timer = Number.isFinite(timeoutMs) ? setTimeout(() => finish(false), Math.min(Math.max(0, timeoutMs), MAX_TIMER_MS)) : undefined;
    const poll = setInterval(() => {
      if (!source.isActive()) source.readStoredPosition().then(observe, () => {});
    }, pollMs);
    subscriptions.push(source.stopped$.subscribe(() => finish(false)));
    subscriptions.push(source.position$.subscribe(observe));
    // position$ replays its value on subscribe, which may already have settled the wait.
    if (settled) for (const s of subscriptions) s.unsubscribe();
  });
}
