// `/mcp` on the API: the MCP server over the Streamable HTTP transport, stateless (each POST is
// one JSON-RPC exchange answered as JSON, so any instance behind a load balancer can answer any
// request and nothing is kept between requests). The caller's `Authorization: Bearer <key>` is
// checked first, as GET /v1/me checks it (401 with the API's error body otherwise); then the
// request gets a server of its own whose tools make REST requests in-process with that same
// header, so each tool call passes every check the REST call does.
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from '../http/error-body.js';
import { buildMcpServer } from './mcp-server.js';
import { injectRest } from './rest-client.js';

export const MCP_PATH = '/mcp';

export function registerMcpEndpoint(fastify: FastifyInstance): void {
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const authorization = typeof request.headers.authorization === 'string' ? request.headers.authorization : undefined;
    const rest = injectRest(fastify, authorization);
    const me = await rest('GET', '/v1/me');
    if (me.status !== 200) {
      const body = me.status === 401 ? me.body : errorBody('unauthorized', 'the API key could not be checked');
      return reply.status(401).header('www-authenticate', 'Bearer').send(body);
    }
    if (request.method !== 'POST') {
      // Stateless: no server-initiated stream (GET) and no session to end (DELETE).
      return reply.status(405).header('allow', 'POST').send(errorBody('method_not_allowed', `${request.method} ${MCP_PATH}: the MCP endpoint is stateless; send JSON-RPC with POST`));
    }
    const server = buildMcpServer(rest);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    reply.hijack();
    reply.raw.on('close', () => {
      void transport.close();
      void server.close();
    });
    try {
      await server.connect(transport);
      await transport.handleRequest(request.raw, reply.raw, request.body);
    } catch (error) {
      if (!reply.raw.headersSent) {
        reply.raw.writeHead(500, { 'content-type': 'application/json' });
        reply.raw.end(JSON.stringify(errorBody('internal', error instanceof Error ? error.message : String(error))));
      }
    }
  };
  fastify.route({ method: ['POST', 'GET', 'DELETE'], url: MCP_PATH, handler });
}
