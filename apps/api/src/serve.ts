// The API listening on a port, as `npm start` / `crystalyse serve` run it: start, print where it
// is, make the owner on a first start, tidy up after a crash, then start the scheduler.
import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PendingQueriesRecovery } from './agent/pending-queries.recovery.js';
import { Scheduler } from './batches/scheduler.service.js';
import type { AppConfig } from './config/app-config.js';
import { createApp } from './create-app.js';
import { OwnerBootstrap } from './identity/owner-bootstrap.service.js';

export async function serve(config: AppConfig, print: (line: string) => void = console.log): Promise<NestFastifyApplication> {
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const base = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  const storage = config.eventStoreUrl ? `EventStoreDB ${config.eventStoreUrl}` : `embedded SQLite in ${config.dataDir}`;
  print(`Crystalyse Sessions API  ${base}/v1  (${storage})`);
  print(`API docs (OpenAPI)       ${base}/docs`);
  print(`Dashboard                ${base}/`);
  print(`Health                   ${base}/health`);
  await app.get(OwnerBootstrap).ensureOwner(print);
  // Recovery tidies up after a crash; when it cannot (its store is down, say), the API still serves.
  await app.get(PendingQueriesRecovery).recover().catch((error: unknown) => {
    console.error(`recovery of interrupted questions failed; the service runs on: ${error instanceof Error ? error.message : String(error)}`);
  });
  // After recovery, so a batch resumes on questions recovery has already settled; the scheduler
  // also picks up batches a crash interrupted.
  app.get(Scheduler).start();
  print('Press Ctrl-C to stop.');
  return app;
}
