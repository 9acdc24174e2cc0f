import { Module } from '@nestjs/common';
import { ReadYourWrites } from '../infrastructure/read-your-writes.js';
import { RelevantFindings } from '../agent/relevant-findings.service.js';
import { RunSessionCommandHandler } from './run-session-command.js';
import { SessionCommandBus } from './session-command.bus.js';
import { SessionEvents } from './session-events.service.js';
import { SessionTimeline } from './session-timeline.service.js';
import { RestorePlanner } from './restore-planner.js';
import { SessionQueries } from './session-queries.service.js';
import { SessionsController } from './sessions.controller.js';
import { SessionWorkspaceController } from './session-workspace.controller.js';
import { SessionCheckpointsController } from './session-checkpoints.controller.js';
import { SessionHistoryController } from './session-history.controller.js';
import { SessionImportController } from './session-import.controller.js';
import { BranchLoader } from '../branches/branch-loader.js';

@Module({
  controllers: [SessionImportController, SessionsController, SessionHistoryController, SessionWorkspaceController, SessionCheckpointsController],
  providers: [BranchLoader, RunSessionCommandHandler, SessionCommandBus, SessionEvents, SessionQueries, SessionTimeline, RestorePlanner, ReadYourWrites, RelevantFindings],
  exports: [BranchLoader, SessionCommandBus, SessionEvents, SessionQueries, SessionTimeline, ReadYourWrites, RelevantFindings],
})
export class SessionsModule {}
