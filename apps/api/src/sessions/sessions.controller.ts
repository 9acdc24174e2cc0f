// Sessions: create, list, search, lazy get, rename/metadata, lifecycle.
import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ValidationError } from '@crystalyse/domain';
import { Ctx, type RequestContext } from '../http/request-context.js';
import { SessionCommandBus } from './session-command.bus.js';
import { SessionQueries } from './session-queries.service.js';
import { CreateSessionDto, LifecycleDto, ListSessionsQuery, SearchSessionsQuery, UpdateSessionDto } from './session.dto.js';
import { Requires } from '../access/requires.js';

const MIN_POSITION = { name: 'X-Min-Position', required: false, description: 'Wait until read models include this global position (defaults to the head)' };

@ApiTags('sessions')
@ApiBearerAuth()
@Controller('sessions')
export class SessionsController {
  constructor(
    private readonly commands: SessionCommandBus,
    private readonly queries: SessionQueries,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a session' })
  async create(@Ctx() ctx: RequestContext, @Body() body: CreateSessionDto) {
    const id = this.commands.newId(ctx, 'session');
    const result = await this.commands.send(ctx, id, 'CreateSession', { sessionType: body.type ?? 'interactive', name: body.name, metadata: body.metadata, config: body.config });
    return { ...result, name: body.name, type: body.type ?? 'interactive', status: 'created' };
  }

  @Get()
  @ApiHeader(MIN_POSITION)
  @ApiOperation({ summary: 'List sessions, newest first (filters: status, project, type; cursor pagination)' })
  list(@Ctx() ctx: RequestContext, @Query() query: ListSessionsQuery, @Headers('x-min-position') minPosition?: string) {
    return this.queries.list(ctx.user, query, minPosition);
  }

  @Get('search')
  @ApiHeader(MIN_POSITION)
  @ApiOperation({ summary: 'Full-text search over names, metadata, questions and discoveries' })
  search(@Ctx() ctx: RequestContext, @Query() query: SearchSessionsQuery, @Headers('x-min-position') minPosition?: string) {
    return this.queries.search(ctx.user, query, minPosition);
  }

  @Get(':id')
  @Requires('readSession')
  @ApiHeader(MIN_POSITION)
  @ApiOperation({ summary: 'Metadata, status and counts, without history (lazy load)' })
  get(@Ctx() ctx: RequestContext, @Param('id') id: string, @Headers('x-min-position') minPosition?: string) {
    return this.queries.get(ctx.user, id, minPosition);
  }

  @Patch(':id')
  @Requires('lifecycle')
  @ApiHeader({ name: 'If-Match', required: false, description: 'The revision this change is based on' })
  @ApiOperation({ summary: 'Rename and/or update metadata' })
  async update(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() body: UpdateSessionDto) {
    if (body.name === undefined && body.metadata === undefined && body.removeMetadata === undefined) {
      throw new ValidationError('body', 'give at least one of name, metadata, removeMetadata');
    }
    return this.commands.sendAll(ctx, id, [
      ...(body.name !== undefined ? [{ type: 'RenameSession' as const, data: { name: body.name } }] : []),
      ...(body.metadata !== undefined || body.removeMetadata !== undefined
        ? [{ type: 'UpdateSessionMetadata' as const, data: { set: body.metadata, remove: body.removeMetadata } }]
        : []),
    ]);
  }

  @Post(':id/start')
  @Requires('lifecycle')
  @HttpCode(200)
  @ApiOperation({ summary: 'created → active' })
  start(@Ctx() ctx: RequestContext, @Param('id') id: string) {
    return this.commands.send(ctx, id, 'StartSession', {});
  }

  @Post(':id/pause')
  @Requires('lifecycle')
  @HttpCode(200)
  @ApiOperation({ summary: 'active → paused' })
  pause(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() body: LifecycleDto) {
    return this.commands.send(ctx, id, 'PauseSession', { reason: body.reason });
  }

  @Post(':id/resume')
  @Requires('lifecycle')
  @HttpCode(200)
  @ApiOperation({ summary: 'paused or archived → active' })
  resume(@Ctx() ctx: RequestContext, @Param('id') id: string) {
    return this.commands.send(ctx, id, 'ResumeSession', {});
  }

  @Post(':id/archive')
  @Requires('lifecycle')
  @HttpCode(200)
  @ApiOperation({ summary: 'Archive: read-only until resumed' })
  archive(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() body: LifecycleDto) {
    return this.commands.send(ctx, id, 'ArchiveSession', { reason: body.reason });
  }
}
