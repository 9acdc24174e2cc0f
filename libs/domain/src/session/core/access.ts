// Who may see or change a session. For now only the owner; members are typed and read here so
// the collaboration issue only adds the events that fill them.
// Someone who may not see a session learns nothing of it, not even that it exists: they get the
// SessionNotFound an unknown id gets. Forbidden is for a caller who sees the session but lacks
// the permission the action needs.
import { Forbidden, SessionNotFound } from '../../errors.js';
import { PERMISSIONS, type Permission, type SessionState } from './state.js';

export function permissionsOf(state: SessionState, userId: string): readonly Permission[] {
  if (!state.exists) return [];
  if (state.governance.ownerId === userId) return PERMISSIONS;
  // Only the owner for now: members' permissions are honoured once the collaboration issue
  // defines how they are granted and revoked.
  return [];
}

export const canRead = (state: SessionState, userId: string): boolean => permissionsOf(state, userId).includes('read');

export const canWrite = (state: SessionState, userId: string): boolean => permissionsOf(state, userId).includes('write');

/** Throws SessionNotFound, alike for an unknown session and one the user may not see. */
export function assertCanRead(state: SessionState, sessionId: string, userId: string): void {
  if (!canRead(state, userId)) throw new SessionNotFound(sessionId);
}

export function assertCanChange(state: SessionState, sessionId: string, userId: string): void {
  assertCanRead(state, sessionId, userId);
  if (!canWrite(state, userId)) throw new Forbidden('you may not change this session');
}
