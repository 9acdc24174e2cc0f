// A local stand-in for the OpenAI Responses API (POST /v1/responses), enough for the OpenAI Agents
// SDK to run an agent against it with no network: it answers from what it is sent, so a test can
// see what history reached the model. A question mentioning "molar mass" gets a call of the
// `molar_mass` tool first (when the agent offers it), then an answer quoting the tool's output;
// any other question is answered with how many user messages the model was sent.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeModelServer {
  /** For the OpenAI client: `http://127.0.0.1:<port>/v1`. */
  baseURL: string;
  /** Every request body received, in order. */
  requests: Array<{ model: string; input: any[]; tools?: any[]; instructions?: string }>;
  close(): Promise<void>;
}

type Item = { type?: string; role?: string; content?: unknown; output?: unknown };

const textOf = (item: Item): string =>
  typeof item.content === 'string' ? item.content : Array.isArray(item.content) ? item.content.map((c: { text?: string }) => c.text ?? '').join('') : '';

function reply(body: { model: string; input: Item[] | string; tools?: Array<{ name?: string }> }, n: number) {
  const input: Item[] = typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : body.input;
  const lastUser = input.map((item) => item.role === 'user').lastIndexOf(true);
  const question = lastUser >= 0 ? textOf(input[lastUser]!) : '';
  const toolOutput = input.slice(lastUser + 1).find((item) => item.type === 'function_call_output');
  let output: unknown[];
  if (toolOutput) {
    output = [message(n, `The molar mass of LiFePO4 is ${String(typeof toolOutput.output === 'string' ? toolOutput.output : JSON.stringify(toolOutput.output))} g/mol.`)];
  } else if (/molar mass/i.test(question) && body.tools?.some((t) => t.name === 'molar_mass')) {
    output = [{ type: 'function_call', id: `fc_${n}`, call_id: `call_${n}`, name: 'molar_mass', arguments: JSON.stringify({ formula: 'LiFePO4' }), status: 'completed' }];
  } else {
    const users = input.filter((item) => item.role === 'user').length;
    output = [message(n, `You have asked me ${users} question(s); the latest: ${question}`)];
  }
  return {
    id: `resp_${n}`,
    object: 'response',
    created_at: 1_700_000_000 + n,
    model: body.model,
    status: 'completed',
    output,
    parallel_tool_calls: true,
    tool_choice: 'auto',
    tools: [],
    usage: { input_tokens: 10, output_tokens: 5, total_tokens: 15, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 0 } },
  };
}

const message = (n: number, text: string) => ({
  type: 'message', id: `msg_${n}`, role: 'assistant', status: 'completed', content: [{ type: 'output_text', text, annotations: [] }],
});

export async function startFakeModelServer(): Promise<FakeModelServer> {
  const requests: FakeModelServer['requests'] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.endsWith('/responses')) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `no ${req.method} ${req.url} here` } }));
        return;
      }
      const body = JSON.parse(raw);
      requests.push(body);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply(body, requests.length)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
