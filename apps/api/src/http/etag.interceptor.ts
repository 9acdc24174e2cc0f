// Every response that carries a session `revision` also carries it as the ETag, so a client
// can send it back in `If-Match` on its next change.
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { map, type Observable } from 'rxjs';

@Injectable()
export class EtagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    return next.handle().pipe(
      map((body: unknown) => {
        const revision = (body as { revision?: unknown } | null)?.revision;
        if (typeof revision === 'number' || typeof revision === 'string') {
          context.switchToHttp().getResponse<FastifyReply>().header('ETag', `"${revision}"`);
        }
        return body;
      }),
    );
  }
}
