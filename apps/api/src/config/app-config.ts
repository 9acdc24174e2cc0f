// Configuration comes from the environment once, at start-up, into one typed value.
import { resolve } from 'node:path';

export interface AppConfig {
  port: number;
  host: string;
  /** Embedded mode keeps the event store, read models and owner key here. */
  dataDir: string;
  /** Scaled mode: EventStoreDB connection string (esdb://...). Embedded SQLite when absent. */
  eventStoreUrl?: string;
  /** Scaled mode: MongoDB connection string. Embedded SQLite when absent. */
  mongodbUrl?: string;
  mongodbDatabase: string;
  /** Run projections in this process (embedded) or leave them to apps/worker (scaled). */
  runProjections: boolean;
  bodyLimitBytes: number;
  /** How long a read may wait for projections to reach the caller's last write. */
  readYourWritesTimeoutMs: number;
  /** When false, nothing is printed but warnings (tests). */
  quiet: boolean;
  /** The analyst: OpenAI (or any compatible server) with a key, the offline analyst without. */
  analyst: {
    openaiApiKey?: string;
    openaiBaseUrl?: string;
    model?: string;
    timeoutMs: number;
    maxRetries: number;
    maxTokensPerQuery: number;
  };
  /** A question unanswered after this long is marked failed (and one left by a crash on start). */
  queryTimeoutMs: number;
  /** How often the scheduler looks at schedules and batches (0: never on its own; `npm start` starts it). */
  schedulerIntervalMs: number;
  /** How long a batch runner's lease lasts without renewal: after a crash another runner waits this long. */
  batchLeaseMs: number;
}

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return parsed;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    port: intFrom(env.PORT, 3000, 'PORT'),
    host: env.HOST ?? '127.0.0.1',
    dataDir: resolve(env.CRYSTALYSE_DATA_DIR ?? './data'),
    eventStoreUrl: env.EVENTSTORE_URL || undefined,
    mongodbUrl: env.MONGODB_URL || undefined,
    mongodbDatabase: env.MONGODB_DATABASE ?? 'crystalyse',
    runProjections: env.CRYSTALYSE_PROJECTIONS !== 'worker',
    bodyLimitBytes: intFrom(env.CRYSTALYSE_BODY_LIMIT, 1024 * 1024, 'CRYSTALYSE_BODY_LIMIT'),
    readYourWritesTimeoutMs: intFrom(env.CRYSTALYSE_RYW_TIMEOUT_MS, 2000, 'CRYSTALYSE_RYW_TIMEOUT_MS'),
    quiet: env.CRYSTALYSE_QUIET === '1',
    analyst: {
      openaiApiKey: env.OPENAI_API_KEY || undefined,
      openaiBaseUrl: env.OPENAI_BASE_URL || undefined,
      model: env.OPENAI_MODEL || undefined,
      timeoutMs: intFrom(env.OPENAI_TIMEOUT_MS, 60_000, 'OPENAI_TIMEOUT_MS'),
      maxRetries: intFrom(env.OPENAI_MAX_RETRIES, 2, 'OPENAI_MAX_RETRIES'),
      maxTokensPerQuery: intFrom(env.CRYSTALYSE_MAX_TOKENS_PER_QUERY, 16_000, 'CRYSTALYSE_MAX_TOKENS_PER_QUERY'),
    },
    queryTimeoutMs: intFrom(env.CRYSTALYSE_QUERY_TIMEOUT_MS, 300_000, 'CRYSTALYSE_QUERY_TIMEOUT_MS'),
    schedulerIntervalMs: intFrom(env.CRYSTALYSE_SCHEDULER_MS, 10_000, 'CRYSTALYSE_SCHEDULER_MS'),
    batchLeaseMs: intFrom(env.CRYSTALYSE_BATCH_LEASE_MS, 30_000, 'CRYSTALYSE_BATCH_LEASE_MS'),
  };
}
