// The one place REST decides who may do what to a session. A route says which operation it
// performs (@Requires); this guard looks the permission up in the domain's table
// (OPERATIONS in core/permissions.ts) and checks it on the session's governance now, before
// the body is validated and before anything else is looked up: whoever may not read the session
// gets the 404 an unknown session gets, a reader without the permission gets 403. Decide checks
// each command against the same table again, so no way in can skip it.
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { assertMay, OPERATIONS } from '@crystalyse/domain';
import { Clock } from '../infrastructure/clock.js';
import type { AuthedRequest } from '../http/request-context.js';
import { SessionEvents } from '../sessions/session-events.service.js';
import { REQUIRES, type Requirement } from './requires.js';

@Injectable()
export class SessionAccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionEvents,
    private readonly clock: Clock,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const requirement = this.reflector.get<Requirement | undefined>(REQUIRES, context.getHandler());
    if (!requirement) return true;
    const request = context.switchToHttp().getRequest<AuthedRequest & { params?: Record<string, string>; body?: unknown }>();
    // Authentication runs first (AuthGuard); a route that needs a permission is never public.
    if (!request.user) return false;
    const sessionId = sessionIdOf(request, requirement);
    // A body without the field is for validation to refuse; there is no session to check yet.
    if (sessionId === undefined) return true;
    await authorise(this.sessions, sessionId, request.user.userId, requirement, this.clock.now());
    return true;
  }
}

function sessionIdOf(request: { params?: Record<string, string>; body?: unknown }, requirement: Requirement): string | undefined {
  if (!requirement.sessionFrom) return request.params?.id;
  const body = request.body;
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[requirement.sessionFrom.body] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** Checks an operation on a session for an actor (a user, or `link:<id>`): for REST, SSE, GraphQL alike. */
export async function authorise(sessions: SessionEvents, sessionId: string, actorId: string, requirement: Pick<Requirement, 'operation'>, now: string): Promise<void> {
  const { state } = await sessions.sessionNow(sessionId);
  assertMay(state, sessionId, actorId, OPERATIONS[requirement.operation].permission, now);
}
