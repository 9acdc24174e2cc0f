// Batch sessions (create from a list or an upload, progress, pause, resume), autosave settings and
// save. The list arrives as JSON or as multipart/form-data with a CSV/JSON file; both are checked
// by the same DTO, so a bad field is a 400 naming it, and an invalid formula is reported per item.
import { Body, Controller, Get, HttpCode, Param, Post, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { researchSchedule } from '@crystalyse/domain';
import { Ctx, type RequestContext } from '../http/request-context.js';
import { validationPipe } from '../http/validation.js';
import { SessionCommandBus } from '../sessions/session-command.bus.js';
import { SessionEvents } from '../sessions/session-events.service.js';
import { AutosaveDto, CreateBatchDto } from './batch.dto.js';
import { BatchService } from './batch.service.js';
import { uploadedBatch } from './batch-upload.js';
import { Requires } from '../access/requires.js';

@ApiTags('batches')
@ApiBearerAuth()
@Controller('sessions')
export class BatchesController {
  constructor(
    private readonly batches: BatchService,
    private readonly commands: SessionCommandBus,
    private readonly sessions: SessionEvents,
  ) {}

  @Post('batch')
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiOperation({ summary: 'Create a batch session: one query per material, shared context or a branch each; progress as events' })
  async create(@Ctx() ctx: RequestContext, @Req() request: FastifyRequest) {
    const raw = request.isMultipart() ? await uploadedBatch(request) : (request.body ?? {});
    const body = (await validationPipe.transform(raw, { type: 'body', metatype: CreateBatchDto })) as CreateBatchDto;
    return this.batches.create(ctx, body);
  }

  @Get(':id/batch')
  @Requires('readSession')
  @ApiOperation({ summary: 'Batch progress: total, done, failed, remaining, items, rate per minute, ETA' })
  report(@Ctx() ctx: RequestContext, @Param('id') id: string) {
    return this.batches.report(ctx, id);
  }

  @Post(':id/batch/pause')
  @Requires('controlBatch')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pause the batch: no new item starts; items in flight finish' })
  pause(@Ctx() ctx: RequestContext, @Param('id') id: string) {
    return this.batches.pause(ctx, id);
  }

  @Post(':id/batch/resume')
  @Requires('controlBatch')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume the batch from its first unfinished material' })
  resume(@Ctx() ctx: RequestContext, @Param('id') id: string) {
    return this.batches.resume(ctx, id);
  }

  @Get(':id/schedule')
  @Requires('readSession')
  @ApiOperation({ summary: 'The research schedule (period, end, whether it ended and its summary) and the autosave settings' })
  async schedule(@Ctx() ctx: RequestContext, @Param('id') id: string) {
    const { state, revision } = await this.sessions.readableState(id, ctx.user.userId);
    const research = researchSchedule(state);
    return {
      id,
      revision: Number(revision),
      research: research ? { ...research, ended: Boolean(state.governance.researchEnd), endedAt: state.governance.researchEnd?.endedAt ?? null, summaryId: state.governance.researchEnd?.summaryId ?? null } : null,
      autosave: state.governance.autosave ?? null,
    };
  }

  @Put(':id/autosave')
  @Requires('configureAutosave')
  @ApiOperation({ summary: 'Autosave: a checkpoint every N minutes when changed, after each discovery, on pause' })
  async autosave(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() body: AutosaveDto) {
    const settings = { enabled: body.enabled, frequencyMinutes: body.frequencyMinutes ?? 5, onDiscovery: body.onDiscovery ?? true, onPause: body.onPause ?? true };
    return { ...(await this.commands.send(ctx, id, 'ConfigureAutosave', settings)), autosave: settings };
  }

  @Post(':id/save')
  @Requires('readSession')
  @HttpCode(200)
  @ApiOperation({ summary: "Save: the session's current revision, once durable (every accepted change is already a committed event; autosave marks restorable points)" })
  async save(@Ctx() ctx: RequestContext, @Param('id') id: string) {
    // A change is answered only after its append committed (synchronous=FULL, or the cluster's
    // acknowledgement), so the head read here is durable.
    const { revision } = await this.sessions.readableState(id, ctx.user.userId);
    return { id, revision: Number(revision), durable: true };
  }
}
