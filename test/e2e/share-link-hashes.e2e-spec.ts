// A share link's token hash is a secret's digest: no read of a session's state shows it, to a
// member or to the owner. Every read of the state (REST detail, state, time travel, diff, export,
// GraphQL, the MCP resources) goes through the one public view (sessionView) or the diff; the list
// of links keeps what a sharer needs (id, permissions, expiry, status, who created it).
// The event log is another matter: ShareLinkCreated holds the hash, and the hash chain covers it
// (collaboration.e2e-spec.ts).
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('share-link token hashes never leave the service in a session\'s state', () => {
  let t: TestApp;
  let bob: { id: string; apiKey: string };
  let session: string;
  let linkId: string;
  let hash: string;
  let head: number;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    bob = (await t.request('POST', '/v1/users', { body: { name: 'Bob' } })).body;
    session = (await t.request('POST', '/v1/sessions', { body: { name: 'shared study' } })).body.id;
    await t.request('PUT', `/v1/sessions/${session}/members/${bob.id}`, { body: { permissions: ['read'] } });
    const link = (await t.request('POST', `/v1/sessions/${session}/share-links`, { body: { permissions: 'read', expiresInDays: 7 } })).body;
    linkId = link.linkId;
    hash = createHash('sha256').update(link.token, 'utf8').digest('hex');
    head = link.revision;
  });
  afterAll(() => t.close());

  const reads = () => [
    `/v1/sessions/${session}`,
    `/v1/sessions/${session}/state`,
    `/v1/sessions/${session}/state?at=${head}`,
    `/v1/sessions/${session}/diff?from=0&to=${head}`,
    `/v1/sessions/${session}/diff?from=${head}&to=0`,
    `/v1/sessions/${session}/export`,
  ];

  it('shows the link in the state, without its hash, to the owner and to a member', async () => {
    for (const key of [t.ownerKey, bob.apiKey]) {
      const state = await t.request('GET', `/v1/sessions/${session}/state`, { key });
      expect(state.status).toBe(200);
      expect(state.body.governance.shareLinks[linkId]).toMatchObject({ linkId, permissions: 'read', createdBy: 'owner', revokedAt: null });
      expect(state.body.governance.shareLinks[linkId]).not.toHaveProperty('tokenHash');
      for (const url of reads()) {
        const response = await t.request('GET', url, { key });
        expect({ url, status: response.status }).toEqual({ url, status: 200 });
        expect({ url, leaked: JSON.stringify(response.body).includes(hash) }).toEqual({ url, leaked: false });
      }
    }
  });

  it('nor through GraphQL (sessionAt, diff) or the MCP resources', async () => {
    const gql = await t.request('POST', '/graphql', {
      key: bob.apiKey,
      body: { query: `query($id: ID!) { sessionAt(id: $id) { state } at: sessionAt(id: $id, revision: ${head}) { state } diff(id: $id, from: "0", to: "${head}") { diff } }`, variables: { id: session } },
    });
    expect(gql.body.errors).toBeUndefined();
    expect(gql.body.data.sessionAt.state.governance.shareLinks[linkId]).toMatchObject({ linkId });
    expect(JSON.stringify(gql.body)).not.toContain(hash);

    const client = new Client({ name: 'hash-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp`), { requestInit: { headers: { Authorization: `Bearer ${bob.apiKey}` } } }));
    try {
      for (const uri of [`crystalyse://sessions/${session}`, `crystalyse://sessions/${session}/at/${head}`]) {
        const text = (await client.readResource({ uri })).contents.map((c) => ('text' in c ? c.text : '')).join('');
        expect(text).toContain(session);
        expect(text).not.toContain(hash);
      }
      const tool = await client.callTool({ name: 'state_at_revision', arguments: { sessionId: session, at: head } });
      expect(JSON.stringify(tool)).toContain(linkId);
      expect(JSON.stringify(tool)).not.toContain(hash);
    } finally {
      await client.close();
    }
  });

  it('keeps the list of links as it was: id, permissions, expiry, status, who created it', async () => {
    const listed = (await t.request('GET', `/v1/sessions/${session}/share-links`)).body.items;
    expect(listed).toEqual([{ linkId, permissions: 'read', expiresAt: expect.any(String), createdAt: expect.any(String), createdBy: 'owner', revokedAt: null, status: 'active' }]);
  });
});
