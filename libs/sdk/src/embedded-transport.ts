// Embedded mode: the service's own Nest application on a local data directory (SQLite files),
// in this process and without a port. Requests go through Fastify's inject, so every route, guard,
// validation and error mapping is the remote one. Loaded on demand: a remote client never loads Nest.
import type { Transport } from './transport.js';

export interface EmbeddedOptions {
  /** The data directory (event store, read models and owner.key); made on first use. */
  dataDir: string;
  /** A user's API key; the owner's (from `<dataDir>/owner.key`) by default. */
  apiKey?: string;
  /** The service's configuration variables (OPENAI_API_KEY...); process.env by default. */
  env?: NodeJS.ProcessEnv;
  /** Replaces parts of the service's configuration read from `env` (tests: an analyst that fails). */
  appConfig?: Record<string, unknown>;
}

export interface EmbeddedTransport extends Transport {
  readonly ownerKey: string;
}

export async function openEmbeddedTransport(options: EmbeddedOptions): Promise<EmbeddedTransport> {
  const { mkdir } = await import('node:fs/promises');
  const { resolve } = await import('node:path');
  const dataDir = resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const { startEmbeddedHost } = await import('../../../apps/api/src/embedded/embedded-host.js');
  const host = await startEmbeddedHost({ dataDir, env: options.env, config: options.appConfig });
  let closed: Promise<void> | undefined;
  return {
    mode: 'embedded',
    ownerKey: host.ownerKey,
    fetch: (url, init) => host.fetch(url, init),
    close: () => (closed ??= host.close()),
  };
}
