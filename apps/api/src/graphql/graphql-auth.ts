// Who is asking, for GraphQL. HTTP: `Authorization: Bearer <key>` on POST/GET /graphql, checked
// before mercurius parses anything (401 with the REST error body otherwise). WebSocket (browsers
// cannot set headers on it): the key in the connection_init payload, as `{ authorization:
// "Bearer <key>" }` or `{ headers: { authorization } }`; a connection without a valid one is refused.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from '../http/error-body.js';
import type { AuthenticatedUser, AuthedRequest } from '../http/request-context.js';
import type { IdentityService } from '../identity/identity.service.js';

const BEARER = /^Bearer\s+(\S+)$/i;

export async function userFromHeader(identity: IdentityService, header: unknown): Promise<AuthenticatedUser | null> {
  const match = typeof header === 'string' ? BEARER.exec(header) : null;
  return match ? identity.authenticate(match[1]!) : null;
}

/** A Fastify preHandler for the GraphQL routes. A WebSocket upgrade authenticates in connection_init. */
export function graphqlPreHandler(identity: IdentityService) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (String(request.headers.upgrade ?? '').toLowerCase() === 'websocket') return;
    const header = request.headers.authorization;
    const user = await userFromHeader(identity, header);
    if (!user) {
      await reply.code(401).send(errorBody('unauthorized', header ? 'unknown or revoked API key' : 'missing Authorization: Bearer <api key>'));
      return reply;
    }
    (request as AuthedRequest).user = user;
    (request as AuthedRequest).actor = { userId: user.userId, via: 'api' };
  };
}

/** The subscription's onConnect: false refuses the connection; an object joins the context. */
export function graphqlOnConnect(identity: IdentityService) {
  return async ({ payload }: { payload: unknown }) => {
    const p = (payload ?? {}) as { authorization?: unknown; Authorization?: unknown; headers?: { authorization?: unknown; Authorization?: unknown } };
    const header = p.authorization ?? p.Authorization ?? p.headers?.authorization ?? p.headers?.Authorization;
    const user = await userFromHeader(identity, header);
    return user ? { user } : false;
  };
}
