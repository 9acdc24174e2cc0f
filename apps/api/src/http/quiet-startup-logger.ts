import { ConsoleLogger } from '@nestjs/common';

// Nest logs every module and route at start-up; an operator needs the URLs, warnings and errors.
const STARTUP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

export class QuietStartupLogger extends ConsoleLogger {
  constructor(quiet: boolean) {
    super('Crystalyse', { logLevels: quiet ? ['error', 'warn'] : ['log', 'error', 'warn'] });
  }

  override log(message: unknown, context?: string): void {
    if (context && STARTUP_CONTEXTS.has(context)) return;
    if (context === undefined) super.log(message);
    else super.log(message, context);
  }
}
