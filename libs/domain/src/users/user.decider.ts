// A user and their API keys. Key material is generated outside (an input), so decide stays pure.
import type { Decider } from '@crystalyse/event-store';
import { Forbidden, ValidationError, UserNotFound, KeyNotFound, AlreadyExists } from '../errors.js';
import type { UserEvent, UserRole } from './user.events.js';

export type UserCommand =
  | { type: 'RegisterUser'; data: { userId: string; name: string; role: UserRole; at: string } }
  | { type: 'IssueApiKey'; data: { userId: string; keyId: string; keyHash: string; label?: string; at: string } }
  | { type: 'RevokeApiKey'; data: { userId: string; keyId: string; at: string } };

export interface UserState {
  exists: boolean;
  userId: string;
  name: string;
  role: UserRole;
  keys: Array<{ keyId: string; keyHash: string; revoked: boolean }>;
}

const initialState = (): UserState => ({ exists: false, userId: '', name: '', role: 'member', keys: [] });

function evolve(state: UserState, event: UserEvent): UserState {
  switch (event.type) {
    case 'UserRegistered':
      return { ...state, exists: true, userId: event.data.userId, name: event.data.name, role: event.data.role };
    case 'ApiKeyIssued':
      return { ...state, keys: [...state.keys, { keyId: event.data.keyId, keyHash: event.data.keyHash, revoked: false }] };
    case 'ApiKeyRevoked':
      return { ...state, keys: state.keys.map((k) => (k.keyId === event.data.keyId ? { ...k, revoked: true } : k)) };
    default: {
      const _never: never = event;
      throw new Error(`Unknown user event ${JSON.stringify(_never)}`);
    }
  }
}

function decide(command: UserCommand, state: UserState): UserEvent[] {
  switch (command.type) {
    case 'RegisterUser': {
      if (state.exists) throw new AlreadyExists('user', command.data.userId);
      const name = command.data.name.trim();
      if (name.length === 0 || name.length > 100) throw new ValidationError('name', 'name must be 1 to 100 characters');
      return [{ type: 'UserRegistered', data: { ...command.data, name } }];
    }
    case 'IssueApiKey':
      if (!state.exists) throw new UserNotFound(command.data.userId);
      return [{ type: 'ApiKeyIssued', data: command.data }];
    case 'RevokeApiKey': {
      if (!state.exists) throw new UserNotFound(command.data.userId);
      const key = state.keys.find((k) => k.keyId === command.data.keyId);
      if (!key) throw new KeyNotFound(command.data.keyId);
      if (key.revoked) return [];
      if (state.keys.filter((k) => !k.revoked).length === 1 && state.role === 'owner') {
        throw new Forbidden('the owner\'s last key cannot be revoked: issue another key first');
      }
      return [{ type: 'ApiKeyRevoked', data: command.data }];
    }
    default: {
      const _never: never = command;
      throw new Error(`Unknown user command ${JSON.stringify(_never)}`);
    }
  }
}

export const userDecider: Decider<UserCommand, UserEvent, UserState> = { initialState, evolve, decide };
