// evolve: the one place events change state. Pure and total over valid streams; it hands each
// event to its slice's evolve, which returns new values and shares the untouched parts (see
// updates.ts), and counts the event and its time here, for every slice alike.
import type { SessionEvent } from './events.js';
import { eventRoute } from './slices.js';
import type { SessionState } from './state.js';

export function evolveSession(state: SessionState, event: SessionEvent): SessionState {
  const next = eventRoute(event.type).slice.evolve(state, event);
  return { ...next, eventCount: state.eventCount + 1, governance: { ...next.governance, updatedAt: event.data.at } };
}
