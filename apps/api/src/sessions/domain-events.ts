import { DOMAIN_UPCASTERS, type SessionEvent } from '@crystalyse/domain';
import type { RecordedEvent } from '@crystalyse/event-store';

/** Stored events as the domain folds them: upcast to the current schema first. */
export const toDomainEvents = (events: RecordedEvent[]): SessionEvent[] =>
  events.map((stored) => {
    const e = DOMAIN_UPCASTERS.upcast(stored);
    return { type: e.type, data: e.data } as SessionEvent;
  });
