// Tool states, client-side tool runs (the seed's SessionAwareTool), statistics and summaries.
import { Body, Controller, Get, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ToolRegistry } from '@crystalyse/agent';
import { offlineSummary, sessionStatistics } from '@crystalyse/domain';
import { Ctx, type RequestContext } from '../http/request-context.js';
import { targetOf } from '../branches/workspace-target.js';
import { Clock } from '../infrastructure/clock.js';
import { SessionCommandBus } from '../sessions/session-command.bus.js';
import { SessionEvents } from '../sessions/session-events.service.js';
import { ToolInvocationDto } from './agent.dto.js';
import { TOOL_REGISTRY } from './analyst.provider.js';
import { Requires } from '../access/requires.js';

@ApiTags('tools and analytics')
@ApiBearerAuth()
@Controller(['sessions/:id', 'sessions/:id/branches/:branchId'])
export class ToolsAnalyticsController {
  constructor(
    private readonly commands: SessionCommandBus,
    private readonly sessions: SessionEvents,
    private readonly clock: Clock,
    @Inject(TOOL_REGISTRY) private readonly registry: ToolRegistry,
  ) {}

  @Get('tools')
  @Requires('readSession')
  @ApiOperation({ summary: 'The state each tool keeps in this session, and the tools available' })
  async tools(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('branchId') branchId: string | undefined) {
    const { state, revision } = await this.sessions.readableState(targetOf(id, branchId), ctx.user.userId);
    return { revision: Number(revision), states: state.workspace.toolStates, available: this.registry.names() };
  }

  @Post('tools/invocations')
  @Requires('addMaterials')
  @ApiOperation({ summary: 'Record a run of a client-side tool (input, output, new tool state)' })
  async invocation(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('branchId') branchId: string | undefined, @Body() body: ToolInvocationDto) {
    const invocationId = this.commands.newId(ctx, `invocation:${id}`);
    return { ...(await this.commands.send(ctx, targetOf(id, branchId), 'RecordToolInvocation', { invocationId, ...body })), invocationId };
  }

  @Get('statistics')
  @Requires('readSession')
  @ApiOperation({ summary: 'Duration, queries, materials, discoveries, tool usage' })
  async statistics(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('branchId') branchId: string | undefined) {
    const { state, revision } = await this.sessions.readableState(targetOf(id, branchId), ctx.user.userId);
    return { revision: Number(revision), ...sessionStatistics(state, this.clock.now()) };
  }

  @Post('summary')
  @Requires('summarise')
  @ApiOperation({ summary: 'Key findings, materials of interest and next steps (recorded as an event)' })
  async summary(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('branchId') branchId: string | undefined) {
    const { state } = await this.sessions.readableState(targetOf(id, branchId), ctx.user.userId);
    const summary = offlineSummary(state);
    const summaryId = this.commands.newId(ctx, `summary:${id}`);
    const result = await this.commands.send(ctx, targetOf(id, branchId), 'RecordSummary', { summaryId, ...summary, model: 'offline' });
    return { ...result, summaryId, ...summary };
  }
}
