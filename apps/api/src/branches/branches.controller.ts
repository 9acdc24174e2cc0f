// Branches over HTTP. Everything a session does in its workspace also works under
// /sessions/:id/branches/:branchId/... (those controllers serve both paths).
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ValidationError, type ForkPoint } from '@crystalyse/domain';
import { Ctx, type RequestContext } from '../http/request-context.js';
import { BranchQueries } from './branch-queries.service.js';
import { BranchService } from './branch.service.js';
import { CreateBranchDto, MergeBranchDto } from './branches.dto.js';
import { targetOf } from './workspace-target.js';
import { Requires } from '../access/requires.js';

function forkPoint(body: CreateBranchDto): ForkPoint {
  const from = body.from;
  if (!from || (from.revision === undefined && from.checkpoint === undefined)) return 'head';
  if (from.revision !== undefined && from.checkpoint !== undefined) throw new ValidationError('from', 'give from.revision or from.checkpoint, not both');
  return from.revision !== undefined ? { revision: from.revision } : { checkpoint: from.checkpoint! };
}

@ApiTags('branches')
@ApiBearerAuth()
@Controller('sessions/:id/branches')
export class BranchesController {
  constructor(
    private readonly branches: BranchService,
    private readonly queries: BranchQueries,
  ) {}

  @Post()
  @Requires('forkBranch')
  @ApiOperation({ summary: 'Fork a branch from the head, a revision or a checkpoint' })
  create(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() body: CreateBranchDto) {
    return this.branches.create(ctx, targetOf(id), body.name, forkPoint(body));
  }

  @Post(':branchId/branches')
  @Requires('forkBranch')
  @ApiOperation({ summary: 'Fork a branch of a branch' })
  createNested(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('branchId') branchId: string, @Body() body: CreateBranchDto) {
    return this.branches.create(ctx, targetOf(id, branchId), body.name, forkPoint(body));
  }

  @Get()
  @Requires('readSession')
  @ApiOperation({ summary: 'The branch graph: branches, fork points, merges, status' })
  graph(@Ctx() ctx: RequestContext, @Param('id') id: string) {
    return this.queries.graph(ctx.user.userId, id);
  }

  @Get(':branchId')
  @Requires('readSession')
  @ApiOperation({ summary: 'A branch: where it forked and where it and its parent diverge' })
  get(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('branchId') branchId: string) {
    return this.queries.branch(ctx.user.userId, id, branchId);
  }

  @Post(':branchId/merge')
  @Requires('mergeBranch')
  @HttpCode(200)
  @ApiOperation({ summary: 'Three-way merge into the parent; 409 with conflicts unless strategy is ours or theirs' })
  merge(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('branchId') branchId: string, @Body() body: MergeBranchDto) {
    return this.branches.merge(ctx, id, branchId, body.strategy ?? 'merge');
  }

  @Post(':branchId/discard')
  @Requires('mergeBranch')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close the branch: commands to it are refused afterwards' })
  discard(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('branchId') branchId: string) {
    return this.branches.discard(ctx, id, branchId);
  }
}
