// Users and keys over HTTP. Keys are returned once, at issue; only their hashes are stored.
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ValidationError, type UserActor } from '@crystalyse/domain';
import { commandContext, Ctx, type RequestContext } from '../http/request-context.js';
import { Clock } from '../infrastructure/clock.js';
import { CreateUserDto, IssueKeyDto, RevokeKeyDto } from './identity.dto.js';
import { IdentityService } from './identity.service.js';

// Who may do what is decided by the user decider, from the caller's id and role.
const actorOf = (ctx: RequestContext): UserActor => ({ userId: ctx.user.userId, role: ctx.user.role });

@ApiTags('users')
@ApiBearerAuth()
@Controller()
export class IdentityController {
  constructor(
    private readonly identity: IdentityService,
    private readonly clock: Clock,
  ) {}

  @Get('me')
  @ApiOperation({ summary: 'The caller' })
  me(@Ctx() ctx: RequestContext) {
    return { id: ctx.user.userId, name: ctx.user.name, role: ctx.user.role, keyId: ctx.user.keyId };
  }

  @Post('users')
  @ApiOperation({ summary: 'Create a user (owner or admin); the API key is shown once' })
  async create(@Ctx() ctx: RequestContext, @Body() body: CreateUserDto) {
    const userId = this.clock.newId();
    const issued = await this.identity.registerUser(actorOf(ctx), userId, body.name, body.role ?? 'member', commandContext(ctx, this.clock.now()));
    return { id: userId, name: body.name, keyId: issued.keyId, apiKey: issued.apiKey, position: issued.position };
  }

  @Post('users/:id/keys')
  @ApiOperation({ summary: 'Issue another API key (shown once): the owner for anyone, a user for themself' })
  async issue(@Ctx() ctx: RequestContext, @Param('id') userId: string, @Body() body: IssueKeyDto) {
    const issued = await this.identity.issueKey(actorOf(ctx), userId, commandContext(ctx, this.clock.now()), { label: body.label, reason: body.reason });
    return { id: userId, keyId: issued.keyId, apiKey: issued.apiKey, position: issued.position };
  }

  @Delete('users/:id/keys/:keyId')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke an API key: it stops working at once (the owner for anyone, a user for themself)' })
  async revoke(@Ctx() ctx: RequestContext, @Param('id') userId: string, @Param('keyId') keyId: string, @Body() body: RevokeKeyDto, @Query() query: RevokeKeyDto) {
    if (body.reason !== undefined && query.reason !== undefined) throw new ValidationError('reason', 'give reason in the body or as ?reason=, not both');
    const reason = body.reason ?? query.reason;
    const result = await this.identity.revokeKey(actorOf(ctx), userId, keyId, commandContext(ctx, this.clock.now()), reason);
    return { id: userId, keyId, revoked: true, position: result.position };
  }
}
