// How the MCP tools reach the service: as REST requests, made in-process through Fastify's
// inject() (the /mcp endpoint, and `crystalyse mcp` on embedded storage) or over HTTP to a
// running API (`crystalyse mcp` with CRYSTALYSE_URL). Every tool call is then the REST call it
// names, with the caller's own key: the same authentication, permissions, validation, 404 for
// what the caller may not see, idempotency and events as any other client gets. The MCP layer
// adds no checks of its own and can skip none. Each request names the mcp channel, so the events a
// tool writes say they came through MCP.
import { CHANNEL_HEADER } from '../http/request-context.js';

export interface RestResponse {
  status: number;
  body: unknown;
}

/** One REST request under /v1 on behalf of one caller. `path` starts with `/v1/`. */
export type RestCall = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown) => Promise<RestResponse>;

interface Injectable {
  inject(options: { method: string; url: string; headers: Record<string, string>; payload?: string }): Promise<{ statusCode: number; body: string }>;
}

function parse(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Requests made inside the process, through the whole Fastify/Nest stack, with `authorization` as the caller sent it. */
export function injectRest(fastify: Injectable, authorization: string | undefined, extraHeaders: Record<string, string> = {}): RestCall {
  return async (method, path, body) => {
    const headers: Record<string, string> = { ...extraHeaders, [CHANNEL_HEADER]: 'mcp' };
    if (authorization) headers.authorization = authorization;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    const response = await fastify.inject({ method, url: path, headers, payload });
    return { status: response.statusCode, body: parse(response.body) };
  };
}

/** Requests over HTTP to a running API at `baseUrl` (no trailing /v1), with `Authorization: Bearer <key>`. */
export function fetchRest(baseUrl: string, key: string, fetchImpl: typeof fetch = fetch): RestCall {
  const base = baseUrl.replace(/\/+$/, '');
  return async (method, path, body) => {
    const headers: Record<string, string> = { authorization: `Bearer ${key}`, accept: 'application/json', [CHANNEL_HEADER]: 'mcp' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetchImpl(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, body: parse(await response.text()) };
  };
}
