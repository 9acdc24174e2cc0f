// Checkpoints: named positions in a session's stream. Restoring is itself an event.
import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, type RequestContext } from '../http/request-context.js';
import { SessionCommandBus } from './session-command.bus.js';
import { SessionQueries } from './session-queries.service.js';
import { CheckpointDto } from './session.dto.js';

@ApiTags('checkpoints')
@ApiBearerAuth()
@Controller('sessions/:id')
export class SessionCheckpointsController {
  constructor(
    private readonly commands: SessionCommandBus,
    private readonly queries: SessionQueries,
  ) {}

  @Post('checkpoints')
  @ApiOperation({ summary: 'Save a named checkpoint at the current revision' })
  save(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() body: CheckpointDto) {
    return this.commands.send(ctx, id, 'SaveCheckpoint', { name: body.name });
  }

  @Get('checkpoints')
  @ApiOperation({ summary: 'List checkpoints' })
  list(@Ctx() ctx: RequestContext, @Param('id') id: string, @Headers('x-min-position') minPosition?: string) {
    return this.queries.checkpoints(ctx.user, id, minPosition);
  }

  @Post('checkpoints/:name/restore')
  @HttpCode(200)
  @ApiOperation({ summary: 'Restore the workspace to a checkpoint (governance stays as it is)' })
  restore(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('name') name: string) {
    return this.commands.send(ctx, id, 'RestoreCheckpoint', { name });
  }

  @Post('recover')
  @HttpCode(200)
  @ApiOperation({ summary: 'Restore the latest checkpoint' })
  recover(@Ctx() ctx: RequestContext, @Param('id') id: string) {
    return this.commands.send(ctx, id, 'RecoverFromCheckpoint', {});
  }
}
