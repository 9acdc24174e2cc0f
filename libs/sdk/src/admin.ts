// Operators' calls: users and their keys, and the projections (read models). The owner or an
// admin may create users; keys are shown once, when issued.
import type { CallOptions, HttpClient } from './http-client.js';

export interface ProjectionStatus {
  name: string;
  state: string;
  /** The global position applied so far (a decimal string). */
  position: string;
  lastError?: string;
  deadLetters?: { count: number; latest: { position: string; type: string; streamId: string; eventId: string; parkedAt: string; error: string }[] };
}

export interface RebuildResult {
  projection: string;
  caughtUp: boolean;
  events: number;
  ms: number;
  eventsPerSecond: number;
}

export interface IssuedKey {
  id: string;
  keyId: string;
  /** Shown once. */
  apiKey: string;
  name?: string;
}

export class Admin {
  constructor(private readonly http: HttpClient) {}

  async projections(options: CallOptions = {}): Promise<ProjectionStatus[]> {
    return (await this.http.get<{ items: ProjectionStatus[] }>('/admin/projections', { ...options, latest: true })).items;
  }

  /** Empties a projection and replays every event into it; resolves when it has caught up. */
  async rebuildProjection(name: string, options: CallOptions & { timeoutMs?: number } = {}): Promise<RebuildResult> {
    return (await this.http.command<RebuildResult>('POST', `/admin/projections/${encodeURIComponent(name)}/rebuild`, { ...options, timeoutMs: options.timeoutMs ?? 3_600_000 })).body;
  }

  /** A new user (member unless `role: 'admin'`) and their first API key. */
  async createUser(name: string, options: CallOptions & { role?: 'admin' | 'member' } = {}): Promise<IssuedKey> {
    const { role, signal } = options;
    return (await this.http.command<IssuedKey>('POST', '/users', { body: { name, ...(role ? { role } : {}) }, signal })).body;
  }

  async issueKey(userId: string, options: CallOptions & { label?: string; reason?: string } = {}): Promise<IssuedKey> {
    const { label, reason, signal } = options;
    return (await this.http.command<IssuedKey>('POST', `/users/${encodeURIComponent(userId)}/keys`, { body: { ...(label ? { label } : {}), ...(reason ? { reason } : {}) }, signal })).body;
  }

  async revokeKey(userId: string, keyId: string, options: CallOptions & { reason?: string } = {}): Promise<{ revoked: boolean }> {
    const { reason, signal } = options;
    return (await this.http.command<{ revoked: boolean }>('DELETE', `/users/${encodeURIComponent(userId)}/keys/${encodeURIComponent(keyId)}`, { query: { reason }, signal })).body;
  }
}
