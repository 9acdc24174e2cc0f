// The status machine's vocabulary: the sets of statuses the slices name as the ones that allow a
// command (each slice says it for its own commands: see slice.ts), and the "way out" a refusal
// names. The transitions themselves (start, pause, resume, archive) are the lifecycle slice's.
import type { SessionStatus } from './state.js';

export const ANY_BUT_ARCHIVED: readonly SessionStatus[] = ['created', 'active', 'paused'];
// A paused session keeps its workspace still until it is resumed.
export const WORKING: readonly SessionStatus[] = ['created', 'active'];
// The one exception: a query asked while active may be answered (or failed) after a pause, so
// the analyst's work in flight is recorded, not lost. Only AskQuery can open a query, and it
// starts a created session, so neither applies to one.
export const SETTLING: readonly SessionStatus[] = ['active', 'paused'];

/** What a refusal tells the caller to do first ("resume it first"). */
export function wayOut(type: string, status: SessionStatus): string {
  switch (status) {
    case 'archived':
      return type === 'ArchiveSession' ? 'it is already archived' : 'resume it first';
    case 'paused':
      return type === 'PauseSession' ? 'it is already paused' : 'resume it first';
    case 'created':
      return 'start it first';
    case 'active':
      if (type === 'StartSession') return 'it has already started';
      if (type === 'ResumeSession') return 'it is already active';
      return 'pause it first';
    default: {
      const _never: never = status;
      throw new Error(`Unknown status ${String(_never)}`);
    }
  }
}
