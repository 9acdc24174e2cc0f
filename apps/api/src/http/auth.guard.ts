// Every request is authenticated with `Authorization: Bearer <key>` unless its route is
// marked @Public() (health, docs, share-link reads).
import { CanActivate, ExecutionContext, Injectable, SetMetadata, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IdentityService } from '../identity/identity.service.js';
import type { AuthedRequest } from './request-context.js';

const PUBLIC = 'crystalyse:public';
export const Public = () => SetMetadata(PUBLIC, true);

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly identity: IdentityService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    // GraphQL authenticates once per request (or WebSocket connection) before its context is
    // built (apps/api/src/graphql/graphql-auth.ts): a resolver only checks that it did.
    if (context.getType<string>() === 'graphql') {
      if (!(context.getArgByIndex(2) as { user?: unknown } | undefined)?.user) throw new UnauthorizedException('missing Authorization: Bearer <api key>');
      return true;
    }
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new UnauthorizedException('missing Authorization: Bearer <api key>');
    const user = await this.identity.authenticate(match[1]!);
    if (!user) throw new UnauthorizedException('unknown or revoked API key');
    request.user = user;
    request.actor = { userId: user.userId, via: 'api' };
    return true;
  }
}
