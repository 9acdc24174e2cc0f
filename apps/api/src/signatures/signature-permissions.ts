// Which session permission each signature and audit route needs: the one function these routes
// call, so the collaboration permission table can take these names over as they are. Today only
// the owner may do anything with a session (the owner holds every permission: see
// permissionsOf), so this is the same check every other session endpoint makes: someone who may
// not read the session gets 404 (its existence is not leaked), someone who may read it but lacks
// the permission gets 403.
import { assertCanRead, Forbidden, permissionsOf, type Permission, type SessionState } from '@crystalyse/domain';

export const SIGNATURE_ROUTE_PERMISSIONS = {
  /** POST /sessions/:id/signatures: a signature is appended to the session, as any change is. */
  sign: 'write',
  /** GET /sessions/:id/signatures */
  listSignatures: 'read',
  /** GET /sessions/:id/audit (JSON and RO-Crate) */
  audit: 'read',
} as const satisfies Record<string, Permission>;

export type SignatureRouteAction = keyof typeof SIGNATURE_ROUTE_PERMISSIONS;

export function assertSignatureRouteAllowed(action: SignatureRouteAction, state: SessionState, sessionId: string, userId: string): void {
  assertCanRead(state, sessionId, userId);
  const needed = SIGNATURE_ROUTE_PERMISSIONS[action];
  if (!permissionsOf(state, userId).includes(needed)) throw new Forbidden(`this needs the ${needed} permission on the session`);
}
