import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module.js';
import { TemplatesController } from './templates.controller.js';

@Module({ imports: [SessionsModule], controllers: [TemplatesController] })
export class TemplatesModule {}
