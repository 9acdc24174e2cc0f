// Session hygiene: each is an event; the log keeps everything, the working context shrinks.
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { compressionRange, cutoffBefore } from '@crystalyse/domain';
import { Ctx, type RequestContext } from '../http/request-context.js';
import { Clock } from '../infrastructure/clock.js';
import { targetOf } from '../branches/workspace-target.js';
import { SessionCommandBus } from '../sessions/session-command.bus.js';
import { SessionEvents } from '../sessions/session-events.service.js';
import { HistorySummariser } from './history-summariser.js';
import { Requires } from '../access/requires.js';

export class CleanupContextDto {
  @ApiProperty({ example: 7, description: 'Remove context items added more than this many days ago' }) @IsInt() @Min(0) @Max(36500) days!: number;
}

export class CompressHistoryDto {
  @ApiPropertyOptional({ default: 5, description: 'Newest turns kept verbatim' }) @IsOptional() @IsInt() @Min(0) @Max(1000) keepLast?: number;
}

@ApiTags('hygiene')
@ApiBearerAuth()
@Controller(['sessions/:id/hygiene', 'sessions/:id/branches/:branchId/hygiene'])
export class HygieneController {
  constructor(
    private readonly commands: SessionCommandBus,
    private readonly sessions: SessionEvents,
    private readonly summariser: HistorySummariser,
    private readonly clock: Clock,
  ) {}

  @Post('cleanup-context')
  @Requires('hygiene')
  @HttpCode(200)
  @ApiOperation({ summary: 'Remove context items older than N days (cleanupOldContext)' })
  cleanup(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('branchId') branchId: string | undefined, @Body() body: CleanupContextDto) {
    return this.commands.send(ctx, targetOf(id, branchId), 'CleanupOldContext', { before: cutoffBefore(this.clock.now(), body.days) });
  }

  @Post('compress-history')
  @Requires('hygiene')
  @HttpCode(200)
  @ApiOperation({ summary: 'Summarise all settled turns but the newest few into a HistorySummarised event (compressHistory)' })
  async compress(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('branchId') branchId: string | undefined, @Body() body: CompressHistoryDto) {
    const target = targetOf(id, branchId);
    const { state } = await this.sessions.readableState(target, ctx.user.userId);
    const due = compressionRange(state, body.keepLast ?? 5);
    // Nothing due is still an answer to the key: a repeat must not compress what came since.
    if (!due) return { ...(await this.commands.sendAll(ctx, target, [])), compressed: 0 };
    const summaryId = this.commands.newId(ctx, `summary:${branchId ?? id}`);
    const result = await this.commands.send(ctx, target, 'SummariseHistory', { summaryId, ...(await this.summariser.summarise(due)) });
    // A repeat of a key that first found nothing due compressed nothing, whatever is due now.
    return { ...result, compressed: result.events.length > 0 ? due.turns.length : 0 };
  }

  @Post('archive-completed-tasks')
  @Requires('hygiene')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move completed tasks out of the working task list (archiveCompletedTasks)' })
  archive(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('branchId') branchId: string | undefined) {
    return this.commands.send(ctx, targetOf(id, branchId), 'ArchiveCompletedTasks', {});
  }
}
