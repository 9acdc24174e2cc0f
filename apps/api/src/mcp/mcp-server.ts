// The Crystalyse MCP server: tools and resources over a caller's REST access (rest-client.ts).
// One server is built per caller (per HTTP request on /mcp, once for `crystalyse mcp`), so a tool
// can only ever act with the key that caller presented. Tool inputs are zod schemas (the SDK
// validates them and lists them as JSON Schema); the REST call then validates them again, so a
// value the schema lets through and the service refuses comes back as the service's 400.
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { McpError, type CallToolResult, type ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { CONTEXT_KINDS, DISCOVERY_CATEGORIES, DISCOVERY_RELATIONSHIPS, MERGE_STRATEGIES, SESSION_STATUSES, SESSION_TYPES } from '@crystalyse/domain';
import type { RestCall, RestResponse } from './rest-client.js';

export const MCP_SERVER_NAME = 'crystalyse-sessions';
export const MCP_SERVER_VERSION = '0.1.0';

/** The JSON-RPC code MCP gives "resource not found". */
const RESOURCE_NOT_FOUND = -32002;

const seg = (value: string | number) => encodeURIComponent(String(value));
/** `/v1/sessions/:id` or `/v1/sessions/:id/branches/:branchId`: where a workspace path lives. */
const workspace = (sessionId: string, branchId?: string) => `/v1/sessions/${seg(sessionId)}${branchId ? `/branches/${seg(branchId)}` : ''}`;

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** A REST answer as a tool result: the JSON body; a refusal is an error result carrying the service's error body. */
function toolResult(response: RestResponse): CallToolResult {
  const text = JSON.stringify(response.body ?? null, null, 2);
  if (response.status >= 400) {
    return { isError: true, content: [{ type: 'text', text: `HTTP ${response.status}: ${text}` }] };
  }
  const structured = response.body && typeof response.body === 'object' && !Array.isArray(response.body) ? (response.body as Record<string, unknown>) : undefined;
  return { content: [{ type: 'text', text }], ...(structured ? { structuredContent: structured } : {}) };
}

/** A REST answer as a resource's contents; a refusal is a JSON-RPC error (404 as "resource not found"). */
function resourceResult(uri: URL, response: RestResponse): ReadResourceResult {
  if (response.status >= 400) {
    const error = (response.body as { error?: { code?: string; message?: string } } | undefined)?.error;
    const message = `${uri.href}: HTTP ${response.status} ${error?.message ?? error?.code ?? ''}`.trim();
    throw new McpError(response.status === 404 ? RESOURCE_NOT_FOUND : -32603, message, { status: response.status, error });
  }
  return { contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(response.body, null, 2) }] };
}

const one = (value: string | string[] | undefined): string => (Array.isArray(value) ? value[0]! : (value ?? ''));

const sessionId = z.string().min(1).max(200).describe('The session id');
const branchId = z.string().min(1).max(200).optional().describe('A branch of the session; absent: the session itself');
const json = z.json();

