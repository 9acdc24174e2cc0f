// The real application listening on a free local port, for tests that go through the SDK and a
// real socket (not Fastify's inject): the same createApp as `npm start`, on a temporary data dir.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFromEnv, type AppConfig } from '../../apps/api/src/config/app-config.js';
import { createApp } from '../../apps/api/src/create-app.js';
import { OwnerBootstrap } from '../../apps/api/src/identity/owner-bootstrap.service.js';

export interface LiveApi {
  /** The app itself, for a test that drives its scheduler or injects its clock. */
  app: NestFastifyApplication;
  baseUrl: string;
  ownerKey: string;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * The configuration comes from an empty environment, never the real one: no OPENAI_API_KEY, so
 * the offline analyst answers. `overrides` replace parts of it (e.g. an analyst that fails).
 */
export async function startLiveApi(overrides: Partial<AppConfig> = {}): Promise<LiveApi> {
  const dataDir = mkdtempSync(join(tmpdir(), 'crystalyse-acceptance-'));
  // Rate limiting off unless a test sets a limit: suites send bursts far over the default.
  const config: AppConfig = { ...configFromEnv({}), rateLimitPerMinute: 0, ...overrides, dataDir, host: '127.0.0.1', port: 0, quiet: true };
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const ownerKey = await app.get(OwnerBootstrap).ensureOwner(() => undefined);
  if (!ownerKey) throw new Error('expected a fresh data directory to bootstrap the owner');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    ownerKey,
    dataDir,
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
