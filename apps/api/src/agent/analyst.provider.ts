// Which analyst answers: OpenAI (or any OpenAI-compatible server) when a key is configured,
// otherwise the offline analyst, which does real work with the built-in tools.
import { Logger, type Provider } from '@nestjs/common';
import { createDefaultToolRegistry, OfflineAnalyst, OpenAiAnalyst, type Analyst, type AnyMaterialsTool, type ToolRegistry } from '@crystalyse/agent';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../infrastructure/tokens.js';

export const ANALYST = Symbol('ANALYST');
export const TOOL_REGISTRY = Symbol('TOOL_REGISTRY');
/** Custom tools: `AgentModule.forRoot({ tools: [...] })` puts Nest providers here. */
export const CUSTOM_TOOLS = Symbol('CUSTOM_TOOLS');

export const toolRegistryProvider: Provider = {
  provide: TOOL_REGISTRY,
  useFactory: (custom: AnyMaterialsTool[]) => {
    const registry = createDefaultToolRegistry();
    for (const tool of custom) registry.register(tool);
    return registry;
  },
  inject: [CUSTOM_TOOLS],
};

export const analystProvider: Provider = {
  provide: ANALYST,
  useFactory: (config: AppConfig, registry: ToolRegistry): Analyst => {
    const { analyst } = config;
    const logger = new Logger('Analyst');
    if (!analyst.openaiApiKey) {
      logger.log('offline analyst (no OPENAI_API_KEY): answers come from the built-in materials tools');
      return new OfflineAnalyst({ registry });
    }
    // The key is never logged: only where the requests go.
    logger.log(`OpenAI analyst: model ${analyst.model ?? 'default'} at ${analyst.openaiBaseUrl ?? 'api.openai.com'}`);
    return new OpenAiAnalyst({
      apiKey: analyst.openaiApiKey,
      baseURL: analyst.openaiBaseUrl,
      model: analyst.model,
      timeoutMs: analyst.timeoutMs,
      maxRetries: analyst.maxRetries,
      maxTokensPerQuery: analyst.maxTokensPerQuery,
      registry,
    });
  },
  inject: [APP_CONFIG, TOOL_REGISTRY],
};
