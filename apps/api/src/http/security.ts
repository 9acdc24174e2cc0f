// Hardening at the Fastify level, registered before any route (see create-app.ts):
// - rate limiting per API key (per client IP for requests without one) with @fastify/rate-limit:
//   429 in the API's error shape with Retry-After; the key is bucketed by a hash of the bearer
//   token, never the token itself; CRYSTALYSE_RATE_LIMIT_PER_MINUTE (default 1,000; 0 is off);
// - security headers with helmet (a CSP that lets the /docs UI run, HSTS, nosniff,
//   frame-ancestors none, no referrer, ...), its middleware built once: @fastify/helmet builds it
//   again on every request (parsing the CSP each time), which cost 5% of a GET's CPU;
// - CORS only for the origins CRYSTALYSE_CORS_ORIGINS lists: with none, no CORS header is ever
//   sent and browsers on other origins cannot read any answer.
// Fastify's rate limiter runs in onRequest, before Nest: `@nestjs/throttler` cannot load under
// Jest's ESM mode here (STACK-NOTES), and a limiter before authentication also spares the key
// lookup for a flood.
import { createHash } from 'node:crypto';
import cors from '@fastify/cors';
import helmet from 'helmet';
import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/app-config.js';
import { DomainError } from '@crystalyse/domain';

/** What the limiter throws: the API's one error filter answers it (429, in the error shape). */
export class RateLimited extends DomainError {
  readonly code = 'too_many_requests';
  override readonly recoverable = true;
  readonly statusCode = 429;
}

/** The bucket a request counts against: its API key (hashed), or its IP without one. */
export function rateLimitKey(request: FastifyRequest): string {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (match) return `key:${createHash('sha256').update(match[1]!).digest('hex').slice(0, 32)}`;
  return `ip:${request.ip}`;
}

export const CORS_HEADERS = {
  allowed: ['authorization', 'content-type', 'if-match', 'if-none-match', 'idempotency-key', 'x-correlation-id', 'x-min-position', 'last-event-id', 'accept'],
  exposed: ['etag', 'retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'location'],
};

export async function applySecurity(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // The OpenAPI UI at /docs runs an inline script and style of its own.
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        // The API is often reached over plain HTTP on a host's own network: helmet's default
        // would have browsers rewrite /docs' assets to https and fail.
        upgradeInsecureRequests: null,
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
  });
  // On every answer, errors and 404s included (onRequest runs before routing's outcome).
  fastify.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined)));
  if (config.corsOrigins.length > 0) {
    await fastify.register(cors, {
      origin: config.corsOrigins,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: CORS_HEADERS.allowed,
      exposedHeaders: CORS_HEADERS.exposed,
      maxAge: 600,
    });
  }
  if (config.rateLimitPerMinute > 0) {
    await fastify.register(rateLimit, {
      global: true,
      max: config.rateLimitPerMinute,
      timeWindow: 60_000,
      keyGenerator: rateLimitKey,
      // Health checks of orchestrators are not throttled.
      allowList: (request) => request.url === '/health',
      errorResponseBuilder: (_request, context) =>
        new RateLimited(`rate limit of ${context.max} requests per minute reached: retry in ${Math.ceil(context.ttl / 1000)} s`) as unknown as Record<string, unknown>,
    });
  }
}
