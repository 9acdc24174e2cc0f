// What a share link opens, without an API key: the session as its members see it (read-only,
// with its branches), its history, and comments when the link allows them. The link acts as
// `link:<linkId>` (channel share-link), checked by the same permission table as everyone else.
import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { assertMay, OPERATIONS, sessionView, type SessionState } from '@crystalyse/domain';
import { Public } from '../http/auth.guard.js';
import type { RequestContext } from '../http/request-context.js';
import { Clock } from '../infrastructure/clock.js';
import { BranchQueries } from '../branches/branch-queries.service.js';
import { SessionCommandBus } from '../sessions/session-command.bus.js';
import { CommentDto, SharedHistoryQuery } from './collaboration.dto.js';
import { commentTarget } from './collaboration.controller.js';
import { ShareLinks } from './share-links.service.js';
import { LinkOperation } from './requires.js';
import { randomUUID } from 'node:crypto';

/** The session without who may see it: members and links are the owner's business. */
function sharedView(state: SessionState) {
  const view = sessionView(state);
  const { members: _m, shareLinks: _l, ...governance } = view.governance;
  return { ...view, governance };
}

@ApiTags('shared')
@Public()
@Controller('shared/:token')
export class SharedController {
  constructor(
    private readonly links: ShareLinks,
    private readonly branches: BranchQueries,
    private readonly commands: SessionCommandBus,
    private readonly clock: Clock,
  ) {}

  @Get()
  @LinkOperation('readSession')
  @ApiOperation({ summary: 'The shared session, read-only, with its branches' })
  async view(@Param('token') token: string) {
    const { sessionId, state, link, actorId } = await this.links.resolve(token, 'view');
    assertMay(state, sessionId, actorId, OPERATIONS.readSession.permission, this.clock.now());
    const branches = await this.branches.graph(actorId, sessionId);
    await this.links.log(sessionId, { linkId: link.linkId, action: 'view', outcome: 'allowed', at: this.clock.now() });
    return { link: { permissions: link.permissions, expiresAt: link.expiresAt }, session: sharedView(state), branches: branches.items };
  }

  @Get('history')
  @LinkOperation('readSession')
  @ApiOperation({ summary: 'The shared session\'s conversation, latest turns (last=50)' })
  async history(@Param('token') token: string, @Query() query: SharedHistoryQuery) {
    const { sessionId, state, link, actorId } = await this.links.resolve(token, 'history');
    assertMay(state, sessionId, actorId, OPERATIONS.readSession.permission, this.clock.now());
    const conversation = state.workspace.conversation;
    const items = conversation.lastN(Math.min(query.last ?? 50, conversation.size));
    await this.links.log(sessionId, { linkId: link.linkId, action: 'history', outcome: 'allowed', at: this.clock.now() });
    return { total: conversation.size, items };
  }

  @Post('comments')
  @LinkOperation('comment')
  @ApiOperation({ summary: 'Comment through a link that allows comments' })
  async comment(@Param('token') token: string, @Body() body: CommentDto) {
    const { sessionId, state, link, actorId } = await this.links.resolve(token, 'comment');
    try {
      assertMay(state, sessionId, actorId, OPERATIONS.comment.permission, this.clock.now());
    } catch (error) {
      await this.links.log(sessionId, { linkId: link.linkId, action: 'comment', outcome: 'not_allowed', at: this.clock.now() });
      throw error;
    }
    const ctx: RequestContext = {
      user: { userId: actorId, name: 'share link', role: 'member', keyId: link.linkId },
      actor: { userId: actorId, via: 'share-link' },
      correlationId: randomUUID(),
    };
    const commentId = this.commands.newId(ctx, `comment:${sessionId}`);
    const result = await this.commands.send(ctx, sessionId, 'AddComment', { commentId, on: commentTarget(body.on), text: body.text });
    await this.links.log(sessionId, { linkId: link.linkId, action: 'comment', outcome: 'allowed', at: this.clock.now() });
    return { ...result, commentId };
  }
}
