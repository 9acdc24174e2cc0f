// Session hygiene (the seed's best practices): clean up old context, compress the history,
// archive completed tasks. Each is an event and nothing leaves the log; each appends nothing when
// there is nothing to do, so a scheduled run is harmless. Compressing is a history summary
// (SummariseHistory) through the turn `compressionRange` picks: one concept, not two.
import { ValidationError } from '../../errors.js';
import { summaryRange, type SummaryDue } from '../context/index.js';
import type { SessionState } from '../core/state.js';
import { requireInstant } from '../core/validation.js';
import type { HygieneCommand } from './commands.js';
import type { HygieneEvent } from './events.js';

export function decideHygiene(command: HygieneCommand, state: SessionState): HygieneEvent[] {
  const { at } = command.data;
  const ws = state.workspace;
  switch (command.type) {
    case 'CleanupOldContext': {
      const before = requireInstant('before', command.data.before);
      const cutoff = Date.parse(before);
      const keys = ws.contextItems.filter((i) => Date.parse(i.addedAt) < cutoff).map((i) => i.key);
      return keys.length === 0 ? [] : [{ type: 'ContextItemsExpired', data: { keys, before, at } }];
    }
    case 'ArchiveCompletedTasks': {
      const taskIds = ws.tasks.filter((t) => t.status === 'completed').map((t) => t.id);
      return taskIds.length === 0 ? [] : [{ type: 'TasksArchived', data: { taskIds, at } }];
    }
    default: {
      const _never: never = command;
      throw new Error(`Unknown hygiene command ${JSON.stringify(_never)}`);
    }
  }
}

/** The cutoff of `cleanupOldContext({ days })`: `days` before `now`, both from the application's clock. */
export function cutoffBefore(now: string, days: number): string {
  const from = Date.parse(requireInstant('now', now));
  if (typeof days !== 'number' || !Number.isFinite(days) || days < 0) throw new ValidationError('days', 'days must be a number from 0 up');
  return new Date(from - days * 86_400_000).toISOString();
}

/**
 * What `compressHistory()` summarises: every settled turn since the latest summary except the
 * newest `keepLast` turns, stopping before the first pending one. Null when there is nothing to
 * compress. The application writes the text (extractiveSummary, or a model) and sends
 * SummariseHistory through `throughQueryId`.
 */
export function compressionRange(state: SessionState, keepLast = 5): SummaryDue | null {
  if (!Number.isSafeInteger(keepLast) || keepLast < 0) throw new ValidationError('keepLast', 'keepLast must be an integer from 0 up');
  return summaryRange(state.workspace, keepLast);
}
