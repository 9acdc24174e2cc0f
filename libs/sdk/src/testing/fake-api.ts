// A tiny scripted HTTP server on 127.0.0.1 for the SDK's unit tests: it records every request
// and answers what the test's handler says, including dropping the connection or never answering.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. `/v1/sessions?limit=2`. */
  url: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export type Reply = { status?: number; body?: unknown; raw?: string; headers?: Record<string, string> } | 'drop' | 'hang';
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

/** A command's answer as the API shapes it. */
export const commandBody = (revision: number, position: string, events: string[] = ['Changed'], id = 's1') => ({ id, revision, position, events, replayed: false });
