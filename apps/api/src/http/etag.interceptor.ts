// ETags, once for every route (docs/caching-and-recovery.md):
// - A change (POST, PUT, PATCH, DELETE) whose answer carries a session `revision` sends it as the
//   ETag ("12"), so a client can send it back in `If-Match` on its next change.
// - A read (GET) sends a validator of the representation it answers: the session revision the
//   body names (when it names one) and a digest of the request path and the body,
//   `"12-<digest>"`. `If-None-Match` with that tag answers 304 without a body. The digest is taken
//   of what this very request would send, after the read waited for `X-Min-Position`, so a 304
//   can never hide a newer revision, nor anything else that changed (a member, a read model).
//   `If-Match` accepts the revision before the dash (request-context.ts), so a tag read from a
//   GET still says which revision a change is based on.
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { SSE_METADATA } from '@nestjs/common/constants.js';
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';

/** `"<revision>-<digest>"`, or `"<digest>"` when the body names no session revision. */
export function representationTag(url: string, body: unknown): string | undefined {
  return representation(url, body)?.tag;
}

/** The body as it is sent (JSON) and its tag: serialised once, for the digest and for the reply. */
export function representation(url: string, body: unknown): { tag: string; json: string } | undefined {
  let json: string | undefined;
  try {
    json = JSON.stringify(body);
  } catch {
    return undefined;
  }
  if (json === undefined) return undefined;
  const digest = createHash('sha256').update(url).update('\n').update(json).digest('base64url').slice(0, 22);
  const revision = (body as { revision?: unknown } | null)?.revision;
  const tag = typeof revision === 'number' && Number.isSafeInteger(revision) && revision >= 0 ? `"${revision}-${digest}"` : `"${digest}"`;
  return { tag, json };
}

/** RFC 9110 §13.1.2: If-None-Match compares weakly; `*` matches any current representation. */
export function noneMatch(header: string | string[] | undefined, tag: string): boolean {
  if (header === undefined) return false;
  const value = Array.isArray(header) ? header.join(',') : header;
  const bare = tag.replace(/^W\//, '');
  return value.split(',').some((candidate) => {
    const trimmed = candidate.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === bare;
  });
}

@Injectable()
export class EtagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const streamed = Reflect.getMetadata(SSE_METADATA, context.getHandler()) === true;
    if (request.method !== 'GET' || streamed) {
      return next.handle().pipe(
        map((body: unknown) => {
          const revision = (body as { revision?: unknown } | null)?.revision;
          if (!streamed && !reply.sent && (typeof revision === 'number' || typeof revision === 'string')) reply.header('ETag', `"${revision}"`);
          return body;
        }),
      );
    }
    return next.handle().pipe(
      map((body: unknown) => {
        if (reply.sent || body === undefined || body === null || typeof body !== 'object' || Buffer.isBuffer(body) || typeof (body as { pipe?: unknown }).pipe === 'function') {
          return body;
        }
        const sent = representation(request.url, body);
        if (sent === undefined) return body;
        const { tag, json } = sent;
        reply.header('ETag', tag);
        // Any cache must ask again before each use (no-cache), and only the caller's own (private).
        reply.header('Cache-Control', 'private, no-cache');
        reply.header('Vary', 'Authorization');
        if (noneMatch(request.headers['if-none-match'], tag)) {
          reply.status(304);
          return undefined;
        }
        // The JSON the tag was computed from is what is sent: the body is not serialised twice.
        reply.header('content-type', 'application/json; charset=utf-8');
        return json;
      }),
    );
  }
}
