// Issue 13: the MCP server, driven by the SDK's own Client over both transports: Streamable HTTP
// at /mcp on the listening app, and stdio (in-process through the real StdioServerTransport, and
// the built `crystalyse mcp` process spawned as a desktop client would).
import { ensureBuilt } from '../support/built-cli.js';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { McpKeyRefused, runMcpStdio } from '../../apps/cli/src/mcp.js';
import { StreamPairClientTransport } from '../support/mcp-stream-transport.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const TOOLS = [
  'add_context', 'ask_question', 'create_branch', 'create_session', 'generate_summary', 'get_statistics', 'link_discoveries', 'list_sessions',
  'merge_branch', 'record_discovery', 'restore_checkpoint', 'save_checkpoint', 'search_sessions', 'state_at_revision',
];
const TEMPLATES = [
  'crystalyse://sessions/{id}', 'crystalyse://sessions/{id}/at/{revision}', 'crystalyse://sessions/{id}/discoveries',
  'crystalyse://sessions/{id}/history', 'crystalyse://sessions/{id}/history/before/{before}',
];

type Result = CallToolResult & { structuredContent?: any };

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<any> {
  const result = (await client.callTool({ name, arguments: args })) as Result;
  if (result.isError) throw new Error(`${name} failed: ${(result.content[0] as { text: string }).text}`);
  return result.structuredContent ?? JSON.parse((result.content[0] as { text: string }).text);
}

async function read(client: Client, uri: string): Promise<any> {
  const result = await client.readResource({ uri });
  expect(result.contents[0]!.uri).toBe(uri);
  return JSON.parse((result.contents[0] as { text: string }).text);
}

