// Which session permission each signature and audit route needs, taken from THE permission table
// (domain core/permissions.ts; the routes name their operation with @Requires and the guard
// checks it first). The services check again on the state they decide on: someone who may not
// read the session gets 404 (its existence is not leaked), someone who may read it but lacks the
// permission gets 403.
import { assertCanRead, Forbidden, permissionFor, permissionsOf, type Permission, type SessionState } from '@crystalyse/domain';

export const SIGNATURE_ROUTE_PERMISSIONS = {
  /** POST /sessions/:id/signatures: a signature is appended to the session, as any change is. */
  sign: permissionFor('sign'),
  /** GET /sessions/:id/signatures */
  listSignatures: permissionFor('readSession'),
  /** GET /sessions/:id/audit (JSON and RO-Crate) */
  audit: permissionFor('readSession'),
} as const satisfies Record<string, Permission>;

export type SignatureRouteAction = keyof typeof SIGNATURE_ROUTE_PERMISSIONS;

export function assertSignatureRouteAllowed(action: SignatureRouteAction, state: SessionState, sessionId: string, userId: string): void {
  assertCanRead(state, sessionId, userId);
  const needed = SIGNATURE_ROUTE_PERMISSIONS[action];
  if (!permissionsOf(state, userId).includes(needed)) throw new Forbidden(`this needs the ${needed} permission on the session`);
}
