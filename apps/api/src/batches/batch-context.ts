// Who a batch runner or the scheduler acts as: with the session owner's permission, recorded as
// the system through its own channel, so the log says that no person pressed a button.
import type { Channel } from '@crystalyse/event-store';
import type { RequestContext } from '../http/request-context.js';

export function systemContext(ownerId: string, via: Channel, correlationId: string, commandId?: string): RequestContext {
  return {
    user: { userId: ownerId, name: 'system', role: 'owner', keyId: 'system' },
    actor: { userId: 'system', via },
    correlationId,
    ...(commandId ? { commandId } : {}),
  };
}