describe('MCP server (issue 13)', () => {
  let t: TestApp;
  let base: string;
  const clients: Client[] = [];

  async function httpClient(key: string): Promise<Client> {
    const client = new Client({ name: 'crystalyse-test', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(new URL(`${base}/mcp`), { requestInit: { headers: { Authorization: `Bearer ${key}` } } });
    await client.connect(transport);
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const client of clients) await client.close();
    await t.close();
  });

  describe('over Streamable HTTP at /mcp', () => {
    it('lists every tool with a JSON Schema of its input', async () => {
      const client = await httpClient(t.ownerKey);
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name).sort()).toEqual(TOOLS);
      const ask = tools.find((tool) => tool.name === 'ask_question')!;
      expect(ask.inputSchema).toMatchObject({ type: 'object', required: expect.arrayContaining(['sessionId', 'text']) });
      expect(client.getServerVersion()?.name).toBe('crystalyse-sessions');
    });

    it('calls each tool, each one the REST call it names, and reads every resource', async () => {
      const client = await httpClient(t.ownerKey);
      const created = await call(client, 'create_session', { name: 'mcp olivine study', metadata: { project: 'cathodes' } });
      const id: string = created.id;
      expect(created).toMatchObject({ revision: expect.any(Number), events: ['SessionCreated'] });

      await call(client, 'add_context', { sessionId: id, key: 'goal', value: { target: 'high voltage cathode' } });
      const asked = await call(client, 'ask_question', { sessionId: id, text: 'Analyse LiFePO4' });
      expect(JSON.stringify(asked)).toContain('LiFePO4');

      const first = await call(client, 'record_discovery', { sessionId: id, type: 'structure_property', description: 'Olivine frameworks are stable', materials: ['LiFePO4'], confidence: 0.9 });
      const second = await call(client, 'record_discovery', { sessionId: id, type: 'stability_insight', description: 'Mn raises the voltage', materials: ['LiMnPO4'], confidence: 0.7 });
      await call(client, 'link_discoveries', { sessionId: id, discoveryIds: [first.discoveryId, second.discoveryId], relationship: 'supports' });

      await call(client, 'save_checkpoint', { sessionId: id, name: 'before_detour' });
      await call(client, 'add_context', { sessionId: id, key: 'detour', value: 'a dead end' });
      await call(client, 'restore_checkpoint', { sessionId: id, name: 'before_detour' });
      const context = (await t.request('GET', `/v1/sessions/${id}/context`)).body;
      expect(JSON.stringify(context)).not.toContain('a dead end');
      expect(JSON.stringify(context)).toContain('high voltage cathode');

      const branch = await call(client, 'create_branch', { sessionId: id, name: 'try_mn', fromCheckpoint: 'before_detour' });
      await call(client, 'add_context', { sessionId: id, branchId: branch.branchId, key: 'dopant', value: 'Mn' });
      const merged = await call(client, 'merge_branch', { sessionId: id, branchId: branch.branchId, strategy: 'merge' });
      expect(merged.events).toContain('BranchMerged');
      expect(JSON.stringify((await t.request('GET', `/v1/sessions/${id}/context`)).body)).toContain('dopant');

      const statistics = await call(client, 'get_statistics', { sessionId: id });
      expect(statistics).toMatchObject({ revision: expect.any(Number) });
      expect(JSON.stringify(statistics)).toMatch(/discover/i);
      const summary = await call(client, 'generate_summary', { sessionId: id });
      expect(summary.events).toEqual(['SessionSummaryGenerated']);

      const atTwo = await call(client, 'state_at_revision', { sessionId: id, at: 1 });
      expect(JSON.stringify(atTwo)).toContain('high voltage cathode');
      expect(JSON.stringify(atTwo)).not.toContain('LiMnPO4');

      const listed = await call(client, 'list_sessions', { project: 'cathodes' });
      expect(listed.items.map((s: { id: string }) => s.id)).toEqual([id]);
      const found = await call(client, 'search_sessions', { q: 'olivine' });
      expect(JSON.stringify(found)).toContain(id);

      // Resources
      const { resources } = await client.listResources();
      expect(resources.map((r) => r.uri)).toContain(`crystalyse://sessions/${id}`);
      const { resourceTemplates } = await client.listResourceTemplates();
      expect(resourceTemplates.map((r) => r.uriTemplate).sort()).toEqual(TEMPLATES);

      expect(await read(client, `crystalyse://sessions/${id}`)).toMatchObject({ id, name: 'mcp olivine study' });
      const history = await read(client, `crystalyse://sessions/${id}/history`);
      expect(history).toMatchObject({ total: 1, nextBefore: null });
      expect(history.items[0]).toMatchObject({ index: 0, question: 'Analyse LiFePO4', status: 'answered' });
      const older = await read(client, `crystalyse://sessions/${id}/history/before/1`);
      expect(older.items.map((turn: { index: number }) => turn.index)).toEqual([0]);
      const discoveries = await read(client, `crystalyse://sessions/${id}/discoveries`);
      expect(discoveries.items.map((d: { id: string }) => d.id).sort()).toEqual([first.discoveryId, second.discoveryId].sort());
      expect(discoveries.links).toHaveLength(1);
      const atRevision = await read(client, `crystalyse://sessions/${id}/at/1`);
      expect(atRevision).toEqual((await t.request('GET', `/v1/sessions/${id}/state?at=1`)).body);
    });

    it('records what a tool writes on the mcp channel, not api; REST keeps api', async () => {
      const client = await httpClient(t.ownerKey);
      const id = (await call(client, 'create_session', { name: 'channel check' })).id;
      await call(client, 'add_context', { sessionId: id, key: 'k', value: 'v' });
      await t.request('POST', `/v1/sessions/${id}/context`, { body: { key: 'rest', value: 1 } });
      const events = (await t.request('GET', `/v1/sessions/${id}/events`)).body.items;
      expect(events.map((e: any) => [e.type, e.metadata.actor])).toEqual([
        ['SessionCreated', { userId: 'owner', via: 'mcp' }],
        ['ContextItemAdded', { userId: 'owner', via: 'mcp' }],
        ['ContextItemAdded', { userId: 'owner', via: 'api' }],
      ]);
      // The audit bundle reads the channel from the envelope, and a backup of it imports.
      const audit = (await t.request('GET', `/v1/sessions/${id}/audit`)).body;
      expect(audit.streams[0].events.map((e: { channel: string }) => e.channel)).toEqual(['mcp', 'mcp', 'api']);
      const backup = (await t.request('GET', `/v1/sessions/${id}/export?includeEvents=true`)).body;
      expect((await t.request('POST', '/v1/sessions/import', { body: backup })).status).toBe(201);
    });

    it('lets a REST client name its channel only as api or mcp: anything else is a 400 naming the header, after authorisation', async () => {
      const id = (await t.request('POST', '/v1/sessions', { body: { name: 'declared channel' } })).body.id;
      const system = await t.request('POST', `/v1/sessions/${id}/context`, { body: { key: 'k', value: 1 }, headers: { 'x-crystalyse-channel': 'system' } });
      expect(system.status).toBe(400);
      expect(system.body.error.field).toBe('X-Crystalyse-Channel');
      const bob = (await t.request('POST', '/v1/users', { body: { name: 'Bobby' } })).body as { apiKey: string };
      expect((await t.request('POST', `/v1/sessions/${id}/context`, { key: bob.apiKey, body: { key: 'k', value: 1 }, headers: { 'x-crystalyse-channel': 'system' } })).status).toBe(404);
      expect((await t.request('GET', `/v1/sessions/${id}/events`)).body.items.map((e: { type: string }) => e.type)).toEqual(['SessionCreated']);
    });

    it('refuses a bad input with the service\'s 400 naming the field, and appends nothing', async () => {
      const client = await httpClient(t.ownerKey);
      const id = (await call(client, 'create_session', { name: 'strict' })).id;
      const before = (await t.request('GET', `/v1/sessions/${id}`)).body.revision;
      const schemaRefusal = (await client.callTool({ name: 'save_checkpoint', arguments: { sessionId: id, name: 'no spaces allowed' } })) as Result;
      expect(schemaRefusal.isError).toBe(true);
      const serviceRefusal = (await client.callTool({ name: 'restore_checkpoint', arguments: { sessionId: id, name: 'never_saved' } })) as Result;
      expect(serviceRefusal.isError).toBe(true);
      expect((serviceRefusal.content[0] as { text: string }).text).toMatch(/^HTTP 404/);
      expect((await t.request('GET', `/v1/sessions/${id}`)).body.revision).toBe(before);
    });

    it('refuses an unknown key with 401 before any tool runs', async () => {
      const client = new Client({ name: 'intruder', version: '1.0.0' });
      const transport = new StreamableHTTPClientTransport(new URL(`${base}/mcp`), { requestInit: { headers: { Authorization: 'Bearer not-a-key' } } });
      await expect(client.connect(transport)).rejects.toThrow(/unknown or revoked API key/);
      const raw = await fetch(`${base}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }) });
      expect(raw.status).toBe(401);
      expect(raw.headers.get('www-authenticate')).toBe('Bearer');
      expect(await raw.json()).toEqual({ error: { code: expect.any(String), message: 'missing Authorization: Bearer <api key>' } });
    });

    it('is stateless: GET (a server stream) and DELETE (ending a session) answer 405 naming POST', async () => {
      for (const method of ['GET', 'DELETE']) {
        const response = await fetch(`${base}/mcp`, { method, headers: { authorization: `Bearer ${t.ownerKey}`, accept: 'text/event-stream' } });
        expect(response.status).toBe(405);
        expect(response.headers.get('allow')).toBe('POST');
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe('method_not_allowed');
      }
    });

    it('gives another user\'s session the 404 REST gives: tools and resources alike', async () => {
      const bob = (await t.request('POST', '/v1/users', { body: { name: 'Bob' } })).body as { apiKey: string };
      const owner = await httpClient(t.ownerKey);
      const id = (await call(owner, 'create_session', { name: 'owner only' })).id;
      const client = await httpClient(bob.apiKey);
      const refused = (await client.callTool({ name: 'get_statistics', arguments: { sessionId: id } })) as Result;
      expect(refused.isError).toBe(true);
      expect((refused.content[0] as { text: string }).text).toContain('session_not_found');
      const write = (await client.callTool({ name: 'add_context', arguments: { sessionId: id, key: 'mine', value: 1 } })) as Result;
      expect(write.isError).toBe(true);
      await expect(client.readResource({ uri: `crystalyse://sessions/${id}` })).rejects.toThrow(/404/);
      expect((await call(client, 'list_sessions', {})).items).toEqual([]);
      expect(JSON.stringify((await t.request('GET', `/v1/sessions/${id}/context`)).body)).not.toContain('mine');
    });
  });

  describe('over stdio (in-process, the real stdio framing; CRYSTALYSE_URL to the API)', () => {
    it('lists tools, calls them and reads the state at a revision', async () => {
      const transport = new StreamPairClientTransport();
      const server = await runMcpStdio({ env: { CRYSTALYSE_KEY: t.ownerKey, CRYSTALYSE_URL: base }, stdin: transport.serverStdin, stdout: transport.serverStdout });
      const client = new Client({ name: 'stdio-test', version: '1.0.0' });
      await client.connect(transport);
      expect((await client.listTools()).tools.map((tool) => tool.name).sort()).toEqual(TOOLS);
      const id = (await call(client, 'create_session', { name: 'over stdio' })).id;
      await call(client, 'add_context', { sessionId: id, key: 'k', value: 'v' });
      expect(await read(client, `crystalyse://sessions/${id}/at/0`)).toEqual((await t.request('GET', `/v1/sessions/${id}/state?at=0`)).body);
      const events = (await t.request('GET', `/v1/sessions/${id}/events`)).body.items;
      expect(events.map((e: { type: string; metadata: { actor: { via: string } } }) => `${e.type} ${e.metadata.actor.via}`)).toEqual(['SessionCreated mcp', 'ContextItemAdded mcp']);
      await client.close();
      await server.closed;
    });

    it('refuses to start with a key the service does not accept', async () => {
      const transport = new StreamPairClientTransport();
      await expect(runMcpStdio({ env: { CRYSTALYSE_KEY: 'wrong', CRYSTALYSE_URL: base }, stdin: transport.serverStdin, stdout: transport.serverStdout })).rejects.toThrow(McpKeyRefused);
      await expect(runMcpStdio({ env: {}, stdin: transport.serverStdin, stdout: transport.serverStdout })).rejects.toThrow(/CRYSTALYSE_KEY/);
    });
  });
});

