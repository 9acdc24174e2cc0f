// A test client for server-sent events over a real socket: collects events and heartbeat
// comments, and lets a test wait until what it expects has arrived (never for a fixed time).
import { request, type IncomingMessage } from 'node:http';
import { SseParser, type SseEvent } from '@crystalyse/sdk';

export interface SseTestClient {
  status: number;
  headers: IncomingMessage['headers'];
  events: SseEvent[];
  /** Heartbeat comment lines seen so far. */
  heartbeats: number;
  /** Body text when the response was not a stream (an error). */
  text: string;
  /** Resolves once `check` holds (checked after every chunk), rejects if the stream ends first. */
  until(check: (client: SseTestClient) => boolean, what?: string): Promise<void>;
  /** Resolves when the server closes the connection. */
  closed: Promise<void>;
  response: IncomingMessage;
  close(): void;
}

export function openSse(url: string, key: string | null, headers: Record<string, string> = {}, options: { paused?: boolean } = {}): Promise<SseTestClient> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { accept: 'text/event-stream', ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers } });
    req.on('error', reject);
    req.on('response', (response) => {
      const parser = new SseParser();
      const waiters = new Set<() => void>();
      let ended = false;
      let endedResolve: () => void = () => undefined;
      const closed = new Promise<void>((r) => (endedResolve = r));
      const client: SseTestClient = {
        status: response.statusCode ?? 0,
        headers: response.headers,
        events: [],
        heartbeats: 0,
        text: '',
        response,
        closed,
        until(check, what = 'the expected events') {
          if (check(client)) return Promise.resolve();
          if (ended) return Promise.reject(new Error(`the stream ended before ${what} (got ${client.events.length} events)`));
          return new Promise((ok, fail) => {
            const waiter = () => {
              if (check(client)) {
                waiters.delete(waiter);
                ok();
              } else if (ended) {
                waiters.delete(waiter);
                fail(new Error(`the stream ended before ${what} (got ${client.events.length} events)`));
              }
            };
            waiters.add(waiter);
          });
        },
        close() {
          req.destroy();
        },
      };
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        client.text += client.status === 200 ? '' : chunk;
        client.heartbeats += chunk.split(/\r?\n/).filter((line) => line.startsWith(': heartbeat')).length;
        client.events.push(...parser.push(chunk));
        for (const waiter of [...waiters]) waiter();
      });
      const finish = () => {
        if (ended) return;
        ended = true;
        endedResolve();
        for (const waiter of [...waiters]) waiter();
      };
      response.on('end', finish);
      response.on('close', finish);
      response.on('error', finish);
      if (options.paused) response.pause();
      resolve(client);
    });
    req.end();
  });
}
