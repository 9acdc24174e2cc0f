// The web dashboard at `/`: the files `npm run build:web` bundles into dist/web, served as they
// are. The page holds no secret: it asks for an API key and calls the same /v1 API as any client.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

// Everything the page loads comes from this origin; nothing is fetched from elsewhere.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
  "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'none'",
].join('; ');

/** dist/web of the checkout, found from this file whether it runs from source (tests) or from dist. */
export function dashboardDir(from = dirname(fileURLToPath(import.meta.url))): string | undefined {
  if (process.env.CRYSTALYSE_WEB_DIR) return resolve(process.env.CRYSTALYSE_WEB_DIR);
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'dist', 'web');
    if (dirname(dir) === dir) return undefined;
  }
}

export async function serveDashboard(app: NestFastifyApplication, dir = dashboardDir()): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  if (!dir || !existsSync(join(dir, 'index.html'))) {
    // The API works without the dashboard; `/` says how to get it rather than a bare 404.
    fastify.get('/', async (_request, reply) =>
      reply.status(503).type('text/plain; charset=utf-8').send('The web dashboard is not built: run `npm run build:web` (or `npm run build`) and restart.\n'));
    return;
  }
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    // One route per file found now (/, /app.js, ...): `/v1`, `/docs` and `/health` stay the API's.
    wildcard: false,
    decorateReply: false,
    index: 'index.html',
    setHeaders: (reply) => {
      reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('referrer-policy', 'no-referrer');
      reply.header('cache-control', 'no-cache');
    },
  });
}
