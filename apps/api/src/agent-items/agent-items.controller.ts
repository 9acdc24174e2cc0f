// A session's agent items (libs/domain/src/agent-items): the conversation memory an agent
// framework keeps for a session, as events in the `agentitems-{sessionId}` stream. Access is the
// session's, checked first: a caller who may not read the session gets its 404; changing the
// items needs the session's write permission (403 otherwise) and a session that is not archived.
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  agentItemsDecider, agentItemsStream, assertMay, IllegalTransition, permissionFor, type AgentItem, type AgentItemsCommand,
} from '@crystalyse/domain';
import { commandContext, Ctx, type RequestContext } from '../http/request-context.js';
import { Clock } from '../infrastructure/clock.js';
import { CommandRunner } from '../infrastructure/command-runner.js';
import { SessionEvents } from '../sessions/session-events.service.js';
import { Requires } from '../access/requires.js';
import { AddAgentItemsDto, AgentItemsQuery } from './agent-items.dto.js';

type Change = { type: AgentItemsCommand['type']; data: Record<string, unknown> };

@ApiTags('agent items')
@ApiBearerAuth()
@Controller('sessions/:id/agent-items')
export class AgentItemsController {
  constructor(
    private readonly sessions: SessionEvents,
    private readonly runner: CommandRunner,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Requires('readSession')
  @ApiOperation({ summary: 'The agent items in the list, oldest first (`limit`: the latest that many)' })
  async list(@Ctx() ctx: RequestContext, @Param('id') id: string, @Query() query: AgentItemsQuery) {
    const { state, revision } = await this.runner.load(agentItemsStream(id), agentItemsDecider);
    const items: AgentItem[] = query.limit === undefined ? state.items : query.limit === 0 ? [] : state.items.slice(-query.limit);
    return { sessionId: id, revision: Number(revision), total: state.items.length, items };
  }

  @Post()
  @Requires('agentItems')
  @ApiOperation({ summary: 'Append agent items (the Agents SDK session\'s addItems)' })
  async add(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() body: AddAgentItemsDto) {
    const { result, response } = await this.change(ctx, id, { type: 'AddAgentItems', data: { items: body.items } });
    const added = result.events[0]?.data as { firstSeq: number } | undefined;
    return { ...response, firstSeq: added?.firstSeq ?? null };
  }

  @Post('pop')
  @Requires('agentItems')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take the latest item off the list (popItem): recorded as AgentItemPopped, the item stays in the log' })
  async pop(@Ctx() ctx: RequestContext, @Param('id') id: string) {
    const { result, response } = await this.change(ctx, id, { type: 'PopAgentItem', data: {} });
    const popped = result.events[0]?.data as { seq: number; item: unknown } | undefined;
    return { ...response, popped: popped ? { seq: popped.seq, item: popped.item } : null };
  }

  @Post('clear')
  @Requires('agentItems')
  @HttpCode(200)
  @ApiOperation({ summary: 'Empty the list (clearSession): recorded as AgentItemsCleared, the items stay in the log' })
  async clear(@Ctx() ctx: RequestContext, @Param('id') id: string) {
    const { result, response } = await this.change(ctx, id, { type: 'ClearAgentItems', data: {} });
    const cleared = result.events[0]?.data as { count: number } | undefined;
    return { ...response, cleared: cleared?.count ?? 0 };
  }

  private async change(ctx: RequestContext, id: string, change: Change) {
    const { state: session } = await this.sessions.sessionNow(id);
    // The guard checked the permission; checked again on the state this change is decided on.
    assertMay(session, id, ctx.user.userId, permissionFor('agentItems'));
    if (session.governance.status === 'archived') throw new IllegalTransition('archived', 'change the agent items', 'resume it first');
    const at = this.clock.now();
    const command = { type: change.type, data: { ...change.data, sessionId: id, actorId: ctx.user.userId, at } } as AgentItemsCommand;
    const result = await this.runner.run(agentItemsStream(id), agentItemsDecider, command, { context: commandContext(ctx, at) });
    const response = {
      sessionId: id,
      revision: Number(result.nextExpectedRevision),
      position: result.position.toString(),
      events: result.events.map((e) => e.type),
      replayed: result.replayed,
      total: result.state.items.length,
    };
    return { result, response };
  }
}
