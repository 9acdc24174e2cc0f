// Who may see or change a session. For now only the owner; members are typed and read here so
// the collaboration issue only adds the events that fill them.
import { Forbidden, SessionNotFound } from '../errors.js';
import { PERMISSIONS, type Permission, type SessionState } from './session.state.js';

export function permissionsOf(state: SessionState, userId: string): readonly Permission[] {
  if (!state.exists) return [];
  if (state.governance.ownerId === userId) return PERMISSIONS;
  // Only the owner for now: members' permissions are honoured once the collaboration issue
  // defines how they are granted and revoked.
  return [];
}

export const canRead = (state: SessionState, userId: string): boolean => permissionsOf(state, userId).includes('read');

export const canWrite = (state: SessionState, userId: string): boolean => permissionsOf(state, userId).includes('write');

/** For queries: throws SessionNotFound or Forbidden; the message names nothing of the session. */
export function assertCanRead(state: SessionState, sessionId: string, userId: string): void {
  if (!state.exists) throw new SessionNotFound(sessionId);
  if (!canRead(state, userId)) throw new Forbidden('you may not see this session');
}

export function assertCanChange(state: SessionState, sessionId: string, userId: string): void {
  if (!state.exists) throw new SessionNotFound(sessionId);
  if (!canWrite(state, userId)) throw new Forbidden('you may not change this session');
}
