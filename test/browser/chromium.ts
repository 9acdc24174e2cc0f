// Finds and launches Debian's Chromium for the browser tests (see STACK-NOTES: playwright's own
// browser downloads cannot run here). Without Chromium the tests skip and say why.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export function chromiumPath(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const path = execFileSync('which', [name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      if (path) return path;
    } catch {
      // not on PATH under this name
    }
  }
  return undefined;
}

export function launchChromium(executablePath: string): Promise<Browser> {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      ...(root ? ['--no-sandbox'] : []),
      '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}
