import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module.js';
import { BranchQueries } from './branch-queries.service.js';
import { BranchService } from './branch.service.js';
import { BranchesController } from './branches.controller.js';

@Module({
  imports: [SessionsModule],
  controllers: [BranchesController],
  providers: [BranchService, BranchQueries],
})
export class BranchesModule {}
