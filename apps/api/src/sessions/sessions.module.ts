import { Module } from '@nestjs/common';
import { ReadYourWrites } from '../infrastructure/read-your-writes.js';
import { RelevantFindings } from '../agent/relevant-findings.service.js';
import { RunSessionCommandHandler } from './run-session-command.js';
import { SessionCommandBus } from './session-command.bus.js';
import { SessionEvents } from './session-events.service.js';
import { SessionQueries } from './session-queries.service.js';
import { SessionsController } from './sessions.controller.js';
import { SessionWorkspaceController } from './session-workspace.controller.js';
import { SessionCheckpointsController } from './session-checkpoints.controller.js';
import { SessionHistoryController } from './session-history.controller.js';

@Module({
  // SessionHistoryController first: its static `POST /sessions/import` must not be shadowed.
  controllers: [SessionHistoryController, SessionsController, SessionWorkspaceController, SessionCheckpointsController],
  providers: [RunSessionCommandHandler, SessionCommandBus, SessionEvents, SessionQueries, ReadYourWrites, RelevantFindings],
  exports: [SessionCommandBus, SessionEvents, SessionQueries, ReadYourWrites, RelevantFindings],
})
export class SessionsModule {}
