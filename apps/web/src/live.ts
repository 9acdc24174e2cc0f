// Live events of a session: the SSE stream (`/events/stream`, resumable with Last-Event-ID) read
// with fetch; where the server has no stream (404), the event pages are polled instead.
import { Api, ApiError } from './api';
import type { StoredEvent } from './types';

export type LiveMode = 'connecting' | 'streaming' | 'polling' | 'offline';

export interface LiveEvent { type: string; revision?: number; position?: string; at?: string; branchId?: string; sessionId?: string }

export interface FollowOptions {
  /** The first revision not yet shown (for polling). */
  fromRevision: number;
  onEvent: (event: LiveEvent) => void;
  onMode: (mode: LiveMode) => void;
  /** The stream is open: what was appended before it opened is best read again once. */
  onOpen?: () => void;
  pollMs?: number;
  /** The first wait before reconnecting a stream that ended; it grows with each failure in a row. */
  retryMs?: number;
}

export function followSession(api: Api, sessionId: string, options: FollowOptions): () => void {
  const base = `/sessions/${encodeURIComponent(sessionId)}`;
  return follow(api, `${base}/events/stream`, `${base}/events`, options);
}

/** Every event the caller may read (`/events/stream`); no polling fallback: without it, `offline`. */
export function followAll(api: Api, options: Omit<FollowOptions, 'fromRevision'>): () => void {
  return follow(api, '/events/stream', null, { ...options, fromRevision: 0 });
}

function follow(api: Api, streamPath: string, pagesPath: string | null, options: FollowOptions): () => void {
  const controller = new AbortController();
  let lastEventId: string | undefined;
  let next = options.fromRevision;
  let stopped = false;
  let opened = false;
  const pause = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    controller.signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });

  async function stream(): Promise<boolean> {
    options.onMode('connecting');
    try {
      const resuming = lastEventId !== undefined;
      await api.stream('GET', streamPath, (message) => {
        if (message.id) lastEventId = message.id;
        const data = parse(message.data);
        if (!data && message.event === 'message') return;
        const type = typeof data?.type === 'string' ? data.type : message.event;
        if (type === 'heartbeat' || type === 'ping') return;
        options.onEvent({ type, revision: num(data?.revision), position: message.id ?? str(data?.position), at: str((data?.metadata as { occurredAt?: string } | undefined)?.occurredAt), branchId: str(data?.branchId), sessionId: str(data?.sessionId) });
      }, {
        lastEventId,
        signal: controller.signal,
        onOpen: () => {
          opened = true;
          options.onMode('streaming');
          // A resumed stream replays what was missed; a fresh one starts now, so read the session again.
          if (!resuming) options.onOpen?.();
        },
      });
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return false;
      if (!stopped) options.onMode('offline');
      return true;
    }
  }

  async function poll(): Promise<void> {
    options.onMode('polling');
    while (!stopped) {
      try {
        const page = await api.get<{ items: StoredEvent[] }>(`${pagesPath}?from=${next}&limit=200`);
        for (const event of page.items) {
          next = Math.max(next, event.revision + 1);
          options.onEvent({ type: event.type, revision: event.revision, position: event.position, at: event.metadata?.occurredAt });
        }
        options.onMode('polling');
      } catch {
        if (!stopped) options.onMode('offline');
      }
      await pause(options.pollMs ?? 1500);
    }
  }

  void (async () => {
    let failures = 0;
    while (!stopped) {
      const hasStream = await stream();
      if (!hasStream) {
        if (pagesPath) return poll();
        options.onMode('offline');
        return;
      }
      if (stopped) return;
      // The stream ended or broke: reconnect from the last id seen, backing off a little.
      failures = opened ? 1 : failures + 1;
      opened = false;
      await pause(Math.min(10_000, (options.retryMs ?? 500) * failures));
    }
  })();

  return () => {
    stopped = true;
    controller.abort();
  };
}

function parse(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
