// POST /sessions/:id/queries: JSON by default; with `Accept: text/event-stream` the answer's
// progress (tool calls, results, text) streams as server-sent events and ends with the outcome.
import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AnalystProgress } from '@crystalyse/agent';
import { Ctx, type RequestContext } from '../http/request-context.js';
import { targetOf } from '../branches/workspace-target.js';
import { toHttpError } from '../http/domain-error.filter.js';
import { QueryDto } from './agent.dto.js';
import { QueryPipeline } from './query-pipeline.service.js';
import { Requires } from '../access/requires.js';

const sse = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

@ApiTags('queries')
@ApiBearerAuth()
@Controller(['sessions/:id', 'sessions/:id/branches/:branchId'])
export class QueriesController {
  constructor(private readonly pipeline: QueryPipeline) {}

  @Post('queries')
  @Requires('askQuery')
  @HttpCode(201)
  @ApiProduces('application/json', 'text/event-stream')
  @ApiOperation({ summary: 'Ask the agent: the question is recorded first, then the answer, tool calls, materials and discoveries' })
  async query(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('branchId') branchId: string | undefined, @Body() body: QueryDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    if (!String(request.headers.accept ?? '').includes('text/event-stream')) return this.pipeline.ask(ctx, targetOf(id, branchId), body.text);

    // Streaming starts once the question is recorded: every refusal before that (access, branch,
    // If-Match, validation, status) is an ordinary error response, so a 200 never precedes one.
    // After it, errors become an `error` event, since the status is sent.
    const raw = reply.raw;
    let keepAlive: NodeJS.Timeout | undefined;
    const open = () => {
      if (keepAlive) return raw;
      reply.hijack();
      raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      // A comment line every 15 s keeps proxies from closing a stream while a model thinks.
      keepAlive = setInterval(() => raw.write(': keep-alive\n\n'), 15_000);
      return raw;
    };
    try {
      const outcome = await this.pipeline.ask(ctx, targetOf(id, branchId), body.text, {
        onAccepted: (accepted) => open().write(sse('accepted', { sessionId: id, ...accepted })),
        onProgress: (progress: AnalystProgress) => open().write(sse(progress.kind, progress)),
      });
      open().write(sse('recorded', outcome));
    } catch (error) {
      if (!keepAlive) throw error;
      const mapped = toHttpError(error);
      raw.write(sse('error', mapped ? { status: mapped.status, ...mapped.body } : { status: 500, error: { code: 'internal', message: 'internal error' } }));
    } finally {
      clearInterval(keepAlive);
    }
    raw.end();
  }
}
