// Builds the Nest application on Fastify; used by main.ts and by the e2e tests, so the tests
// exercise exactly what `npm start` runs.
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { LogLevel } from '@nestjs/common';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/app-config.js';
import { errorBody } from './http/error-body.js';

export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: config.bodyLimitBytes });
  const logger: LogLevel[] = config.quiet ? ['error', 'warn'] : ['log', 'error', 'warn'];
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, { logger });
  app.enableShutdownHooks();
  app.setGlobalPrefix('v1', { exclude: ['health', 'docs', 'docs/(.*)'] });

  // Fastify rejects oversized bodies before Nest sees them: give that answer our error shape.
  app.getHttpAdapter().getInstance().setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    const status = error.statusCode ?? 500;
    const code = status === 413 ? 'payload_too_large' : status < 500 ? 'bad_request' : 'internal';
    void reply.status(status).send(errorBody(code, status < 500 ? error.message : 'internal error'));
  });

  const openApi = new DocumentBuilder()
    .setTitle('Crystalyse Sessions')
    .setDescription('Event-sourced research sessions of an AI materials-design agent')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openApi));
  return app;
}
