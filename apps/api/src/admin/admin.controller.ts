// Operator endpoints (owner or admin): projection status (with the events each parked) and
// rebuilds from position zero.
import { Controller, Get, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Forbidden, NotFound } from '@crystalyse/domain';
import type { ProjectionEngine } from '@crystalyse/read-models';
import { Ctx, type RequestContext } from '../http/request-context.js';
import { PROJECTION_ENGINE } from '../infrastructure/tokens.js';

function requireOperator(ctx: RequestContext): void {
  if (ctx.user.role === 'member') throw new Forbidden('only the owner or an admin can operate projections');
}

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/projections')
export class AdminController {
  constructor(@Inject(PROJECTION_ENGINE) private readonly engine: ProjectionEngine) {}

  @Get()
  @ApiOperation({ summary: 'Each projection: state, position, and the events it parked (count and the latest few)' })
  async status(@Ctx() ctx: RequestContext) {
    requireOperator(ctx);
    const parked = await this.engine.deadLetters();
    return { items: this.engine.status().map((s) => ({ ...s, position: s.position.toString(), deadLetters: parked[s.name] })) };
  }

  @Post(':name/rebuild')
  @ApiOperation({ summary: 'Rebuild a projection from position zero (progress in the log)' })
  async rebuild(@Ctx() ctx: RequestContext, @Param('name') name: string) {
    requireOperator(ctx);
    if (!this.engine.names.includes(name)) throw new NotFound('projection', name);
    return this.engine.rebuild(name);
  }
}
