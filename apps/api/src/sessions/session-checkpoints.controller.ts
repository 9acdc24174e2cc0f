// Checkpoints: named positions in a session's stream. Restoring is itself an event.
import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, type RequestContext } from '../http/request-context.js';
import { SessionCommandBus } from './session-command.bus.js';
import { SessionQueries } from './session-queries.service.js';
import { SessionEvents } from './session-events.service.js';
import { targetOf } from '../branches/workspace-target.js';
import { CheckpointDto } from './session.dto.js';

@ApiTags('checkpoints')
@ApiBearerAuth()
@Controller(['sessions/:id', 'sessions/:id/branches/:branchId'])
export class SessionCheckpointsController {
  constructor(
    private readonly commands: SessionCommandBus,
    private readonly queries: SessionQueries,
    private readonly sessions: SessionEvents,
  ) {}

  @Post('checkpoints')
  @ApiOperation({ summary: 'Save a named checkpoint at the current revision' })
  save(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('branchId') branchId: string | undefined, @Body() body: CheckpointDto) {
    return this.commands.send(ctx, targetOf(id, branchId), 'SaveCheckpoint', { name: body.name });
  }

  @Get('checkpoints')
  @ApiOperation({ summary: 'List checkpoints' })
  async list(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('branchId') branchId: string | undefined, @Headers('x-min-position') minPosition?: string) {
    if (!branchId) return this.queries.checkpoints(ctx.user, id, minPosition);
    // A branch's checkpoints are its own: read them from its state.
    const { state } = await this.sessions.readableState(targetOf(id, branchId), ctx.user.userId);
    return { items: state.governance.checkpoints };
  }

  @Post('checkpoints/:name/restore')
  @HttpCode(200)
  @ApiOperation({ summary: 'Restore the workspace to a checkpoint (governance stays as it is)' })
  restore(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('branchId') branchId: string | undefined, @Param('name') name: string) {
    return this.commands.send(ctx, targetOf(id, branchId), 'RestoreCheckpoint', { name });
  }

  @Post('recover')
  @HttpCode(200)
  @ApiOperation({ summary: 'Restore the latest checkpoint' })
  recover(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('branchId') branchId: string | undefined) {
    return this.commands.send(ctx, targetOf(id, branchId), 'RecoverFromCheckpoint', {});
  }
}
