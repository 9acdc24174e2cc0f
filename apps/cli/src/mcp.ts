// `crystalyse mcp`: the MCP server over stdio, for a desktop client or an agent that starts it as
// a subprocess. The caller's key comes from CRYSTALYSE_KEY and every tool call is the REST call
// it names, made with that key (apps/api/src/mcp/rest-client.ts): with CRYSTALYSE_URL set, over
// HTTP to that running API; without it, in-process through the app's own Fastify inject() on the
// configured storage (embedded SQLite in CRYSTALYSE_DATA_DIR by default), so the same checks run
// either way. A key the service does not accept is refused before the server starts.
// stdout belongs to the protocol: nothing else may write to it (see mcp-main.ts).
import 'reflect-metadata';
import type { Readable, Writable } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { configFromEnv } from '../../api/src/config/app-config.js';
import { createApp } from '../../api/src/create-app.js';
import { buildMcpServer } from '../../api/src/mcp/mcp-server.js';
import { fetchRest, injectRest, type RestCall } from '../../api/src/mcp/rest-client.js';

export class McpKeyRefused extends Error {}

export interface McpStdioOptions {
  env?: NodeJS.ProcessEnv;
  stdin?: Readable;
  stdout?: Writable;
}

export interface McpStdioServer {
  /** Resolves when the client has gone (stdin ended) or close() was called. */
  closed: Promise<void>;
  close(): Promise<void>;
}

export async function runMcpStdio(options: McpStdioOptions = {}): Promise<McpStdioServer> {
  const env = options.env ?? process.env;
  const key = env.CRYSTALYSE_KEY?.trim();
  if (!key) throw new McpKeyRefused('set CRYSTALYSE_KEY to your API key');

  let rest: RestCall;
  let release = async () => undefined as void;
  if (env.CRYSTALYSE_URL) {
    rest = fetchRest(env.CRYSTALYSE_URL, key);
  } else {
    const app = await createApp({ ...configFromEnv(env), quiet: true });
    await app.init();
    const fastify = app.getHttpAdapter().getInstance();
    await fastify.ready();
    rest = injectRest(fastify, `Bearer ${key}`);
    release = () => app.close();
  }

  const me = await rest('GET', '/v1/me').catch((error: unknown) => {
    void release();
    throw error;
  });
  if (me.status !== 200) {
    await release();
    const message = (me.body as { error?: { message?: string } } | undefined)?.error?.message ?? `HTTP ${me.status}`;
    throw new McpKeyRefused(`CRYSTALYSE_KEY was refused: ${message}`);
  }

  const server = buildMcpServer(rest);
  const transport = new StdioServerTransport(options.stdin, options.stdout);
  let done!: () => void;
  const closed = new Promise<void>((resolve) => (done = resolve));
  // Closing the server closes the transport, whose onclose calls close() again: the first call
  // claims the promise before anything else runs.
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    if (closing) return closing;
    let finish!: () => void;
    closing = new Promise<void>((resolve) => (finish = resolve));
    void (async () => {
      await server.close().catch(() => undefined);
      await release().catch(() => undefined);
      done();
      finish();
    })();
    return closing;
  };
  transport.onclose = () => void close();
  (options.stdin ?? process.stdin).once('end', () => void close());
  await server.connect(transport);
  return { closed, close };
}
