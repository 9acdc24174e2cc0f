// The LangGraph page's example is run exactly as shown: every ```ts run block of
// docs/integrations/langgraph.md is bundled with the project's path aliases and run by node.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build, type Plugin } from 'esbuild';

const ROOT = process.cwd();
const PAGE = join(ROOT, 'docs/integrations/langgraph.md');
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

function runnableBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts run\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
}

describe('docs/integrations/langgraph.md', () => {
  it('has an example to run', () => {
    expect(runnableBlocks(readFileSync(PAGE, 'utf8'))).toHaveLength(1);
  });

  it.each(runnableBlocks(readFileSync(PAGE, 'utf8')).map((code, i) => [i + 1, code]))('example %i runs as shown', async (i, code) => {
    mkdirSync(WORK, { recursive: true });
    const source = join(WORK, `langgraph-${i}.ts`);
    const bundle = join(WORK, `langgraph-${i}.mjs`);
    writeFileSync(source, code as string);
    await build({ entryPoints: [source], outfile: bundle, bundle: true, platform: 'node', format: 'esm', packages: 'external', plugins: [projectPackages()], logLevel: 'silent' });
    const { stdout } = await promisify(execFile)(process.execPath, [bundle], { cwd: ROOT, timeout: 60_000 });
    expect(stdout).toMatch(/^0 LangGraphCheckpointSaved by researcher-7$/m);
    expect(stdout).toMatch(/LangGraphBranchOpened by researcher-7/);
  }, 90_000);
});
