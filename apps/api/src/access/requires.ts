// `@Requires(operation)` on a route: the operation of the permission table (domain
// core/permissions.ts) the route performs on the session named by its `:id` parameter (or, with
// `sessionFrom`, by a body field). The one guard (SessionAccessGuard) resolves it before the body
// is validated or anything else is looked at.
import { SetMetadata } from '@nestjs/common';
import type { Operation } from '@crystalyse/domain';

export const REQUIRES = 'crystalyse:requires';

export interface Requirement {
  operation: Operation;
  /** Where the session id is: the `:id` route parameter (default) or a body field. */
  sessionFrom?: { body: string };
}

export const Requires = (operation: Operation, sessionFrom?: Requirement['sessionFrom']) =>
  SetMetadata(REQUIRES, { operation, ...(sessionFrom ? { sessionFrom } : {}) } satisfies Requirement);

export const LINK_OPERATION = 'crystalyse:link-operation';

/** On a route opened by a share link (no key): the operation it performs, as the link's actor. */
export const LinkOperation = (operation: Operation) => SetMetadata(LINK_OPERATION, operation);
