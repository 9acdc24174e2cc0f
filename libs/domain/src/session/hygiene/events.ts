// The events of session hygiene: each tidies the working context, and nothing leaves the log.
// Stored names: rename nothing, add new types instead.
import type { DomainEvent } from '@crystalyse/event-store';

interface At {
  at: string;
}

/** The context items added before `before` leave the working context (the log keeps them). */
export type ContextItemsExpired = DomainEvent<'ContextItemsExpired', At & { keys: string[]; before: string }>;
/** Completed tasks leave the working list for the archived tasks. */
export type TasksArchived = DomainEvent<'TasksArchived', At & { taskIds: string[] }>;

export type HygieneEvent = ContextItemsExpired | TasksArchived;
