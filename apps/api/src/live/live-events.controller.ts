// Live events over SSE: GET /v1/sessions/:id/events/stream (a session and its branches) and
// GET /v1/events/stream (every session the caller may read). Each event is sent as
// `id: <global position>` and `data: <the event as GET .../events shows it, with sessionId and
// branchId>`; a client resumes with `Last-Event-ID` (or `?after=` when it cannot set headers).
// Authorisation comes first: the session's stream answers 404 to whoever may not read it, before
// any byte of the stream is sent.
import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ValidationError } from '@crystalyse/domain';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../infrastructure/tokens.js';
import type { AuthedRequest } from '../http/request-context.js';
import { LiveEventHub, type LiveEvent } from './live-event-hub.js';
import { ReadAccess } from './read-access.js';
import { Requires } from '../access/requires.js';
import { SseStream, type SseEndReason, type Verdict } from './sse-stream.js';

/** The position to resume after: Last-Event-ID wins over ?after=; null for a fresh client. */
export function resumePosition(header: string | string[] | undefined, query: string | undefined): bigint | null {
  const raw = Array.isArray(header) ? header[0] : header;
  const [value, field] = raw !== undefined && raw !== '' ? [raw, 'Last-Event-ID'] : [query, 'after'];
  if (value === undefined || value === '') return null;
  if (!/^\d{1,19}$/.test(value.trim())) throw new ValidationError(field, `${field} must be an event's position (the id of an event this stream sent)`);
  return BigInt(value.trim());
}

@ApiTags('live events')
@ApiBearerAuth()
@Controller()
export class LiveEventsController {
  /** How each stream ended, by reason: what the tests and an operator can read. */
  readonly ended: Record<SseEndReason, number> = { 'client-closed': 0, 'dropped-slow': 0, 'access-lost': 0, failed: 0 };

  constructor(
    private readonly hub: LiveEventHub,
    private readonly access: ReadAccess,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('sessions/:id/events/stream')
  @Requires('readSession')
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'resume after this event (its global position)' })
  @ApiQuery({ name: 'after', required: false, description: 'the same as Last-Event-ID, for clients that cannot set headers' })
  @ApiOperation({ summary: 'Every new event of the session and its branches, live (SSE), resumable with Last-Event-ID' })
  async session(@Req() request: AuthedRequest, @Res({ passthrough: true }) reply: FastifyReply, @Param('id') id: string, @Query('after') after?: string) {
    const userId = request.user!.userId;
    await this.access.assertCanRead(id, userId);
    const resume = resumePosition(request.headers['last-event-id'], after);
    await this.stream(reply, resume, async (live, isLive) => {
      if (live.sessionId !== id) return 'skip';
      // Who may read is decided by the session's own events: after one of them, ask again.
      if (isLive && live.branchId === null && !(await this.access.canRead(id, userId))) return 'end';
      return 'send';
    });
  }

  @Get('events/stream')
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'resume after this event (its global position)' })
  @ApiQuery({ name: 'after', required: false, description: 'the same as Last-Event-ID, for clients that cannot set headers' })
  @ApiOperation({ summary: 'Every new event of every session the caller may read, live (SSE), resumable with Last-Event-ID' })
  async all(@Req() request: AuthedRequest, @Res({ passthrough: true }) reply: FastifyReply, @Query('after') after?: string) {
    const userId = request.user!.userId;
    const resume = resumePosition(request.headers['last-event-id'], after);
    // One answer per session until its own stream says something (which may change who reads it).
    const readable = new Map<string, boolean>();
    await this.stream(reply, resume, async (live, isLive) => {
      if (isLive && live.branchId === null) readable.delete(live.sessionId);
      let allowed = readable.get(live.sessionId);
      if (allowed === undefined) {
        allowed = await this.access.canRead(live.sessionId, userId);
        if (readable.size >= 10_000) readable.clear();
        readable.set(live.sessionId, allowed);
      }
      return allowed ? 'send' : 'skip';
    });
  }

  private stream(reply: FastifyReply, resume: bigint | null, accept: (event: LiveEvent, live: boolean) => Promise<Verdict>): Promise<void> {
    reply.hijack();
    return new Promise<void>((resolve) => {
      const stream = new SseStream(reply.raw, this.hub, resume, {
        heartbeatMs: this.config.liveEvents.heartbeatMs,
        maxQueuedEvents: this.config.liveEvents.maxQueuedEvents,
        accept,
        onEnd: (reason) => {
          this.ended[reason] += 1;
          resolve();
        },
      });
      stream.run(resume).catch(() => {
        // The hub could not start (the store is gone): nothing was written yet.
        if (!reply.raw.headersSent) reply.raw.writeHead(503, { 'content-type': 'application/json' });
        reply.raw.end(JSON.stringify({ error: { code: 'unavailable', message: 'the live feed is not available', recoverable: true } }));
        resolve();
      });
    });
  }
}
