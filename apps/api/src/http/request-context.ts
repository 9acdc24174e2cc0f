// Everything a command needs from the HTTP request: who, which request chain, which
// idempotency key, and which revision the caller based its change on.
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor, Channel, CommandContext, ExpectedRevision } from '@crystalyse/event-store';
import { ValidationError } from '@crystalyse/domain';
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

export interface AuthenticatedUser {
  userId: string;
  name: string;
  role: 'owner' | 'admin' | 'member';
  keyId: string;
}

export type AuthedRequest = FastifyRequest & { user?: AuthenticatedUser; actor?: Actor };

export interface RequestContext {
  user: AuthenticatedUser;
  actor: Actor;
  correlationId: string;
  commandId?: string;
  /** From `If-Match`: the revision the caller's change is based on. */
  basedOnRevision?: bigint;
}

// A revision ("12"), or the tag of a read ("12-<digest>", etag.interceptor.ts): its revision counts.
const IF_MATCH = /^(?:W\/)?"?(\d+)(?:-[\w-]+)?"?$/;

export function parseIfMatch(header: string | undefined): bigint | undefined {
  if (header === undefined || header === '' || header === '*') return undefined;
  const match = IF_MATCH.exec(header.trim());
  if (!match) throw new ValidationError('If-Match', 'If-Match must be a session revision, e.g. "12"');
  return BigInt(match[1]!);
}

/**
 * The channel a client may name for its requests: the MCP server makes its REST calls with
 * `X-Crystalyse-Channel: mcp` (mcp/rest-client.ts), so what its tools write says so. It is the
 * client's own word, like a user agent: the key still says who acts and what they may do, and
 * the service's channels (share-link, system, batch, scheduler) cannot be named.
 */
export const CHANNEL_HEADER = 'x-crystalyse-channel';
const CLIENT_CHANNELS: readonly Channel[] = ['api', 'mcp'];

function clientChannel(header: string | undefined): Channel {
  if (header === undefined) return 'api';
  const channel = CLIENT_CHANNELS.find((c) => c === header.trim().toLowerCase());
  if (!channel) throw new ValidationError('X-Crystalyse-Channel', `X-Crystalyse-Channel must be one of ${CLIENT_CHANNELS.join(', ')}`);
  return channel;
}

// Built after the guards (the @Ctx parameter), so a bad header is refused only once the caller
// is authenticated and allowed: authorisation comes first.
export function requestContext(request: AuthedRequest): RequestContext {
  if (!request.user || !request.actor) throw new Error('requestContext used on an unauthenticated route');
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const idempotencyKey = header('idempotency-key');
  if (idempotencyKey !== undefined && !/^[\w.:-]{1,200}$/.test(idempotencyKey)) {
    throw new ValidationError('Idempotency-Key', 'Idempotency-Key must be 1 to 200 letters, digits or ._:-');
  }
  return {
    user: request.user,
    actor: { ...request.actor, via: clientChannel(header(CHANNEL_HEADER)) },
    correlationId: header('x-correlation-id') ?? randomUUID(),
    // Keys are the caller's own: another user sending the same key never matches (nor sees) it.
    commandId: idempotencyKey === undefined ? undefined : `${request.user.userId}:${idempotencyKey}`,
    basedOnRevision: parseIfMatch(header('if-match')),
  };
}

/** `@Ctx() ctx: RequestContext` in a controller method. */
export const Ctx = createParamDecorator((_data: unknown, execution: ExecutionContext) =>
  requestContext(execution.switchToHttp().getRequest<AuthedRequest>()),
);

export function commandContext(ctx: RequestContext, occurredAt: string): CommandContext {
  return { actor: ctx.actor, occurredAt, correlationId: ctx.correlationId, commandId: ctx.commandId };
}

export type { ExpectedRevision };
