// `node dist/apps/api/src/main.js`: the API on embedded storage (./data) unless EVENTSTORE_URL /
// MONGODB_URL are set. `npm start` runs the same through `crystalyse serve`.
import 'reflect-metadata';
import { configFromEnv } from './config/app-config.js';
import { serve } from './serve.js';

serve(configFromEnv()).catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
