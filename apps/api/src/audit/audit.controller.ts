// GET /v1/sessions/:id/audit: the audit bundle as JSON, or `?format=ro-crate` as an RO-Crate zip.
import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { Requires } from '../access/requires.js';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Ctx, type RequestContext } from '../http/request-context.js';
import { AuditService } from './audit.service.js';

export class AuditQuery {
  @ApiPropertyOptional({ enum: ['json', 'ro-crate'], default: 'json' }) @IsOptional() @IsIn(['json', 'ro-crate']) format?: 'json' | 'ro-crate';
}

@ApiTags('signatures and audit')
@ApiBearerAuth()
@Controller('sessions/:id/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Requires('readSession')
  @ApiOperation({ summary: 'Every event (actor, channel, time), the hash chains, signatures and the verification result; ?format=ro-crate for an RO-Crate zip' })
  async get(@Ctx() ctx: RequestContext, @Param('id') id: string, @Query() query: AuditQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    if (query.format !== 'ro-crate') return this.audit.bundle(ctx.user.userId, id);
    const zip = await this.audit.roCrate(ctx.user.userId, id);
    void reply.header('content-type', 'application/zip').header('content-disposition', `attachment; filename="session-${id}-ro-crate.zip"`);
    return Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  }
}
