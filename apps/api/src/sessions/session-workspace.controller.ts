// The parts of the workspace a researcher edits by hand: context, focus, hypotheses, tasks.
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { analystContext, ValidationError } from '@crystalyse/domain';
import { Ctx, type RequestContext } from '../http/request-context.js';
import { SessionCommandBus } from './session-command.bus.js';
import { targetOf } from '../branches/workspace-target.js';
import { SessionEvents } from './session-events.service.js';
import { RelevantFindings } from '../agent/relevant-findings.service.js';
import { AddContextDto, ClearContextQuery, ContextQuery, ContextConfigDto, FocusDto, HistoryQuery, HypothesisDto, TaskDto } from './session.dto.js';
import { Requires } from '../access/requires.js';

@ApiTags('workspace')
@ApiBearerAuth()
@Controller(['sessions/:id', 'sessions/:id/branches/:branchId'])
export class SessionWorkspaceController {
  constructor(
    private readonly commands: SessionCommandBus,
    private readonly sessions: SessionEvents,
    private readonly findings: RelevantFindings,
  ) {}

  @Get('context')
  @Requires('readSession')
  @ApiOperation({ summary: 'The working context: items, settings, focus, recent materials, discoveries, last turns, summary' })
  async context(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('branchId') branchId: string | undefined, @Query() query: ContextQuery) {
    const { state, revision } = await this.sessions.readableState(targetOf(id, branchId), ctx.user.userId);
    // Exactly what the analyst is given for the next question, plus the settings behind it.
    const relevantFindings = query.q ? await this.findings.forQuestion(ctx.user.userId, query.q) : [];
    const { items, ...context } = analystContext(state, { relevantFindings });
    return { revision: Number(revision), ...context, items: state.workspace.contextItems, config: state.workspace.contextConfig, tasks: state.workspace.tasks };
  }

  @Post('context')
  @Requires('editContext')
  @ApiOperation({ summary: 'Add (or replace) a context item' })
  addContext(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('branchId') branchId: string | undefined, @Body() body: AddContextDto) {
    return this.commands.send(ctx, targetOf(id, branchId), 'AddContextItem', { key: body.key, value: body.value, kind: body.kind });
  }

  @Delete('context')
  @Requires('editContext')
  @ApiOperation({ summary: 'Clear context items by kind (conversation, materials, tool_outputs, custom) or by key' })
  clearContext(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('branchId') branchId: string | undefined, @Query() query: ClearContextQuery) {
    if ((query.kind === undefined) === (query.key === undefined)) throw new ValidationError('kind', 'give exactly one of kind or key');
    return this.commands.send(ctx, targetOf(id, branchId), 'ClearContext', { kind: query.kind, key: query.key });
  }

  @Put('context/config')
  @Requires('editContext')
  @ApiOperation({ summary: 'Context settings: maxHistory, materialMemory, autoSummarise, relevanceThreshold' })
  configureContext(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('branchId') branchId: string | undefined, @Body() body: ContextConfigDto) {
    return this.commands.send(ctx, targetOf(id, branchId), 'ConfigureContext', body);
  }

  @Put('focus')
  @Requires('editContext')
  @ApiOperation({ summary: 'Set (or clear with null) the current focus' })
  focus(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('branchId') branchId: string | undefined, @Body() body: FocusDto) {
    return this.commands.send(ctx, targetOf(id, branchId), 'SetFocus', { focus: body.focus ?? null });
  }

  @Post('hypotheses')
  @Requires('editContext')
  @ApiOperation({ summary: 'Add a hypothesis' })
  async hypothesis(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('branchId') branchId: string | undefined, @Body() body: HypothesisDto) {
    const hypothesisId = this.commands.newId(ctx, `hypothesis:${id}`);
    return { ...(await this.commands.send(ctx, targetOf(id, branchId), 'AddHypothesis', { hypothesisId, statement: body.statement })), hypothesisId };
  }

  @Post('tasks')
  @Requires('editContext')
  @ApiOperation({ summary: 'Add a task' })
  async task(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('branchId') branchId: string | undefined, @Body() body: TaskDto) {
    const taskId = this.commands.newId(ctx, `task:${id}`);
    return { ...(await this.commands.send(ctx, targetOf(id, branchId), 'AddTask', { taskId, title: body.title })), taskId };
  }

  @Post('tasks/:taskId/complete')
  @Requires('editContext')
  @HttpCode(200)
  @ApiOperation({ summary: 'Complete a task' })
  completeTask(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('branchId') branchId: string | undefined, @Param('taskId') taskId: string) {
    return this.commands.send(ctx, targetOf(id, branchId), 'CompleteTask', { taskId });
  }

  @Get('history')
  @Requires('readSession')
  @ApiOperation({ summary: 'Conversation turns, newest page last (last=50, before=<turn index>)' })
  async history(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('branchId') branchId: string | undefined, @Query() query: HistoryQuery) {
    const { state, revision } = await this.sessions.readableState(targetOf(id, branchId), ctx.user.userId);
    const conversation = state.workspace.conversation;
    const total = conversation.size;
    const end = query.before === undefined ? total : Math.min(query.before, total);
    const start = Math.max(0, end - (query.last ?? 50));
    // The latest page (the usual one) is read from the end, whatever the length of the conversation.
    const page = end === total ? conversation.lastN(end - start) : conversation.values().slice(start, end);
    return { revision: Number(revision), total, items: page.map((turn, i) => ({ index: start + i, ...turn })), nextBefore: start > 0 ? start : null };
  }
}
