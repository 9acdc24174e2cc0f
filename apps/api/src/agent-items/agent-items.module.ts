import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module.js';
import { AgentItemsController } from './agent-items.controller.js';

@Module({ imports: [SessionsModule], controllers: [AgentItemsController] })
export class AgentItemsModule {}
