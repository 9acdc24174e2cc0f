// Boots the real application (the same createApp as `npm start`) on a fresh temporary data
// directory, and gives tests an HTTP client through Fastify's inject: no port needed.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { configFromEnv, type AppConfig } from '../../apps/api/src/config/app-config.js';
import { createApp } from '../../apps/api/src/create-app.js';
import type { AgentModuleOptions } from '../../apps/api/src/agent/agent.module.js';
import { OwnerBootstrap } from '../../apps/api/src/identity/owner-bootstrap.service.js';

export interface TestResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  ownerKey: string;
  request(method: string, url: string, options?: { key?: string | null; body?: unknown; headers?: Record<string, string>; raw?: string }): Promise<TestResponse>;
  /** Stops this app (its data stays) and starts a new one on the same data directory, as `npm start` again would. */
  restart(): Promise<TestApp>;
  close(): Promise<void>;
}

export async function startTestApp(overrides: Partial<AppConfig> = {}, agent: AgentModuleOptions = {}): Promise<TestApp> {
  const dataDir = overrides.dataDir ?? mkdtempSync(join(tmpdir(), 'crystalyse-e2e-'));
  // Tests send bursts far over the default rate limit: it is off unless a test sets one.
  const config: AppConfig = { ...configFromEnv({}), quiet: true, rateLimitPerMinute: 0, ...overrides, dataDir };
  const app = await createApp(config, agent);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  // On a restart the owner exists already: its key is the one saved on the first start.
  const ownerKey = (await app.get(OwnerBootstrap).ensureOwner(() => undefined)) ?? readFileSync(join(dataDir, 'owner.key'), 'utf8').trim();
  const fastify = app.getHttpAdapter().getInstance();

  return {
    app,
    config,
    ownerKey,
    async request(method, url, options = {}) {
      const headers: Record<string, string> = { ...(options.headers ?? {}) };
      const key = options.key === undefined ? ownerKey : options.key;
      if (key) headers.authorization = `Bearer ${key}`;
      let payload: string | undefined = options.raw;
      if (options.body !== undefined) {
        payload = JSON.stringify(options.body);
        headers['content-type'] = 'application/json';
      }
      const response = await fastify.inject({ method: method as 'GET', url, headers, payload });
      const text = response.body;
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: response.statusCode, headers: response.headers as TestResponse["headers"], body };
    },
    async restart() {
      await app.close();
      return startTestApp({ ...overrides, dataDir }, agent);
    },
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