export function buildMcpServer(rest: RestCall): McpServer {
  const server = new McpServer(
    { name: MCP_SERVER_NAME, version: MCP_SERVER_VERSION },
    { instructions: 'Crystalyse research sessions: every call is recorded as immutable events under your API key. Resources: crystalyse://sessions/{id}, .../history, .../discoveries, .../at/{revision}.' },
  );
  const tool = <S extends z.ZodRawShape>(name: string, description: string, inputSchema: S, call: (input: z.infer<z.ZodObject<S>>) => Promise<RestResponse>) =>
    server.registerTool(name, { description, inputSchema }, (async (input: z.infer<z.ZodObject<S>>) => toolResult(await call(input))) as never);

  // Sessions
  tool('create_session', 'Create a research session', {
    name: z.string().min(1).max(200),
    type: z.enum(SESSION_TYPES).optional(),
    metadata: z.record(z.string(), json).optional().describe('e.g. { "project": "cathode_materials_discovery" }'),
    config: z.record(z.string(), json).optional(),
  }, (input) => rest('POST', '/v1/sessions', input));
  tool('list_sessions', 'List the sessions you can read', {
    status: z.enum(SESSION_STATUSES).optional(),
    project: z.string().max(200).optional(),
    type: z.enum(SESSION_TYPES).optional(),
    limit: z.number().int().min(1).max(200).optional(),
    cursor: z.string().max(1000).optional(),
  }, (input) => rest('GET', `/v1/sessions${query(input)}`));
  tool('search_sessions', 'Full-text search over the sessions you can read', {
    q: z.string().min(1).max(500).describe('Words to find in names, questions, answers, materials and discoveries'),
    limit: z.number().int().min(1).max(100).optional(),
  }, (input) => rest('GET', `/v1/sessions/search${query(input)}`));

  // Work in a session (or one of its branches)
  tool('ask_question', 'Ask the materials analyst a question in a session; the question, tool calls, answer and discoveries are recorded', {
    sessionId, branchId, text: z.string().min(1).max(10000),
  }, ({ sessionId: id, branchId: b, text }) => rest('POST', `${workspace(id, b)}/queries`, { text }));
  tool('add_context', 'Add an item to the session\'s working context', {
    sessionId, branchId,
    key: z.string().min(1).max(200),
    value: json.describe('Any JSON value'),
    kind: z.enum(CONTEXT_KINDS).optional(),
  }, ({ sessionId: id, branchId: b, ...body }) => rest('POST', `${workspace(id, b)}/context`, body));
  tool('record_discovery', 'Record a discovery', {
    sessionId, branchId,
    type: z.enum(DISCOVERY_CATEGORIES).describe('The discovery\'s category'),
    description: z.string().min(1).max(5000),
    materials: z.array(z.string().min(1).max(200)).max(100),
    confidence: z.number().min(0).max(1),
    evidence: json.optional(),
    queryId: z.string().max(200).optional().describe('The question whose answer is the evidence'),
  }, ({ sessionId: id, branchId: b, ...body }) => rest('POST', `${workspace(id, b)}/discoveries`, body));
  tool('link_discoveries', 'Link discoveries to each other', {
    sessionId, branchId,
    discoveryIds: z.array(z.string().min(1).max(200)).min(2).max(50),
    relationship: z.enum(DISCOVERY_RELATIONSHIPS),
    notes: z.string().min(1).max(5000).optional(),
  }, ({ sessionId: id, branchId: b, ...body }) => rest('POST', `${workspace(id, b)}/discoveries/links`, body));

  // Checkpoints and branches
  tool('save_checkpoint', 'Save a named checkpoint of the session\'s workspace', {
    sessionId, branchId, name: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/),
  }, ({ sessionId: id, branchId: b, name }) => rest('POST', `${workspace(id, b)}/checkpoints`, { name }));
  tool('restore_checkpoint', 'Restore the workspace to a checkpoint (recorded as an event; nothing is deleted)', {
    sessionId, branchId, name: z.string().min(1).max(100),
  }, ({ sessionId: id, branchId: b, name }) => rest('POST', `${workspace(id, b)}/checkpoints/${seg(name)}/restore`, {}));
  tool('create_branch', 'Fork a branch of the session, from its head, a revision or a checkpoint', {
    sessionId,
    name: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/),
    fromRevision: z.number().int().min(0).optional(),
    fromCheckpoint: z.string().min(1).max(100).optional(),
  }, ({ sessionId: id, name, fromRevision, fromCheckpoint }) => {
    const from = fromRevision !== undefined ? { revision: fromRevision } : fromCheckpoint !== undefined ? { checkpoint: fromCheckpoint } : undefined;
    return rest('POST', `/v1/sessions/${seg(id)}/branches`, { name, ...(from ? { from } : {}) });
  });
  tool('merge_branch', 'Merge a branch into its parent (a three-way merge; conflicts are reported, not guessed)', {
    sessionId, branchId: z.string().min(1).max(200), strategy: z.enum(MERGE_STRATEGIES).optional(),
  }, ({ sessionId: id, branchId: b, strategy }) => rest('POST', `/v1/sessions/${seg(id)}/branches/${seg(b)}/merge`, strategy ? { strategy } : {}));

  // Analytics and time travel
  tool('get_statistics', 'Statistics of a session: duration, questions, materials, discoveries, tool usage', { sessionId, branchId },
    ({ sessionId: id, branchId: b }) => rest('GET', `${workspace(id, b)}/statistics`));
  tool('generate_summary', 'Summarise a session: key findings, materials of interest, next steps (recorded as an event)', { sessionId, branchId },
    ({ sessionId: id, branchId: b }) => rest('POST', `${workspace(id, b)}/summary`, {}));
  tool('state_at_revision', 'The session\'s state as it was at a revision (or an ISO 8601 instant), without re-running anything', {
    sessionId, branchId,
    at: z.union([z.number().int().min(0), z.string().min(1).max(100)]).describe('A revision number, or an ISO 8601 instant'),
  }, ({ sessionId: id, branchId: b, at }) => rest('GET', `${workspace(id, b)}/state${query({ at })}`));

  // Resources
  const read = async (uri: URL, path: string) => resourceResult(uri, await rest('GET', path));
  server.registerResource('session', new ResourceTemplate('crystalyse://sessions/{id}', {
    list: async () => {
      const response = await rest('GET', '/v1/sessions?limit=200');
      const items = response.status < 400 ? ((response.body as { items?: Array<{ id: string; name?: string }> }).items ?? []) : [];
      return { resources: items.map((s) => ({ uri: `crystalyse://sessions/${seg(s.id)}`, name: s.name ?? s.id, mimeType: 'application/json' })) };
    },
  }), { description: 'A session: metadata, status and counts', mimeType: 'application/json' },
  (uri, { id }) => read(uri, `/v1/sessions/${seg(one(id))}`));
  server.registerResource('session-history', new ResourceTemplate('crystalyse://sessions/{id}/history', { list: undefined }),
    { description: 'The latest page of a session\'s conversation (50 turns); `nextBefore` names the older page', mimeType: 'application/json' },
    (uri, { id }) => read(uri, `/v1/sessions/${seg(one(id))}/history`));
  server.registerResource('session-history-page', new ResourceTemplate('crystalyse://sessions/{id}/history/before/{before}', { list: undefined }),
    { description: 'The page of 50 turns before a turn index (the `nextBefore` of a newer page)', mimeType: 'application/json' },
    (uri, { id, before }) => read(uri, `/v1/sessions/${seg(one(id))}/history${query({ before: one(before) })}`));
  server.registerResource('session-discoveries', new ResourceTemplate('crystalyse://sessions/{id}/discoveries', { list: undefined }),
    { description: 'A session\'s discoveries and their links', mimeType: 'application/json' },
    (uri, { id }) => read(uri, `/v1/sessions/${seg(one(id))}/discoveries`));
  server.registerResource('session-at-revision', new ResourceTemplate('crystalyse://sessions/{id}/at/{revision}', { list: undefined }),
    { description: 'A session\'s state at a revision (time travel, no re-execution)', mimeType: 'application/json' },
    (uri, { id, revision }) => read(uri, `/v1/sessions/${seg(one(id))}/state${query({ at: one(revision) })}`));
  return server;
}
