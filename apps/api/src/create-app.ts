// Builds the Nest application on Fastify; used by main.ts and by the e2e tests, so the tests
// exercise exactly what `npm start` runs.
import multipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { QuietStartupLogger } from './http/quiet-startup-logger.js';
import { AppModule } from './app.module.js';
import type { AgentModuleOptions } from './agent/agent.module.js';
import type { AppConfig } from './config/app-config.js';
import { errorBody } from './http/error-body.js';
import { limitJsonDepth } from './http/json-body.js';
import { applySecurity } from './http/security.js';
import { registerMcpEndpoint } from './mcp/mcp-http.js';
import { serveDashboard } from './web/dashboard.js';
import { openApiDocument } from './openapi/openapi-document.js';

export async function createApp(config: AppConfig, agent: AgentModuleOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: config.bodyLimitBytes });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, agent), adapter, { logger: new QuietStartupLogger(config.quiet), abortOnError: false });
  app.enableShutdownHooks();
  app.setGlobalPrefix('v1', { exclude: ['health'] });
  limitJsonDepth(app);
  // Rate limits, security headers and CORS (off unless origins are configured): http/security.ts.
  await applySecurity(app, config);
  // Uploads (a batch's CSV/JSON list of materials): one file, no larger than a JSON body may be.
  await app.register(multipart, { limits: { files: 1, fileSize: config.bodyLimitBytes, fields: 10 } });
  registerMcpEndpoint(app.getHttpAdapter().getInstance());

  // Oversized bodies are refused from the Content-Length header, before Fastify parses them
  // (Fastify's own bodyLimit stays as the backstop for bodies sent without a length).
  app.getHttpAdapter().getInstance().addHook('onRequest', async (request, reply) => {
    const length = Number(request.headers['content-length'] ?? 0);
    if (length > config.bodyLimitBytes) {
      await reply.status(413).send(errorBody('payload_too_large', `request body of ${length} bytes is over the limit of ${config.bodyLimitBytes} bytes`));
    }
  });

  SwaggerModule.setup('docs', app, () => openApiDocument(app));
  await serveDashboard(app);
  return app;
}
