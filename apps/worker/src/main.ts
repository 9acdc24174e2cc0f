// `npm run start:worker`: runs the projections for the scaled setup (EventStoreDB → MongoDB).
// A lease in the read-model store keeps one active runner per projection, so several workers
// can run for availability: the others wait for the lease.
import 'reflect-metadata';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { configFromEnv, type AppConfig } from '../../api/src/config/app-config.js';
import { StorageModule } from '../../api/src/infrastructure/storage.module.js';

@Module({})
class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: WorkerModule, imports: [StorageModule.forRoot(config)] };
  }
}

async function main(): Promise<void> {
  const config = { ...configFromEnv(), runProjections: true };
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: ['log', 'warn', 'error'] });
  app.enableShutdownHooks();
  await app.init();
  console.log('Crystalyse projection worker running. Press Ctrl-C to stop.');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
