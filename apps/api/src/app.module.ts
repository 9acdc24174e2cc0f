import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type { AppConfig } from './config/app-config.js';
import { HealthController } from './health/health.controller.js';
import { AdminController } from './admin/admin.controller.js';
import { AuthGuard } from './http/auth.guard.js';
import { DomainErrorFilter } from './http/domain-error.filter.js';
import { EtagInterceptor } from './http/etag.interceptor.js';
import { ReadOnlyGuard } from './http/read-only.guard.js';
import { validationPipe } from './http/validation.js';
import { IdentityModule } from './identity/identity.module.js';
import { OwnerBootstrap } from './identity/owner-bootstrap.service.js';
import { StorageModule } from './infrastructure/storage.module.js';
import { SessionsModule } from './sessions/sessions.module.js';
import { AgentModule, type AgentModuleOptions } from './agent/agent.module.js';
import { BranchesModule } from './branches/branches.module.js';
import { TemplatesModule } from './templates/templates.module.js';
import { SignaturesModule } from './signatures/signatures.module.js';
import { BatchesModule } from './batches/batches.module.js';
import { AccessModule } from './access/access.module.js';
import { SessionAccessGuard } from './access/session-access.guard.js';
import { AgentItemsModule } from './agent-items/agent-items.module.js';
import { LiveModule } from './live/live.module.js';
import { GraphqlApiModule } from './graphql/graphql.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, agent: AgentModuleOptions = {}): DynamicModule {
    const agentModule = AgentModule.forRoot(agent);
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(), StorageModule.forRoot(config), IdentityModule, SessionsModule, BranchesModule, TemplatesModule, SignaturesModule,
        AgentItemsModule, agentModule, BatchesModule.forRoot(agentModule), AccessModule, LiveModule, GraphqlApiModule,
      ],
      controllers: [HealthController, AdminController],
      providers: [
        OwnerBootstrap,
        { provide: APP_GUARD, useClass: AuthGuard },
        // After authentication: the permission table, per route (access/requires.ts).
        { provide: APP_GUARD, useClass: SessionAccessGuard },
        // After the permission table: a damaged store started read-only refuses writes (503).
        { provide: APP_GUARD, useClass: ReadOnlyGuard },
        { provide: APP_FILTER, useClass: DomainErrorFilter },
        { provide: APP_PIPE, useValue: validationPipe },
        { provide: APP_INTERCEPTOR, useClass: EtagInterceptor },
      ],
    };
  }
}
