// The MCP and OpenAI Agents pages' examples are run exactly as shown: every ```ts run block of
// docs/integrations/mcp.md and docs/integrations/openai-agents.md is bundled with the project's
// path aliases and run by node, against the app listening on an ephemeral port (CRYSTALYSE_URL,
// CRYSTALYSE_KEY) and, for the agent, a local fake of the OpenAI Responses API (OPENAI_BASE_URL):
// no network.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build, type Plugin } from 'esbuild';
import { startFakeModelServer, type FakeModelServer } from '../support/fake-openai-responses.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const ROOT = process.cwd();
// Inside the project, so that node finds the project's packages from there.
const WORK = join(ROOT, 'node_modules/.cache/crystalyse-docs');

/** The project's own packages, as tsconfig.json maps them (esbuild ignores tsconfig under node_modules). */
function projectPackages(): Plugin {
  const paths = (JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } }).compilerOptions.paths;
  return {
    name: 'project-packages',
    setup(on) {
      on.onResolve({ filter: /^@crystalyse\// }, (args) => (paths[args.path] ? { path: join(ROOT, paths[args.path]![0]!) } : undefined));
    },
  };
}

const runnableBlocks = (page: string): string[] =>
  [...readFileSync(join(ROOT, page), 'utf8').matchAll(/^```ts run\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);

async function runBlock(name: string, code: string, env: Record<string, string>): Promise<string> {
  mkdirSync(WORK, { recursive: true });
  const source = join(WORK, `${name}.ts`);
  const bundle = join(WORK, `${name}.mjs`);
  writeFileSync(source, code);
  await build({ entryPoints: [source], outfile: bundle, bundle: true, platform: 'node', format: 'esm', packages: 'external', plugins: [projectPackages()], logLevel: 'silent' });
  const { stdout } = await promisify(execFile)(process.execPath, [bundle], { cwd: ROOT, timeout: 60_000, env: { PATH: process.env.PATH ?? '', ...env } });
  return stdout;
}

describe('docs/integrations: MCP and OpenAI Agents examples', () => {
  let t: TestApp;
  let model: FakeModelServer;
  let env: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    model = await startFakeModelServer();
    env = {
      CRYSTALYSE_URL: `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`,
      CRYSTALYSE_KEY: t.ownerKey,
      OPENAI_BASE_URL: model.baseURL,
      OPENAI_API_KEY: 'fake-key',
      OPENAI_AGENTS_DISABLE_TRACING: '1',
    };
  });
  afterAll(async () => {
    await model.close();
    await t.close();
  });

  it('each page has one example to run', () => {
    expect(runnableBlocks('docs/integrations/mcp.md')).toHaveLength(1);
    expect(runnableBlocks('docs/integrations/openai-agents.md')).toHaveLength(1);
  });

  it('mcp.md: the MCP client example runs as shown', async () => {
    const stdout = await runBlock('mcp-1', runnableBlocks('docs/integrations/mcp.md')[0]!, env);
    expect(stdout.split('\n')).toEqual(['14 tools', 'history: 1 turn(s), first: Analyse LiFePO4', 'at revision 0: 0 turn(s)', '']);
    const sessions = (await t.request('GET', '/v1/sessions')).body.items as Array<{ name: string }>;
    expect(sessions.map((s) => s.name)).toContain('cathode screening');
  }, 90_000);

  it('openai-agents.md: the agent example runs as shown, its memory in the session', async () => {
    const before = model.requests.length;
    const stdout = await runBlock('openai-agents-1', runnableBlocks('docs/integrations/openai-agents.md')[0]!, env);
    expect(stdout.split('\n')).toEqual([
      'You have asked me 1 question(s); the latest: Which olivine cathode is most stable?',
      'You have asked me 2 question(s); the latest: And what limits its rate capability?',
      '4 items',
      '0 items after clear',
      '',
    ]);
    expect(model.requests.length).toBe(before + 2);
    const session = ((await t.request('GET', '/v1/sessions?project=cathode_materials_discovery')).body.items as Array<{ id: string }>)[0]!;
    const items = await t.request('GET', `/v1/sessions/${session.id}/agent-items`);
    expect(items.body).toMatchObject({ total: 0, revision: 3 });
  }, 90_000);
});
