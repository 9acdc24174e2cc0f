// `node dist/apps/api/src/main.js`: the API on embedded storage (./data) unless EVENTSTORE_URL /
// MONGODB_URL are set. `npm start` runs the same through `crystalyse serve`.
import 'reflect-metadata';
import { configFromEnv } from './config/app-config.js';
import { StoreDamaged } from './infrastructure/store-integrity.js';
import { serve } from './serve.js';

serve(configFromEnv()).catch((error: unknown) => {
  // A damaged event store the service must not start on: the report, no stack (exit 2).
  if (error instanceof StoreDamaged) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
