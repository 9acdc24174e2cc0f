// evolve for a batch: its settings, whether it is paused, when it completed. Per-item progress is
// not state (see progress.ts): an item event changes nothing a decision reads.
import { set, type Change } from '../core/changes.js';
import type { SessionState } from '../core/state.js';
import type { BatchEvent } from './events.js';

export function evolveBatch(state: SessionState, event: BatchEvent): Change[] {
  const batch = state.governance.batch ?? null;
  switch (event.type) {
    case 'BatchPlanned': {
      const { items, sharedContext, concurrency, retries, at } = event.data;
      return [set('governance.batch', { total: items.length, sharedContext, concurrency, retries, paused: false, plannedAt: at, completedAt: null })];
    }
    case 'BatchPaused':
      return batch ? [set('governance.batch', { ...batch, paused: true })] : [];
    case 'BatchResumed':
      return batch ? [set('governance.batch', { ...batch, paused: false })] : [];
    case 'BatchCompleted':
      return batch ? [set('governance.batch', { ...batch, completedAt: event.data.at })] : [];
    case 'BatchItemStarted':
    case 'BatchItemAnswered':
    case 'BatchItemFailed':
      return [];
    default: {
      const _never: never = event;
      throw new Error(`Unknown batch event ${JSON.stringify(_never)}`);
    }
  }
}
