// The CLI as users run it: the compiled `dist/apps/cli/src/main.js`, started as a child process.
// ensureBuilt() runs `npm run build` when dist is missing or older than the sources (once across
// parallel Jest workers: a lock directory serialises it).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CLI = join(ROOT, 'dist/apps/cli/src/main.js');
const LOCK = join(ROOT, 'dist/.build-lock');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(path));
    else if (entry.name.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(entry.name)) latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
}

function isFresh(): boolean {
  return existsSync(CLI) && statSync(CLI).mtimeMs >= Math.max(newest(join(ROOT, 'apps')), newest(join(ROOT, 'libs')));
}

export async function ensureBuilt(): Promise<void> {
  // Fresh and nobody building: a build in progress writes main.js before tsc-alias resolves its
  // imports, so a fresh-looking dist is trusted only without the lock.
  if (isFresh() && !existsSync(LOCK)) return;
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // Another worker builds: wait for its lock to go (or to go stale after 5 minutes).
      if (Date.now() - statSync(LOCK, { throwIfNoEntry: false })!.mtimeMs > 300_000) rmSync(LOCK, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 500));
      if (!existsSync(LOCK) && isFresh()) return;
    }
  }
  try {
    if (isFresh()) return;
    const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `crystalyse <args>`; the environment is only what `env` says (plus PATH and HOME). */
export function runCli(args: string[], options: { env?: NodeJS.ProcessEnv; input?: string; cwd?: string } = {}): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** `script` from util-linux, to run a command under a pseudo-terminal; undefined when absent. */
export function scriptCommand(): string | undefined {
  const found = spawnSync('script', ['--version'], { encoding: 'utf8' });
  return found.status === 0 && /util-linux/.test(found.stdout + found.stderr) ? 'script' : undefined;
}

export interface Terminal {
  /** Everything printed so far (with escape sequences). */
  output(): string;
  /** Resolves when the output without escape sequences (from `from` on) matches; rejects when the process ends first. */
  waitFor(pattern: RegExp, from?: number): Promise<number>;
  type(keys: string): void;
  kill(): void;
  exited: Promise<number>;
}

/** `crystalyse <args>` under a pseudo-terminal (script -qefc), driven by keystrokes. */
export function runInTerminal(args: string[], env: NodeJS.ProcessEnv): Terminal {
  const command = [process.execPath, CLI, ...args].map((part) => `'${part.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = spawn('script', ['-qefc', command, '/dev/null'], { cwd: ROOT, env: { PATH: process.env.PATH, TERM: 'xterm', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let text = '';
  const waiters = new Set<() => void>();
  let ended = false;
  child.stdout.on('data', (chunk: Buffer) => {
    text += chunk.toString();
    for (const wake of waiters) wake();
  });
  const exited = new Promise<number>((resolvePromise) => child.on('close', (code) => {
    ended = true;
    for (const wake of waiters) wake();
    resolvePromise(code ?? -1);
  }));
  return {
    output: () => text,
    waitFor(pattern, from = 0) {
      return new Promise((resolvePromise, reject) => {
        const check = () => {
          const match = pattern.exec(plain(text).slice(from));
          if (match) {
            waiters.delete(check);
            resolvePromise(from + match.index + match[0].length);
          } else if (ended) {
            waiters.delete(check);
            reject(new Error(`the terminal ended without ${pattern}:\n${text}`));
          }
        };
        waiters.add(check);
        check();
      });
    },
    type: (keys) => child.stdin.write(keys),
    kill: () => child.kill(),
    exited,
  };
}

/** Text without terminal escape sequences (colours, cursor moves). */
export function plain(text: string): string {
  return text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
}
