// evolve: the one place events change state. Pure and total over valid streams: each event's slice
// says what it changes (changes.ts), the core applies that, and counts the event and its time here,
// for every slice alike. `evolveWithChanges` also gives the changes as applied, for the timeline.
import { applyChanges, type AppliedChange } from './changes.js';
import type { SessionEvent } from './events.js';
import { eventRoute } from './slices.js';
import type { SessionState } from './state.js';

export function evolveWithChanges(state: SessionState, event: SessionEvent): { state: SessionState; applied: AppliedChange[] } {
  const changes = eventRoute(event.type).slice.evolve(state, event);
  const { state: next, applied } = applyChanges(state, changes);
  return { state: { ...next, eventCount: state.eventCount + 1, governance: { ...next.governance, updatedAt: event.data.at } }, applied };
}

export function evolveSession(state: SessionState, event: SessionEvent): SessionState {
  return evolveWithChanges(state, event).state;
}
