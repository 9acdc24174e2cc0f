// Discoveries: detected after answers or recorded by hand; linked, validated, rejected, tagged, pinned.
import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, type RequestContext } from '../http/request-context.js';
import { targetOf } from '../branches/workspace-target.js';
import { SessionCommandBus } from '../sessions/session-command.bus.js';
import { SessionEvents } from '../sessions/session-events.service.js';
import { DiscoveryConfigDto, LinkDiscoveriesDto, RecordDiscoveryDto, ReviewDto, TagDto } from './agent.dto.js';
import { Requires } from '../access/requires.js';

@ApiTags('discoveries')
@ApiBearerAuth()
@Controller(['sessions/:id/discoveries', 'sessions/:id/branches/:branchId/discoveries'])
export class DiscoveriesController {
  constructor(
    private readonly commands: SessionCommandBus,
    private readonly sessions: SessionEvents,
  ) {}

  @Get()
  @Requires('readSession')
  @ApiOperation({ summary: 'Discoveries, their links and the detection settings' })
  async list(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('branchId') branchId: string | undefined) {
    const { state, revision } = await this.sessions.readableState(targetOf(id, branchId), ctx.user.userId);
    const ws = state.workspace;
    return { revision: Number(revision), items: ws.discoveries, links: ws.discoveryLinks, config: ws.discoveryConfig };
  }

  @Post()
  @Requires('editDiscoveries')
  @ApiOperation({ summary: 'Record a discovery by hand (the seed\'s recordDiscovery)' })
  async record(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('branchId') branchId: string | undefined, @Body() body: RecordDiscoveryDto) {
    const discoveryId = this.commands.newId(ctx, `discovery:${id}`);
    const { type, evidence, ...rest } = body;
    const result = await this.commands.send(ctx, targetOf(id, branchId), 'RecordDiscovery', { discoveryId, category: type, evidence: evidence ?? null, ...rest });
    return { ...result, discoveryId };
  }

  @Post('links')
  @Requires('editDiscoveries')
  @ApiOperation({ summary: 'Link discoveries: supports, contradicts, extends, duplicates, derived_from' })
  async link(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('branchId') branchId: string | undefined, @Body() body: LinkDiscoveriesDto) {
    const linkId = this.commands.newId(ctx, `link:${id}`);
    return { ...(await this.commands.send(ctx, targetOf(id, branchId), 'LinkDiscoveries', { linkId, ...body })), linkId };
  }

  @Post(':discoveryId/validate')
  @Requires('editDiscoveries')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark a discovery validated' })
  validate(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('branchId') branchId: string | undefined, @Param('discoveryId') discoveryId: string, @Body() body: ReviewDto) {
    return this.commands.send(ctx, targetOf(id, branchId), 'ValidateDiscovery', { discoveryId, note: body.note });
  }

  @Post(':discoveryId/reject')
  @Requires('editDiscoveries')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject a discovery (it stays in the log)' })
  reject(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('branchId') branchId: string | undefined, @Param('discoveryId') discoveryId: string, @Body() body: ReviewDto) {
    return this.commands.send(ctx, targetOf(id, branchId), 'RejectDiscovery', { discoveryId, reason: body.note });
  }

  @Post(':discoveryId/tags')
  @Requires('editDiscoveries')
  @HttpCode(200)
  @ApiOperation({ summary: 'Tag a discovery for retrieval' })
  tag(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('branchId') branchId: string | undefined, @Param('discoveryId') discoveryId: string, @Body() body: TagDto) {
    return this.commands.send(ctx, targetOf(id, branchId), 'TagDiscovery', { discoveryId, tags: body.tags });
  }

  @Post(':discoveryId/pin')
  @Requires('editDiscoveries')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pin a discovery (again: nothing changes)' })
  pin(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('branchId') branchId: string | undefined, @Param('discoveryId') discoveryId: string) {
    return this.commands.send(ctx, targetOf(id, branchId), 'PinDiscovery', { discoveryId });
  }

  @Post(':discoveryId/unpin')
  @Requires('editDiscoveries')
  @HttpCode(200)
  @ApiOperation({ summary: 'Unpin a discovery (one not pinned: nothing changes)' })
  unpin(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('branchId') branchId: string | undefined, @Param('discoveryId') discoveryId: string) {
    return this.commands.send(ctx, targetOf(id, branchId), 'UnpinDiscovery', { discoveryId });
  }

  @Put('config')
  @Requires('editDiscoveries')
  @ApiOperation({ summary: 'Auto-detection settings: autoDetect, minConfidence, categories' })
  configure(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('branchId') branchId: string | undefined, @Body() body: DiscoveryConfigDto) {
    return this.commands.send(ctx, targetOf(id, branchId), 'ConfigureDiscoveries', body);
  }
}
