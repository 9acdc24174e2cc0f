import { Global, Module } from '@nestjs/common';
import { CommandRunner } from '../infrastructure/command-runner.js';
import { Clock } from '../infrastructure/clock.js';
import { IdentityController } from './identity.controller.js';
import { IdentityService } from './identity.service.js';

@Global()
@Module({
  controllers: [IdentityController],
  providers: [IdentityService, CommandRunner, Clock],
  exports: [IdentityService, CommandRunner, Clock],
})
export class IdentityModule {}
