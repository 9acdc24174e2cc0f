// Checkpoints: named positions in a session's stream. Restoring is itself an event.
import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, type RequestContext } from '../http/request-context.js';
import { SessionCommandBus } from './session-command.bus.js';
import { SessionQueries } from './session-queries.service.js';
import { SessionEvents } from './session-events.service.js';
import { targetOf, type WorkspaceTarget } from '../branches/workspace-target.js';
import { RestoreOutdated } from '@crystalyse/domain';
import { RestorePlanner } from './restore-planner.js';

const RESTORE_ATTEMPTS = 5;
import { CheckpointDto } from './session.dto.js';
import { Requires } from '../access/requires.js';

@ApiTags('checkpoints')
@ApiBearerAuth()
@Controller(['sessions/:id', 'sessions/:id/branches/:branchId'])
export class SessionCheckpointsController {
  constructor(
    private readonly commands: SessionCommandBus,
    private readonly queries: SessionQueries,
    private readonly sessions: SessionEvents,
    private readonly planner: RestorePlanner,
  ) {}

  @Post('checkpoints')
  @Requires('saveCheckpoint')
  @ApiOperation({ summary: 'Save a named checkpoint at the current revision' })
  save(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('branchId') branchId: string | undefined, @Body() body: CheckpointDto) {
    return this.commands.send(ctx, targetOf(id, branchId), 'SaveCheckpoint', { name: body.name });
  }

  @Get('checkpoints')
  @Requires('readSession')
  @ApiOperation({ summary: 'List checkpoints' })
  async list(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('branchId') branchId: string | undefined, @Headers('x-min-position') minPosition?: string) {
    if (!branchId) return this.queries.checkpoints(ctx.user, id, minPosition);
    // A branch's checkpoints are its own: read them from its state.
    const { state } = await this.sessions.readableState(targetOf(id, branchId), ctx.user.userId);
    return { items: state.governance.checkpoints.values() };
  }

  @Post('checkpoints/:name/restore')
  @Requires('restore')
  @HttpCode(200)
  @ApiOperation({ summary: 'Restore the workspace to a checkpoint (governance stays as it is)' })
  restore(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('branchId') branchId: string | undefined, @Param('name') name: string) {
    return this.restoreTo(ctx, targetOf(id, branchId), name);
  }

  @Post('recover')
  @Requires('restore')
  @HttpCode(200)
  @ApiOperation({ summary: 'Restore the latest checkpoint' })
  recover(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('branchId') branchId: string | undefined) {
    return this.restoreTo(ctx, targetOf(id, branchId));
  }

  /** Prepared on the head just read; prepared again if another writer got in first. */
  private async restoreTo(ctx: RequestContext, target: WorkspaceTarget, name?: string) {
    for (let attempt = 1; ; attempt++) {
      const plan = await this.planner.plan(target, ctx.user.userId, name);
      try {
        return name === undefined
          ? await this.commands.send(ctx, target, 'RecoverFromCheckpoint', plan)
          : await this.commands.send(ctx, target, 'RestoreCheckpoint', { name, ...plan });
      } catch (error) {
        if (!(error instanceof RestoreOutdated) || attempt >= RESTORE_ATTEMPTS) throw error;
      }
    }
  }
}
