import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the fake server received, body parsed as JSON. */
export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the specs inspect arbitrary request bodies
  body: any;
}

export type Reply = { status?: number; headers?: Record<string, string>; body?: unknown } | 'hang';

/** Chooses the reply to the n-th request (0-based); throwing fails the request with a 500. */
export type Responder = (request: ReceivedRequest, n: number) => Reply;

export interface FakeOpenAi {
  baseURL: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

/**
 * An OpenAI-compatible chat-completions endpoint on 127.0.0.1 (port 0): it records what it receives
 * and answers with the replies the spec scripted. 'hang' never answers, for timeout specs.
 */
export async function startFakeOpenAi(responder: Responder): Promise<FakeOpenAi> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const request: ReceivedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: text ? JSON.parse(text) : null };
      requests.push(request);
      let reply: Reply;
      try {
        reply = responder(request, requests.length - 1);
      } catch (error) {
        reply = { status: 500, body: { error: { message: `fake server: ${(error as Error).message}` } } };
      }
      if (reply !== 'hang') send(res, reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(res: ServerResponse, reply: Exclude<Reply, 'hang'>): void {
  res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
  res.end(JSON.stringify(reply.body ?? {}));
}

let sequence = 0;

/** A chat.completion body: a text answer, or tool calls when `toolCalls` is given. */
export function completion(
  content: string | null,
  options: { toolCalls?: Array<{ name: string; arguments: string; id?: string }>; usage?: [prompt: number, completion: number]; model?: string; finish?: string } = {},
): unknown {
  const [prompt, completionTokens] = options.usage ?? [100, 20];
  const toolCalls = options.toolCalls?.map((c, i) => ({ id: c.id ?? `call_${i + 1}`, type: 'function', function: { name: c.name, arguments: c.arguments } }));
  return {
    id: `chatcmpl-${++sequence}`,
    object: 'chat.completion',
    created: 1_700_000_000,
    model: options.model ?? 'gpt-4o-mini-2024-07-18',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal: null, ...(toolCalls ? { tool_calls: toolCalls } : {}) },
        finish_reason: options.finish ?? (toolCalls ? 'tool_calls' : 'stop'),
        logprobs: null,
      },
    ],
    usage: { prompt_tokens: prompt, completion_tokens: completionTokens, total_tokens: prompt + completionTokens },
  };
}

export const errorBody = (message: string, type = 'server_error') => ({ error: { message, type, code: null, param: null } });
