// decide for members, comments and share links. Access has been checked by the core already
// (permissions.ts: manage for members, comment for comments, share for links).
import { NotFound, ValidationError } from '../../errors.js';
import { isPlainObject, ownValue } from '../../json.js';
import { shareLinksOf } from '../core/access.js';
import { PERMISSIONS, LINK_PERMISSIONS, type Permission, type SessionState } from '../core/state.js';
import { LIMITS, optionalText, requireId, requireInstant, requireOneOf, requirePattern, requireText } from '../core/validation.js';
import type { CommentTarget, MembersCommand } from './commands.js';
import type { MembersEvent } from './events.js';

export const COMMENT_CHARS = 10_000;
/** A user id as the identity service makes them (and the envelope's actor carries them). */
export const USER_ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;
export const TOKEN_HASH_PATTERN = /^[0-9a-f]{64}$/;

export const requireUserId = (field: string, value: unknown): string => requirePattern(field, value, USER_ID_PATTERN, 'a user id');

/** The permissions as recorded: known ones only, each once, in the table's order, `read` always among them. */
export function normalisePermissions(field: string, value: unknown): Permission[] {
  if (!Array.isArray(value) || value.length === 0) throw new ValidationError(field, `${field} must be a non-empty list of ${PERMISSIONS.join(', ')}`);
  if (value.length > PERMISSIONS.length * 2) throw new ValidationError(field, `${field} lists too many permissions`);
  value.forEach((p, i) => requireOneOf(`${field}[${i}]`, p, PERMISSIONS));
  const given = new Set<string>([...(value as string[]), 'read']);
  return PERMISSIONS.filter((p) => given.has(p));
}

function requireTarget(field: string, value: unknown, state: SessionState): CommentTarget {
  if (!isPlainObject(value)) throw new ValidationError(field, `${field} must be { turnId } or { discoveryId }`);
  const keys = Object.keys(value);
  if (keys.length !== 1 || (keys[0] !== 'turnId' && keys[0] !== 'discoveryId')) throw new ValidationError(field, `${field} must be { turnId } or { discoveryId }`);
  if (keys[0] === 'turnId') {
    const turnId = requireId(`${field}.turnId`, value.turnId);
    if (!state.workspace.conversation.has(turnId)) throw new NotFound('turn', turnId);
    return { turnId };
  }
  const discoveryId = requireId(`${field}.discoveryId`, value.discoveryId);
  if (!state.workspace.discoveries.has(discoveryId)) throw new NotFound('discovery', discoveryId);
  return { discoveryId };
}

export function decideMembers(command: MembersCommand, state: SessionState): MembersEvent[] {
  const { at, actorId } = command.data;
  const g = state.governance;
  switch (command.type) {
    case 'SetMemberPermissions': {
      const userId = requireUserId('userId', command.data.userId);
      const permissions = normalisePermissions('permissions', command.data.permissions);
      const reason = optionalText('reason', command.data.reason, LIMITS.reason);
      if (userId === g.ownerId) throw new ValidationError('userId', 'the owner holds every permission; theirs cannot be changed');
      const now = ownValue(g.members, userId);
      if (now && now.length === permissions.length && now.every((p, i) => p === permissions[i])) return [];
      return [{ type: 'MemberPermissionsSet', data: { userId, permissions, ...(reason ? { reason } : {}), at } }];
    }
    case 'RemoveMember': {
      const userId = requireUserId('userId', command.data.userId);
      const reason = optionalText('reason', command.data.reason, LIMITS.reason);
      if (userId === g.ownerId) throw new ValidationError('userId', 'the owner cannot be removed');
      if (!ownValue(g.members, userId)) throw new NotFound('member', userId);
      return [{ type: 'MemberRemoved', data: { userId, ...(reason ? { reason } : {}), at } }];
    }
    case 'AddComment': {
      const commentId = requireId('commentId', command.data.commentId);
      const on = requireTarget('on', command.data.on, state);
      const text = requireText('text', command.data.text, COMMENT_CHARS);
      return [{ type: 'CommentAdded', data: { commentId, on, text, authorId: actorId, at } }];
    }
    case 'CreateShareLink': {
      const linkId = requireId('linkId', command.data.linkId);
      const tokenHash = requirePattern('tokenHash', command.data.tokenHash, TOKEN_HASH_PATTERN, 'a SHA-256 in hex');
      const permissions = requireOneOf('permissions', command.data.permissions, LINK_PERMISSIONS);
      const expiresAt = requireInstant('expiresAt', command.data.expiresAt);
      if (expiresAt <= at) throw new ValidationError('expiresAt', 'expiresAt must be in the future');
      if (ownValue(shareLinksOf(state), linkId)) throw new ValidationError('linkId', `share link ${linkId} exists already`);
      return [{ type: 'ShareLinkCreated', data: { linkId, tokenHash, permissions, expiresAt, createdBy: actorId, at } }];
    }
    case 'RevokeShareLink': {
      const linkId = requireId('linkId', command.data.linkId);
      const reason = optionalText('reason', command.data.reason, LIMITS.reason);
      const link = ownValue(shareLinksOf(state), linkId);
      if (!link) throw new NotFound('share link', linkId);
      if (link.revokedAt !== null) return [];
      return [{ type: 'ShareLinkRevoked', data: { linkId, ...(reason ? { reason } : {}), at } }];
    }
    default: {
      const _never: never = command;
      throw new Error(`Unknown members command ${JSON.stringify(_never)}`);
    }
  }
}
