import { Module, type DynamicModule, type Type } from '@nestjs/common';
import type { AnyMaterialsTool } from '@crystalyse/agent';
import { SessionsModule } from '../sessions/sessions.module.js';
import { analystProvider, CUSTOM_TOOLS, toolRegistryProvider } from './analyst.provider.js';
import { DiscoveriesController } from './discoveries.controller.js';
import { PendingQueriesRecovery } from './pending-queries.recovery.js';
import { QueriesController } from './queries.controller.js';
import { QueryPipeline } from './query-pipeline.service.js';
import { HistorySummariser } from './history-summariser.js';
import { HygieneController } from './hygiene.controller.js';
import { ToolsAnalyticsController } from './tools-analytics.controller.js';

export interface AgentModuleOptions {
  /** Custom session-aware tools, as Nest providers (they may inject anything the app provides). */
  tools?: Array<Type<AnyMaterialsTool>>;
}

@Module({})
export class AgentModule {
  static forRoot(options: AgentModuleOptions = {}): DynamicModule {
    const tools = options.tools ?? [];
    return {
      module: AgentModule,
      imports: [SessionsModule],
      controllers: [QueriesController, DiscoveriesController, ToolsAnalyticsController, HygieneController],
      providers: [
        ...tools,
        { provide: CUSTOM_TOOLS, useFactory: (...instances: AnyMaterialsTool[]) => instances, inject: tools },
        toolRegistryProvider,
        analystProvider,
        QueryPipeline,
        HistorySummariser,
        PendingQueriesRecovery,
      ],
      exports: [PendingQueriesRecovery, QueryPipeline],
    };
  }
}
