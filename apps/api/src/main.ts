// `npm start`: the API on embedded storage (./data) unless EVENTSTORE_URL / MONGODB_URL are set.
import 'reflect-metadata';
import { configFromEnv } from './config/app-config.js';
import { createApp } from './create-app.js';
import { OwnerBootstrap } from './identity/owner-bootstrap.service.js';
import { PendingQueriesRecovery } from './agent/pending-queries.recovery.js';
import { StoreDamaged } from './infrastructure/store-integrity.js';
import { Scheduler } from './batches/scheduler.service.js';

async function main(): Promise<void> {
  const config = configFromEnv();
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const base = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  const storage = config.eventStoreUrl ? `EventStoreDB ${config.eventStoreUrl}` : `embedded SQLite in ${config.dataDir}`;
  console.log(`Crystalyse Sessions API  ${base}/v1  (${storage})`);
  console.log(`API docs (OpenAPI)       ${base}/docs`);
  console.log(`Dashboard                ${base}/`);
  console.log(`Health                   ${base}/health`);
  await app.get(OwnerBootstrap).ensureOwner((line) => console.log(line));
  // Recovery tidies up after a crash; when it cannot (its store is down, say), the API still serves.
  await app.get(PendingQueriesRecovery).recover().catch((error: unknown) => {
    console.error(`recovery of interrupted questions failed; the service runs on: ${error instanceof Error ? error.message : String(error)}`);
  });
  // After recovery, so a batch resumes on questions recovery has already settled; the scheduler
  // also picks up batches a crash interrupted.
  app.get(Scheduler).start();
  console.log('Press Ctrl-C to stop.');
}

main().catch((error: unknown) => {
  // A damaged event store the service must not start on: the report, no stack (exit 2).
  if (error instanceof StoreDamaged) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
