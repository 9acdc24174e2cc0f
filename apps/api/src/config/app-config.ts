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
  /** Requests per minute per API key (per IP without one); 0 turns rate limiting off. */
  rateLimitPerMinute: number;
  /** Origins a browser may call the API from (CORS); none (CORS off) when empty. */
  corsOrigins: string[];
  /** scrypt cost of signing passphrases: N = 2^this (17 by default; tests may lower it). */
  signingScryptLog2N: number;
  /** Live events over SSE (docs/graphql-and-live-events.md). */
  liveEvents: {
    /** A comment line this often keeps proxies from closing a quiet stream. */
    heartbeatMs: number;
    /** Events waiting for one slow client at most; beyond, the client is dropped (it resumes with Last-Event-ID). */
    maxQueuedEvents: number;
  };
  /** GraphiQL at /graphiql: on unless NODE_ENV is production. */
  graphiql: boolean;
  /** GraphQL limits: nesting depth and cost (docs/graphql-and-live-events.md). */
  graphqlLimits: { maxDepth: number; maxCost: number };
  /** The embedded event store's check at start-up, and what a damaged file does (docs/caching-and-recovery.md). */
  integrity: IntegrityConfig;
  /** How often the scheduler looks at schedules and batches (0: never on its own; `npm start` starts it). */
  schedulerIntervalMs: number;
  /** How long a batch runner's lease lasts without renewal: after a crash another runner waits this long. */
  batchLeaseMs: number;
}

export interface IntegrityConfig {
  /** CRYSTALYSE_STARTUP_CHECK: quick (default), full, or off. */
  startupCheck: 'quick' | 'full' | 'off';
  /**
   * CRYSTALYSE_ON_DAMAGE: read-only (default: serve reads, refuse writes with 503), refuse (do not
   * start), or allow-writes (the operator has looked and accepts the damage: write anyway).
   */
  onDamage: 'read-only' | 'refuse' | 'allow-writes';
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], name: string): T {
  if (value === undefined || value === '') return allowed[0]!;
  if (!(allowed as readonly string[]).includes(value)) throw new Error(`${name} must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return parsed;
}

/** A comma-separated list of origins (`https://app.example.org`), each a scheme and host (and port). */
function originsFrom(value: string | undefined): string[] {
  if (value === undefined || value.trim() === '') return [];
  const origins = value.split(',').map((o) => o.trim()).filter((o) => o !== '');
  for (const origin of origins) {
    if (!/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(origin)) throw new Error(`CRYSTALYSE_CORS_ORIGINS: "${origin}" is not an origin such as https://app.example.org`);
  }
  return origins;
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
    rateLimitPerMinute: intFrom(env.CRYSTALYSE_RATE_LIMIT_PER_MINUTE, 1000, 'CRYSTALYSE_RATE_LIMIT_PER_MINUTE'),
    corsOrigins: originsFrom(env.CRYSTALYSE_CORS_ORIGINS),
    signingScryptLog2N: intFrom(env.CRYSTALYSE_SIGNING_SCRYPT_LOG2N, 17, 'CRYSTALYSE_SIGNING_SCRYPT_LOG2N'),
    liveEvents: {
      heartbeatMs: Math.max(1, intFrom(env.CRYSTALYSE_SSE_HEARTBEAT_MS, 15_000, 'CRYSTALYSE_SSE_HEARTBEAT_MS')),
      maxQueuedEvents: Math.max(1, intFrom(env.CRYSTALYSE_SSE_MAX_QUEUED_EVENTS, 1000, 'CRYSTALYSE_SSE_MAX_QUEUED_EVENTS')),
    },
    graphiql: env.NODE_ENV !== 'production',
    graphqlLimits: {
      maxDepth: Math.max(1, intFrom(env.CRYSTALYSE_GRAPHQL_MAX_DEPTH, 10, 'CRYSTALYSE_GRAPHQL_MAX_DEPTH')),
      maxCost: Math.max(1, intFrom(env.CRYSTALYSE_GRAPHQL_MAX_COST, 10_000, 'CRYSTALYSE_GRAPHQL_MAX_COST')),
    },
    integrity: {
      startupCheck: oneOf(env.CRYSTALYSE_STARTUP_CHECK, ['quick', 'full', 'off'] as const, 'CRYSTALYSE_STARTUP_CHECK'),
      onDamage: oneOf(env.CRYSTALYSE_ON_DAMAGE, ['read-only', 'refuse', 'allow-writes'] as const, 'CRYSTALYSE_ON_DAMAGE'),
    },
    schedulerIntervalMs: intFrom(env.CRYSTALYSE_SCHEDULER_MS, 10_000, 'CRYSTALYSE_SCHEDULER_MS'),
    batchLeaseMs: intFrom(env.CRYSTALYSE_BATCH_LEASE_MS, 30_000, 'CRYSTALYSE_BATCH_LEASE_MS'),
  };
}
