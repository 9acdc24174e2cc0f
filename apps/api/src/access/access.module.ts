// Collaboration and sharing: members, comments, contributions, share links and their access log.
// The access guard itself is registered globally in AppModule, right after authentication.
import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module.js';
import { BranchQueries } from '../branches/branch-queries.service.js';
import { BranchLoader } from '../branches/branch-loader.js';
import { CollaborationController } from './collaboration.controller.js';
import { SharedController } from './shared.controller.js';
import { ShareLinks } from './share-links.service.js';

@Module({
  imports: [SessionsModule],
  controllers: [CollaborationController, SharedController],
  providers: [ShareLinks, BranchQueries],
  exports: [ShareLinks],
})
export class AccessModule {}
