import type { SnapshotOptions } from '@crystalyse/event-store';
import type { SessionState } from '@crystalyse/domain';

// Long sessions load from a snapshot taken every 100 events; bump `version` whenever
// SessionState changes shape, so old snapshots are ignored instead of misread.
export const SESSION_SNAPSHOTS: SnapshotOptions<SessionState> = { every: 100, version: 'session-state-4' };
