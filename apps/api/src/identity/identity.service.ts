// Users and keys: register, issue, revoke, authenticate. Who may do what is the user decider's
// rule (the caller is one of its inputs). Authentication folds the user's own stream; the stream
// is tiny, and reading it keeps revocation immediate everywhere.
import { Injectable } from '@nestjs/common';
import { userDecider, userStream, type UserActor, type UserCommand, type UserEvent, type UserRole, type UserState } from '@crystalyse/domain';
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

export const SYSTEM_ACTOR: UserActor = { userId: 'system', role: 'system' };

@Injectable()
export class IdentityService {
  constructor(
    private readonly runner: CommandRunner,
    private readonly clock: Clock,
  ) {}

  /** The user and their first key, in one append. */
  async registerUser(actor: UserActor, userId: string, name: string, role: UserRole, context: CommandContext): Promise<IssuedKey> {
    const { key, keyId, keyHash } = newApiKey(userId);
    const command: UserCommand = { type: 'RegisterUser', data: { userId, name, role, firstKey: { keyId, keyHash }, actor, at: context.occurredAt } };
    const result = await this.runner.run(userStream(userId), userDecider, command, { context, expectedRevision: 'no_stream' });
    return { userId, keyId, apiKey: key, position: result.position.toString() };
  }

  async issueKey(actor: UserActor, userId: string, context: CommandContext, details: { label?: string; reason?: string } = {}): Promise<IssuedKey> {
    const { key, keyId, keyHash } = newApiKey(userId);
    const command: UserCommand = { type: 'IssueApiKey', data: { userId, keyId, keyHash, ...details, actor, at: context.occurredAt } };
    const result = await this.runner.run(userStream(userId), userDecider, command, { context });
    return { userId, keyId, apiKey: key, position: result.position.toString() };
  }

  async revokeKey(actor: UserActor, userId: string, keyId: string, context: CommandContext, reason?: string): Promise<{ position: string }> {
    const command: UserCommand = { type: 'RevokeApiKey', data: { userId, keyId, ...(reason !== undefined ? { reason } : {}), actor, at: context.occurredAt } };
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
