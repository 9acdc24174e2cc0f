// Members, comments, contributions, share links and the access log of a session. Each route
// names its operation of the permission table (@Requires); the guard checks it first.
import { Body, Controller, Delete, Get, HttpCode, Inject, NotFoundException, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { shareLinksOf, shareLinksView } from '@crystalyse/domain';
import { COMMENTS_COLLECTION, CONTRIBUTIONS_COLLECTION, emptyContributions, sessionContributions, type CommentDoc, type ContributionsDoc, type DocumentStore } from '@crystalyse/read-models';
import { Ctx, type RequestContext } from '../http/request-context.js';
import { Clock } from '../infrastructure/clock.js';
import { ReadYourWrites } from '../infrastructure/read-your-writes.js';
import { DOCUMENT_STORE } from '../infrastructure/tokens.js';
import { IdentityService } from '../identity/identity.service.js';
import { SessionCommandBus } from '../sessions/session-command.bus.js';
import { SessionEvents } from '../sessions/session-events.service.js';
import { CommentDto, CreateShareLinkDto, ReasonDto, SetMemberDto } from './collaboration.dto.js';
import { Requires } from './requires.js';
import { ShareLinks } from './share-links.service.js';

const DAY_MS = 86_400_000;

/** The target as the domain takes it: only the keys given (the domain refuses none or both). */
export const commentTarget = (on: object) => Object.fromEntries(Object.entries(on).filter(([, v]) => v !== undefined)) as { turnId: string } | { discoveryId: string };

@ApiTags('collaboration')
@ApiBearerAuth()
@Controller('sessions/:id')
export class CollaborationController {
  constructor(
    private readonly commands: SessionCommandBus,
    private readonly sessions: SessionEvents,
    private readonly identity: IdentityService,
    private readonly links: ShareLinks,
    private readonly clock: Clock,
    private readonly ryw: ReadYourWrites,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
  ) {}

  @Get('members')
  @Requires('readSession')
  @ApiOperation({ summary: 'The owner and the members with their permissions' })
  async members(@Ctx() ctx: RequestContext, @Param('id') id: string) {
    const { state, revision } = await this.sessions.readableState(id, ctx.user.userId);
    const g = state.governance;
    return {
      revision: Number(revision),
      owner: { userId: g.ownerId },
      items: [{ userId: g.ownerId, permissions: ['read', 'comment', 'write', 'add_materials', 'manage', 'share'], owner: true },
        ...Object.entries(g.members).map(([userId, permissions]) => ({ userId, permissions, owner: false }))],
    };
  }

  @Put('members/:userId')
  @Requires('manageMembers')
  @ApiOperation({ summary: 'Add a member or change their permissions (read is always granted)' })
  async setMember(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('userId') userId: string, @Body() body: SetMemberDto) {
    // Only users who exist (and are not the system) can be members.
    const user = await this.identity.getUser(userId).catch(() => null);
    if (!user) throw new NotFoundException(`user ${userId.slice(0, 100)} not found`);
    return this.commands.send(ctx, id, 'SetMemberPermissions', { userId, permissions: body.permissions, reason: body.reason });
  }

  @Delete('members/:userId')
  @Requires('manageMembers')
  @ApiOperation({ summary: 'Remove a member (not the owner); `reason` in the body or as ?reason=' })
  removeMember(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('userId') userId: string, @Body() body: ReasonDto, @Query() query: ReasonDto) {
    return this.commands.send(ctx, id, 'RemoveMember', { userId, reason: body?.reason ?? query.reason });
  }

  @Post('comments')
  @Requires('comment')
  @ApiOperation({ summary: 'Comment on a turn ({ on: { turnId } }) or a discovery ({ on: { discoveryId } })' })
  async comment(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() body: CommentDto) {
    const commentId = this.commands.newId(ctx, `comment:${id}`);
    return { ...(await this.commands.send(ctx, id, 'AddComment', { commentId, on: commentTarget(body.on), text: body.text })), commentId };
  }

  @Get('comments')
  @Requires('readSession')
  @ApiOperation({ summary: 'Comments on the session\'s turns and discoveries, oldest first' })
  async comments(@Ctx() ctx: RequestContext, @Param('id') id: string) {
    await this.sessions.readableState(id, ctx.user.userId);
    await this.ryw.settle();
    const docs = await this.documents.collection<CommentDoc>(COMMENTS_COLLECTION).find({ sessionId: id }, { sort: { at: 1, _id: 1 } });
    return { items: docs.map(({ _id, _position, sessionId: _s, ...c }: CommentDoc & { _position?: unknown }) => c) };
  }

  @Get('contributions')
  @Requires('readSession')
  @ApiOperation({ summary: 'Per user: queries, discoveries, materials, comments, signatures' })
  async contributions(@Ctx() ctx: RequestContext, @Param('id') id: string) {
    const { state } = await this.sessions.readableState(id, ctx.user.userId);
    await this.ryw.settle();
    // The main line's document and each branch's.
    const docs = await this.documents.collection<ContributionsDoc>(CONTRIBUTIONS_COLLECTION).find({ sessionId: id });
    const users: Record<string, unknown> = {};
    // Everyone with access is listed, those who did nothing yet with zeros.
    for (const userId of [state.governance.ownerId, ...Object.keys(state.governance.members)]) users[userId] = { ...emptyContributions(), lastAt: null };
    for (const [userId, counts] of Object.entries(sessionContributions(docs))) users[userId] = counts;
    return { sessionId: id, users };
  }

  @Post('share-links')
  @Requires('share')
  @ApiOperation({ summary: 'Create a share link (read or comment) that expires: the token is shown once' })
  async createLink(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() body: CreateShareLinkDto) {
    const linkId = this.commands.newId(ctx, `share-link:${id}`);
    const { token, tokenHash } = this.links.newToken(id);
    const expiresAt = new Date(Date.parse(this.clock.now()) + body.expiresInDays * DAY_MS).toISOString();
    const result = await this.commands.send(ctx, id, 'CreateShareLink', { linkId, tokenHash, permissions: body.permissions, expiresAt });
    // A replayed request created no link and has no token to show: the token exists only once.
    if (result.replayed) return { ...result, linkId, token: null, url: null, expiresAt };
    return { ...result, linkId, token, url: `/v1/shared/${token}`, expiresAt };
  }

  @Get('share-links')
  @Requires('share')
  @ApiOperation({ summary: 'The session\'s share links, without tokens' })
  async listLinks(@Ctx() ctx: RequestContext, @Param('id') id: string) {
    const { state } = await this.sessions.readableState(id, ctx.user.userId);
    const now = this.clock.now();
    return {
      items: Object.values(shareLinksView(shareLinksOf(state))).map((link) => ({
        ...link, status: link.revokedAt !== null ? 'revoked' : now >= link.expiresAt ? 'expired' : 'active',
      })),
    };
  }

  @Delete('share-links/:linkId')
  @Requires('share')
  @ApiOperation({ summary: 'Revoke a share link; `reason` in the body or as ?reason=' })
  revokeLink(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('linkId') linkId: string, @Body() body: ReasonDto, @Query() query: ReasonDto) {
    return this.commands.send(ctx, id, 'RevokeShareLink', { linkId, reason: body?.reason ?? query.reason });
  }

  @Get('access-log')
  @Requires('share')
  @HttpCode(200)
  @ApiOperation({ summary: 'Every use of the session\'s share links (latest 1,000; kept 90 days)' })
  async accessLog(@Ctx() ctx: RequestContext, @Param('id') id: string) {
    await this.sessions.readableState(id, ctx.user.userId);
    return this.links.accessLog(id);
  }
}
