// A tiny scripted HTTP server on 127.0.0.1 for the SDK's unit tests: it records every request
// and answers what the test's handler says, including dropping the connection or never answering.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. `/v1/sessions?limit=2`. */
  url: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/**
 * A streamed reply: `chunks` are written one by one (`delayMs` apart) as `text/event-stream`, then
 * the response ends, the connection is dropped, or it hangs open.
 */
export interface StreamReply {
  stream: string[];
  status?: number;
  headers?: Record<string, string>;
  delayMs?: number;
  then?: 'end' | 'drop' | 'hang';
}

export type Reply = { status?: number; body?: unknown; raw?: string; headers?: Record<string, string> } | StreamReply | 'drop' | 'hang';
export type Handler = (request: RecordedRequest, index: number) => Reply | Promise<Reply>;

export interface FakeApi {
  baseUrl: string;
  requests: RecordedRequest[];
  /** Replaces the handler for the requests that follow. */
  answer(handler: Handler): void;
  close(): Promise<void>;
}

export async function startFakeApi(handler: Handler = () => ({ body: {} })): Promise<FakeApi> {
  const requests: RecordedRequest[] = [];
  let current = handler;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
      requests.push(recorded);
      void Promise.resolve(current(recorded, requests.length - 1)).then((reply) => {
        if (reply === 'hang') return;
        if (reply === 'drop') {
          req.socket.destroy();
          return;
        }
        if ('stream' in reply) return void writeStream(reply, res, () => req.socket.destroy());
        const payload = reply.raw ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
        const type = reply.raw === undefined ? 'application/json' : 'text/plain';
        res.writeHead(reply.status ?? 200, { 'content-type': type, ...reply.headers });
        res.end(payload);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    answer(next) {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function writeStream(reply: StreamReply, res: ServerResponse, drop: () => void): Promise<void> {
  res.writeHead(reply.status ?? 200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...reply.headers });
  res.flushHeaders();
  for (const chunk of reply.stream) {
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    res.write(chunk);
  }
  if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
  if (reply.then === 'drop') drop();
  else if (reply.then !== 'hang') res.end();
}

/** One server-sent event as the API writes it. */
export const sse = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/** A command's answer as the API shapes it. */
export const commandBody = (revision: number, position: string, events: string[] = ['Changed'], id = 's1') => ({ id, revision, position, events, replayed: false });

/** Routes by "METHOD path" (without /v1 and the query); anything else is a 500 the test will see. */
export function routes(table: Record<string, (request: RecordedRequest) => Reply | Promise<Reply>>): Handler {
  return (request) => {
    const route = table[`${request.method} ${request.url.replace(/^\/v1/, '').split('?')[0]}`];
    return route ? route(request) : { status: 500, body: { error: { code: 'unrouted', message: `${request.method} ${request.url}` } } };
  };
}

/** GET /sessions/s1 as the API answers it. */
export const sessionView = (revision: number, changes: Record<string, unknown> = {}) => ({
  id: 's1',
  name: 'cathodes',
  type: 'interactive',
  status: 'active',
  ownerId: 'owner',
  metadata: {},
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  revision,
  counts: { queries: 0, materials: 0, discoveries: 0, contextItems: 0, hypotheses: 0, tasks: 0, openTasks: 0, checkpoints: 0 },
  ...changes,
});
