// Every page in docs/*.md runs as written, so the docs cannot drift from the product. Its code
// blocks are extracted and run against a fresh service on embedded storage (listening on a local
// port, so curl works too):
//   ```ts / ```typescript   each block is its own ES module (TypeScript stripped by esbuild), with
//                           `@crystalyse/sdk` the built SDK; top-level await is fine.
//   ```bash / ```sh         run when they call curl or crystalyse: a page's shell blocks run as one
//                           script (`bash -euo pipefail`), in order, so variables carry over;
//                           they run before the page's TypeScript blocks.
// Every block gets CRYSTALYSE_URL and CRYSTALYSE_KEY (the owner) and a `crystalyse` on its PATH,
// and runs in a scratch directory of its page. A block right after `<!-- no-run -->` is not run
// (`npm start`, `docker compose up`, a server that does not end). New pages are picked up as added.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { transformSync } from 'esbuild';
import { startLiveApi, type LiveApi } from '../acceptance/live-api.js';
import { CLI, ensureBuilt, ROOT } from '../support/built-cli.js';

interface Block {
  lang: 'ts' | 'bash';
  code: string;
  line: number;
}

export function runnableBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const open = /^```(\w+)?/.exec(lines[i]!);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i += 1; i < lines.length && !/^```\s*$/.test(lines[i]!); i += 1) body.push(lines[i]!);
    let before = start - 1;
    while (before >= 0 && lines[before]!.trim() === '') before -= 1;
    if (before >= 0 && /<!--\s*no-run\s*-->/.test(lines[before]!)) continue;
    const lang = (open[1] ?? '').toLowerCase();
    const code = body.join('\n');
    if (lang === 'ts' || lang === 'typescript') blocks.push({ lang: 'ts', code, line: start + 1 });
    else if ((lang === 'bash' || lang === 'sh' || lang === 'shell') && /\b(curl|crystalyse)\b/.test(code)) blocks.push({ lang: 'bash', code, line: start + 1 });
  }
  return blocks;
}

const DOCS = join(ROOT, 'docs');
const pages = existsSync(DOCS) ? readdirSync(DOCS).filter((name) => name.endsWith('.md')).sort() : [];

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, output }));
  });
}

describe('docs/*.md: every example runs', () => {
  let api: LiveApi;
  let scratch: string;
  let env: NodeJS.ProcessEnv;
  const sdk = pathToFileURL(join(ROOT, 'dist/libs/sdk/src/index.js')).href;

  beforeAll(async () => {
    await ensureBuilt();
    api = await startLiveApi();
    scratch = mkdtempSync(join(tmpdir(), 'crystalyse-docs-'));
    const bin = join(scratch, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'crystalyse'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
    chmodSync(join(bin, 'crystalyse'), 0o755);
    env = { PATH: `${bin}:${process.env.PATH}`, HOME: scratch, CRYSTALYSE_URL: api.baseUrl, CRYSTALYSE_KEY: api.ownerKey };
  }, 300_000);
  afterAll(async () => {
    await api?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('finds the capability pages', () => {
    expect(pages).toEqual(expect.arrayContaining(['sessions.md', 'agent.md', 'checkpoints-and-time-travel.md', 'branches-and-merges.md', 'export-import.md', 'sdk.md', 'cli.md']));
  });

  it('skips a block marked no-run and shell blocks that call neither curl nor crystalyse', () => {
    const blocks = runnableBlocks(['<!-- no-run -->', '```bash', 'crystalyse serve', '```', '```bash', 'npm test', '```', '```ts', 'const a = 1;', '```', '```bash', 'curl -s x', '```'].join('\n'));
    expect(blocks.map((b) => [b.lang, b.code])).toEqual([['ts', 'const a = 1;'], ['bash', 'curl -s x']]);
  });

  it.each(pages)('%s', async (page) => {
    const blocks = runnableBlocks(readFileSync(join(DOCS, page), 'utf8'));
    const dir = join(scratch, page.replace(/\.md$/, ''));
    mkdirSync(dir, { recursive: true });
    const shell = blocks.filter((b) => b.lang === 'bash');
    if (shell.length > 0) {
      const script = shell.map((b) => `# ${page}:${b.line}\n${b.code}`).join('\n');
      writeFileSync(join(dir, 'examples.sh'), script);
      const result = await run('bash', ['-euo', 'pipefail', 'examples.sh'], dir, env);
      if (result.code !== 0) throw new Error(`${page}: the shell examples failed (exit ${result.code}):\n${result.output}`);
    }
    for (const block of blocks.filter((b) => b.lang === 'ts')) {
      const js = transformSync(block.code, { loader: 'ts', format: 'esm', target: 'node20' }).code.replace(/(['"])@crystalyse\/sdk\1/g, JSON.stringify(sdk));
      const file = join(dir, `block-${block.line}.mjs`);
      writeFileSync(file, js);
      const result = await run(process.execPath, [file], dir, env);
      if (result.code !== 0) throw new Error(`${page}:${block.line}: the TypeScript example failed (exit ${result.code}):\n${result.output}`);
    }
  }, 300_000);
});
