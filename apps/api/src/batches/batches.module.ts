import { Module, type DynamicModule } from '@nestjs/common';
import { BranchService } from '../branches/branch.service.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { BatchRunner } from './batch-runner.service.js';
import { BatchService } from './batch.service.js';
import { BatchesController } from './batches.controller.js';
import { Scheduler } from './scheduler.service.js';

@Module({})
export class BatchesModule {
  /** `agent`: the app's AgentModule as imported once, so batches ask the same analyst as POST /queries. */
  static forRoot(agent: DynamicModule): DynamicModule {
    return {
      module: BatchesModule,
      imports: [SessionsModule, agent],
      controllers: [BatchesController],
      providers: [BatchRunner, BatchService, Scheduler, BranchService],
      exports: [BatchRunner, Scheduler],
    };
  }
}
