// Commands of session hygiene (the seed's best practices): clean up old context, archive
// completed tasks. Compressing the history is a SummariseHistory (see compressionRange).
import type { Cmd } from '../core/command-base.js';

/** `before` is the cutoff instant the application computed from its clock (now minus N days). */
export type CleanupOldContext = Cmd<'CleanupOldContext', { before: string }>;
export type ArchiveCompletedTasks = Cmd<'ArchiveCompletedTasks'>;

export type HygieneCommand = CleanupOldContext | ArchiveCompletedTasks;
