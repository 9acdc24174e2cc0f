// The service in-process, without a port: the same createApp as `npm start` (every route, guard,
// validation pipe and error mapping), answered through Fastify's inject (light-my-request). The
// SDK's embedded mode and the CLI's --data-dir use it, so an embedded call is exactly a remote one
// minus the socket.
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PendingQueriesRecovery } from '../agent/pending-queries.recovery.js';
import { configFromEnv, type AppConfig } from '../config/app-config.js';
import { createApp } from '../create-app.js';
import { OwnerBootstrap } from '../identity/owner-bootstrap.service.js';

class StderrLogger extends ConsoleLogger {
  constructor() {
    super('Crystalyse', { logLevels: ['error', 'warn'] });
  }

  protected override printMessages(messages: unknown[], context?: string, logLevel?: LogLevel): void {
    super.printMessages(messages, context, logLevel, 'stderr');
  }
}

export interface EmbeddedHostOptions {
  dataDir: string;
  /** Where the rest of the configuration comes from (OPENAI_API_KEY...); process.env by default. */
  env?: NodeJS.ProcessEnv;
  /** Replaces parts of the configuration read from `env`. */
  config?: Partial<AppConfig>;
}

export interface EmbeddedHost {
  app: NestFastifyApplication;
  /** The owner's API key (made on the first start in a data directory, read from owner.key after). */
  ownerKey: string;
  /** A fetch over the app: the URL's host is ignored, its path and query are routed. */
  fetch(url: string | URL, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

// Statuses whose Response must have no body.
const NULL_BODY = new Set([101, 204, 205, 304]);

export async function startEmbeddedHost(options: EmbeddedHostOptions): Promise<EmbeddedHost> {
  const config: AppConfig = { ...configFromEnv(options.env ?? process.env), quiet: true, ...options.config, dataDir: options.dataDir };
  const app = await createApp(config);
  // In-process, stdout belongs to the host program (a CLI's --json output): warnings go to stderr.
  app.useLogger(new StderrLogger());
  await app.init();
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.ready();
  const ownerKey = (await app.get(OwnerBootstrap).ensureOwner(() => undefined)) ?? readFileSync(join(config.dataDir, 'owner.key'), 'utf8').trim();
  await app.get(PendingQueriesRecovery).recover().catch(() => undefined);

  return {
    app,
    ownerKey,
    async fetch(url, init = {}) {
      const target = new URL(String(url), 'http://embedded.invalid');
      const headers: Record<string, string> = {};
      new Headers(init.headers).forEach((value, key) => { headers[key] = value; });
      const signal = init.signal ?? undefined;
      signal?.throwIfAborted();
      const answer = await fastify.inject({
        method: (init.method ?? 'GET') as 'GET',
        url: target.pathname + target.search,
        headers,
        payload: typeof init.body === 'string' ? init.body : undefined,
        // A stream, so server-sent events arrive as they are written (a live stream never ends).
        payloadAsStream: true,
        signal,
      });
      const responseHeaders = new Headers();
      for (const [key, value] of Object.entries(answer.headers)) {
        if (value === undefined) continue;
        for (const one of Array.isArray(value) ? value : [value]) responseHeaders.append(key, String(one));
      }
      const stream = answer.stream();
      if (NULL_BODY.has(answer.statusCode)) {
        stream.resume();
        return new Response(null, { status: answer.statusCode, headers: responseHeaders });
      }
      const body = Readable.toWeb(stream) as ReadableStream<Uint8Array>;
      return new Response(body, { status: answer.statusCode, headers: responseHeaders });
    },
    async close() {
      await app.close();
    },
  };
}
