// The two ways the SDK reaches the service, for tests that must hold in both: remote (the real app
// on a local port, called with fetch) and embedded (SessionManager.embedded on a temporary data
// directory: the same app in-process, no port).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SessionManager, type SessionManagerOptions } from '@crystalyse/sdk';
import type { AppConfig } from '../../apps/api/src/config/app-config.js';
import { startLiveApi } from './live-api.js';

export const SDK_MODES = ['remote', 'embedded'] as const;
export type SdkMode = (typeof SDK_MODES)[number];

export interface SdkTarget {
  mode: SdkMode;
  ownerKey: string;
  /** The first manager, as the owner. */
  manager: SessionManager;
  /** Another client of the same service (its own read-your-writes position), e.g. a second user. */
  client(options?: Partial<SessionManagerOptions>): SessionManager;
  close(): Promise<void>;
}

/** Configuration from an empty environment (no OPENAI_API_KEY: the offline analyst), with overrides. */
export async function openSdkTarget(mode: SdkMode, overrides: Partial<AppConfig> = {}): Promise<SdkTarget> {
  if (mode === 'remote') {
    const api = await startLiveApi(overrides);
    return {
      mode,
      ownerKey: api.ownerKey,
      manager: new SessionManager({ baseUrl: api.baseUrl, apiKey: api.ownerKey }),
      client: (options = {}) => new SessionManager({ baseUrl: api.baseUrl, apiKey: api.ownerKey, ...options }),
      close: () => api.close(),
    };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'crystalyse-embedded-'));
  const manager = await SessionManager.embedded({ dataDir, env: {}, appConfig: overrides as Record<string, unknown> });
  const ownerKey = readFileSync(join(dataDir, 'owner.key'), 'utf8').trim();
  return {
    mode,
    ownerKey,
    manager,
    client: (options = {}) => manager.newClient(options),
    async close() {
      await manager.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
