// The live feed: one shared subscription (LiveEventHub), SSE endpoints, and the one read-access
// check the live feed and GraphQL share.
import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module.js';
import { LiveEventHub } from './live-event-hub.js';
import { LiveEventsController } from './live-events.controller.js';
import { ReadAccess } from './read-access.js';

@Module({
  imports: [SessionsModule],
  controllers: [LiveEventsController],
  providers: [LiveEventHub, ReadAccess],
  exports: [LiveEventHub, ReadAccess],
})
export class LiveModule {}
