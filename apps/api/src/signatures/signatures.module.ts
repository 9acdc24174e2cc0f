import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module.js';
import { AuditController } from '../audit/audit.controller.js';
import { AuditService } from '../audit/audit.service.js';
import { SignaturesController } from './signatures.controller.js';
import { SigningService } from './signing.service.js';

/** Signatures (passphrase, sign, list) and the audit bundle built on them. */
@Module({
  imports: [SessionsModule],
  controllers: [SignaturesController, AuditController],
  providers: [SigningService, AuditService],
})
export class SignaturesModule {}