// The built entry, spawned as a desktop MCP client spawns it, on embedded storage: built first
// when dist/ is missing or older than the sources (`npm run build`, about a minute here).
describe('crystalyse mcp as a process (stdio, embedded storage)', () => {
  const root = process.cwd();
  const entry = join(root, 'dist/apps/cli/src/mcp-main.js');
  let dataDir: string;
  let key: string;
  let sessionId: string;

  beforeAll(async () => {
    // Built once across Jest's workers, as the CLI's tests build it (test/support/built-cli.ts): the
    // process runs every part of the app, so any source newer than dist/ makes it stale.
    await ensureBuilt();
    const t = await startTestApp();
    dataDir = t.config.dataDir;
    key = t.ownerKey;
    sessionId = (await t.request('POST', '/v1/sessions', { body: { name: 'made before the MCP process started' } })).body.id;
    await t.app.close(); // the data directory stays for the process
  }, 240_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const spawnClient = async (env: Record<string, string>) => {
    const transport = new StdioClientTransport({ command: process.execPath, args: [entry], env: { ...getDefaultEnvironment(), ...env }, stderr: 'pipe' });
    const client = new Client({ name: 'desktop', version: '1.0.0' });
    await client.connect(transport);
    return client;
  };

  it('serves tools and resources with the key from CRYSTALYSE_KEY', async () => {
    const client = await spawnClient({ CRYSTALYSE_KEY: key, CRYSTALYSE_DATA_DIR: dataDir });
    try {
      expect((await client.listTools()).tools.map((tool) => tool.name)).toContain('ask_question');
      expect(await read(client, `crystalyse://sessions/${sessionId}`)).toMatchObject({ id: sessionId });
      const saved = await call(client, 'save_checkpoint', { sessionId, name: 'from_stdio' });
      expect(saved.events).toEqual(['CheckpointSaved']);
    } finally {
      await client.close();
    }
  }, 60_000);

  it('exits refusing a key the service does not accept', async () => {
    await expect(spawnClient({ CRYSTALYSE_KEY: 'wrong-key', CRYSTALYSE_DATA_DIR: dataDir })).rejects.toThrow();
  }, 60_000);
});
