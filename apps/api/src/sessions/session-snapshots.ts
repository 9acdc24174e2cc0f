import type { SnapshotOptions } from '@crystalyse/event-store';
import { KEYED_PARTS, readPart, sessionFromSnapshot, sessionToSnapshot, type Items, type SessionState } from '@crystalyse/domain';

// A snapshot once 100 events were folded since the last one, or a quarter of the session's records
// when that is more: writing one costs its size, so each event pays a constant share of it. Bump
// `version` whenever SessionState changes shape, so old snapshots are ignored instead of misread.
export const SESSION_SNAPSHOTS: SnapshotOptions<SessionState> = {
  every: 100,
  version: 'session-state-5',
  sizeOf: (state) => KEYED_PARTS.reduce((n, part) => n + (readPart(state, part) as Items<unknown>).size, 0),
  toJSON: sessionToSnapshot,
  fromJSON: sessionFromSnapshot,
};
