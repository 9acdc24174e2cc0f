// Who may see or change a session. The owner holds every permission; a member holds what the
// members slice recorded (always with `read`); a share link (actor `link:<linkId>`) holds `read`,
// or `read` and `comment`, until it expires or is revoked. Governance is not part of the
// workspace, so no restore, fork or merge changes any of this.
// Someone who may not see a session learns nothing of it, not even that it exists: they get the
// SessionNotFound an unknown id gets. Forbidden is for a caller who sees the session but lacks
// the permission the action needs. Which action needs which permission: permissions.ts.
import { Forbidden, SessionNotFound } from '../../errors.js';
import { ownValue } from '../../json.js';
import { PERMISSIONS, type Permission, type SessionState, type ShareLink } from './state.js';

/** The actor a share link acts as. */
export const LINK_ACTOR_PREFIX = 'link:';
export const linkActor = (linkId: string): string => `${LINK_ACTOR_PREFIX}${linkId}`;

/** The session's share links (none in states made before links existed). */
export const shareLinksOf = (state: SessionState): Readonly<Record<string, ShareLink>> => state.governance.shareLinks ?? {};

/** Whether a link grants anything at `now`: not revoked, not expired. */
export const isLinkLive = (link: ShareLink, now: string): boolean => link.revokedAt === null && now < link.expiresAt;

/**
 * What the actor may do. `now` (ISO 8601) is when: a share link past its expiry grants nothing.
 * Without it a link is judged as never expiring (decide always passes the command's time).
 */
export function permissionsOf(state: SessionState, actorId: string, now?: string): readonly Permission[] {
  if (!state.exists) return [];
  const g = state.governance;
  if (g.ownerId === actorId) return PERMISSIONS;
  if (actorId.startsWith(LINK_ACTOR_PREFIX)) {
    const link = ownValue(shareLinksOf(state), actorId.slice(LINK_ACTOR_PREFIX.length));
    if (!link || link.revokedAt !== null || (now !== undefined && now >= link.expiresAt)) return [];
    return link.permissions === 'comment' ? ['read', 'comment'] : ['read'];
  }
  return ownValue(g.members, actorId) ?? [];
}

export const canRead = (state: SessionState, userId: string, now?: string): boolean => permissionsOf(state, userId, now).includes('read');

export const isOwner = (state: SessionState, userId: string): boolean => state.exists && state.governance.ownerId === userId;

/** Throws SessionNotFound, alike for an unknown session and one the user may not see. */
export function assertCanRead(state: SessionState, sessionId: string, userId: string, now?: string): void {
  if (!canRead(state, userId, now)) throw new SessionNotFound(sessionId);
}

/** SessionNotFound for whoever may not see the session; Forbidden for a reader without `permission`. */
export function assertMay(state: SessionState, sessionId: string, actorId: string, permission: Permission, now?: string): void {
  const held = permissionsOf(state, actorId, now);
  if (!held.includes('read')) throw new SessionNotFound(sessionId);
  if (!held.includes(permission)) throw new Forbidden(`this needs the ${permission} permission on the session`);
}
