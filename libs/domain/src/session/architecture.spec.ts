// The shape of the session domain, checked on its imports: one folder per capability (a slice)
// beside a small core. The rules, on every file under session/ (specs included), type-only
// imports included:
//   (a) a file of slice X imports another slice Y only through Y's index.ts; the core's files it
//       may import directly (they are the state's shape, shared checks and the routing);
//   (b) no import cycle between files;
//   (c) the core imports slices only through their index.ts;
//   (d) every slice has an index.ts, and files outside session/ reach a slice only through it.
// Since the core's routing imports every slice it decides with, (b) is also what keeps such a
// slice from importing the routing (the composed decide and fold): what needs them lives in a
// slice the core does not import (time-travel, concurrency, export) or takes them as a parameter.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const SESSION = path.dirname(fileURLToPath(import.meta.url));
const DOMAIN = path.dirname(SESSION);
const CORE = 'core';

interface Edge {
  /** Both relative to session/, with forward slashes; `from` may lie outside (`../template/x.ts`). */
  from: string;
  to: string;
}

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f));
}

/** Every relative import of the files given that lands in session/, as an edge between files relative to session/. */
function importsOf(files: readonly string[]): Edge[] {
  const rel = (file: string) => path.relative(SESSION, file).split(path.sep).join('/');
  return files.flatMap((file) =>
    ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true).importedFiles
      .map((imported) => imported.fileName)
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => ({ from: rel(file), to: rel(path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts'))) }))
      .filter((edge) => !edge.to.startsWith('..')),
  );
}

const sliceOf = (file: string): string | null => (file.includes('/') && !file.startsWith('..') ? file.split('/')[0]! : null);
const isIndex = (file: string) => /^[^/]+\/index\.ts$/.test(file);

/** Rules (a), (c) and the second half of (d): a slice entered anywhere but through its index. */
function deepImports(edges: readonly Edge[]): Edge[] {
  return edges.filter(({ from, to }) => {
    const target = sliceOf(to);
    if (target === null || target === sliceOf(from) || isIndex(to)) return false;
    // Slices, and the rest of the library, may use the core's files directly.
    return target !== CORE;
  });
}

/** Rule (b): the files of every import cycle (strongly connected components of more than one file, or a file importing itself). */
function cycles(edges: readonly Edge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) next.set(from, [...(next.get(from) ?? []), to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  // Tarjan's algorithm, iterative: the graph is small, but a recursion depth bound is a needless limit.
  for (const root of next.keys()) {
    if (index.has(root)) continue;
    const work: Array<{ node: string; i: number }> = [{ node: root, i: 0 }];
    index.set(root, index.size);
    low.set(root, index.get(root)!);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const top = work.at(-1)!;
      const targets = next.get(top.node) ?? [];
      if (top.i < targets.length) {
        const to = targets[top.i++]!;
        if (!index.has(to)) {
          index.set(to, index.size);
          low.set(to, index.get(to)!);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, i: 0 });
        } else if (onStack.has(to)) {
          low.set(top.node, Math.min(low.get(top.node)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      const parent = work.at(-1);
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(top.node)!));
      if (low.get(top.node) === index.get(top.node)) {
        const component: string[] = [];
        let node: string;
        do {
          node = stack.pop()!;
          onStack.delete(node);
          component.push(node);
        } while (node !== top.node);
        if (component.length > 1 || targets.includes(top.node)) found.push(component.sort());
      }
    }
  }
  return found;
}

const show = (edges: readonly Edge[]) => edges.map(({ from, to }) => `${from} -> ${to}`);

describe('session architecture', () => {
  const inside = importsOf(tsFiles(SESSION));
  const outside = importsOf(tsFiles(DOMAIN).filter((file) => !file.startsWith(SESSION + path.sep)));
  const slices = fs.readdirSync(SESSION, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

  it('reads the imports it checks (a parser that saw none would pass every rule)', () => {
    expect(slices).toEqual(expect.arrayContaining([CORE, 'lifecycle', 'discoveries', 'branches', 'export']));
    expect(inside.length).toBeGreaterThan(300);
    expect(inside).toContainEqual({ from: 'core/slices.ts', to: 'discoveries/index.ts' });
    expect(inside).toContainEqual({ from: 'lifecycle/index.ts', to: 'lifecycle/commands.ts' });
    expect(inside).toContainEqual({ from: 'lifecycle/index.ts', to: 'lifecycle/events.ts' });
    expect(outside).toContainEqual({ from: '../index.ts', to: 'core/index.ts' });
  });

  it('(a, c) enters a slice only through its index.ts, from another slice or from the core', () => {
    expect(show(deepImports(inside))).toEqual([]);
  });

  it('(b) has no import cycle, type-only imports included', () => {
    expect(cycles(inside)).toEqual([]);
  });

  it('(d) gives every slice an index.ts, the only way in from the rest of the library', () => {
    expect(slices.filter((slice) => !fs.existsSync(path.join(SESSION, slice, 'index.ts')))).toEqual([]);
    expect(show(deepImports(outside))).toEqual([]);
  });

  describe('fails when', () => {
    it('a slice reaches into another slice\'s file', () => {
      expect(show(deepImports([{ from: 'queries/decide.ts', to: 'discoveries/decide.ts' }]))).toEqual(['queries/decide.ts -> discoveries/decide.ts']);
    });

    it('the core reaches into a slice\'s file', () => {
      expect(show(deepImports([{ from: 'core/slices.ts', to: 'discoveries/slice.ts' }]))).toEqual(['core/slices.ts -> discoveries/slice.ts']);
    });

    it('the rest of the library reaches into a slice\'s file', () => {
      expect(show(deepImports([{ from: '../template/template.decider.ts', to: 'lifecycle/decide.ts' }]))).toEqual(['../template/template.decider.ts -> lifecycle/decide.ts']);
    });

    it('a slice the core decides with imports the core\'s routing', () => {
      const edges = [...inside, { from: 'discoveries/decide.ts', to: 'core/decide.ts' }];
      expect(cycles(edges).some((c) => c.includes('discoveries/decide.ts') && c.includes('core/decide.ts'))).toBe(true);
    });

    it('two files import each other, or a file itself', () => {
      expect(cycles([{ from: 'a/x.ts', to: 'b/index.ts' }, { from: 'b/index.ts', to: 'a/index.ts' }, { from: 'a/index.ts', to: 'a/x.ts' }])).toEqual([['a/index.ts', 'a/x.ts', 'b/index.ts']]);
      expect(cycles([{ from: 'a/x.ts', to: 'a/x.ts' }])).toEqual([['a/x.ts']]);
    });
  });

  it('allows what the rules allow: the core\'s own files, a slice\'s own files, another slice\'s index', () => {
    const allowed = [
      { from: 'discoveries/decide.ts', to: 'core/state.ts' },
      { from: 'discoveries/decide.ts', to: 'discoveries/events.ts' },
      { from: 'queries/decide.ts', to: 'discoveries/index.ts' },
      { from: '../testing/session.fixtures.ts', to: 'core/index.ts' },
    ];
    expect(deepImports(allowed)).toEqual([]);
  });
});
