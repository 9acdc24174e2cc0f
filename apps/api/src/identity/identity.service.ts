// Users and keys: register, issue, revoke, authenticate. Authentication folds the user's own
// stream; the stream is tiny, and reading it keeps revocation immediate everywhere.
import { Injectable } from '@nestjs/common';
import { userDecider, userStream, type UserEvent, type UserRole, type UserState } from '@crystalyse/domain';
import { CommandRunner } from '../infrastructure/command-runner.js';
import { Clock } from '../infrastructure/clock.js';
import type { AuthenticatedUser } from '../http/request-context.js';
import type { CommandContext } from '@crystalyse/event-store';
import { keyMatches, newApiKey, parseApiKey } from './api-key.js';

export interface IssuedKey {
  userId: string;
  keyId: string;
  apiKey: string;
  position: string;
}

@Injectable()
export class IdentityService {
  constructor(
    private readonly runner: CommandRunner,
    private readonly clock: Clock,
  ) {}

  async registerUser(userId: string, name: string, role: UserRole, context: CommandContext): Promise<IssuedKey> {
    const at = context.occurredAt;
    await this.runner.run(userStream(userId), userDecider, { type: 'RegisterUser', data: { userId, name, role, at } }, { context, expectedRevision: 'no_stream' });
    return this.issueKey(userId, context);
  }

  async issueKey(userId: string, context: CommandContext, label?: string): Promise<IssuedKey> {
    const { key, keyId, keyHash } = newApiKey(userId);
    const data = { userId, keyId, keyHash, at: context.occurredAt, ...(label ? { label } : {}) };
    const result = await this.runner.run(userStream(userId), userDecider, { type: 'IssueApiKey', data }, { context });
    return { userId, keyId, apiKey: key, position: result.position.toString() };
  }

  async revokeKey(userId: string, keyId: string, context: CommandContext): Promise<{ position: string }> {
    const command = { type: 'RevokeApiKey' as const, data: { userId, keyId, at: context.occurredAt } };
    const result = await this.runner.run(userStream(userId), userDecider, command, { context });
    return { position: result.position.toString() };
  }

  async getUser(userId: string): Promise<UserState | null> {
    const { state } = await this.runner.load<UserEvent, UserState>(userStream(userId), userDecider);
    return state.exists ? state : null;
  }

  /** Returns the user a key belongs to, or null for an unknown, malformed or revoked key. */
  async authenticate(apiKey: string): Promise<AuthenticatedUser | null> {
    const parsed = parseApiKey(apiKey);
    const user = parsed ? await this.getUser(parsed.userId) : null;
    const key = user?.keys.find((k) => k.keyId === parsed!.keyId);
    if (!user || !key || key.revoked || !keyMatches(apiKey, key.keyHash)) return null;
    return { userId: user.userId, name: user.name, role: user.role, keyId: key.keyId };
  }

  now(): string {
    return this.clock.now();
  }
}
