// The session decider: what `handle()` runs (load → fold evolve → decide → append).
import type { Decider } from '@crystalyse/event-store';
import type { SessionCommand } from './commands.js';
import { decideSession } from './decide.js';
import type { SessionEvent } from './events.js';
import { evolveSession } from './evolve.js';
import { initialSessionState, type SessionState } from './state.js';

export const sessionDecider: Decider<SessionCommand, SessionEvent, SessionState> = {
  initialState: initialSessionState,
  evolve: evolveSession,
  decide: decideSession,
};

/** Folds events from the empty state; the loader folds from a snapshot instead when it has one. */
export const foldSession = (events: Iterable<SessionEvent>, from: SessionState = initialSessionState()): SessionState => {
  let state = from;
  for (const event of events) state = evolveSession(state, event);
  return state;
};
