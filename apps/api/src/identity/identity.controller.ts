// Users and keys over HTTP. Keys are returned once, at issue; only their hashes are stored.
import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Forbidden } from '@crystalyse/domain';
import { commandContext, Ctx, type RequestContext } from '../http/request-context.js';
import { Clock } from '../infrastructure/clock.js';
import { CreateUserDto, IssueKeyDto } from './identity.dto.js';
import { IdentityService } from './identity.service.js';

function requireAdmin(ctx: RequestContext): void {
  if (ctx.user.role === 'member') throw new Forbidden('only the owner or an admin can manage users');
}

function requireSelfOrAdmin(ctx: RequestContext, userId: string): void {
  if (ctx.user.userId !== userId) requireAdmin(ctx);
}

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
    requireAdmin(ctx);
    const userId = this.clock.newId();
    const issued = await this.identity.registerUser(userId, body.name, body.role ?? 'member', commandContext(ctx, this.clock.now()));
    return { id: userId, name: body.name, keyId: issued.keyId, apiKey: issued.apiKey, position: issued.position };
  }

  @Post('users/:id/keys')
  @ApiOperation({ summary: 'Issue another API key (shown once)' })
  async issue(@Ctx() ctx: RequestContext, @Param('id') userId: string, @Body() body: IssueKeyDto) {
    requireSelfOrAdmin(ctx, userId);
    const issued = await this.identity.issueKey(userId, commandContext(ctx, this.clock.now()), body.label);
    return { id: userId, keyId: issued.keyId, apiKey: issued.apiKey, position: issued.position };
  }

  @Delete('users/:id/keys/:keyId')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke an API key: it stops working at once' })
  async revoke(@Ctx() ctx: RequestContext, @Param('id') userId: string, @Param('keyId') keyId: string) {
    requireSelfOrAdmin(ctx, userId);
    const result = await this.identity.revokeKey(userId, keyId, commandContext(ctx, this.clock.now()));
    return { id: userId, keyId, revoked: true, position: result.position };
  }
}
