// The events of a session's life and governance, and of how it came to be: created, seeded from
// a template, imported. Stored names: rename nothing, add new types instead.
import type { DomainEvent } from '@crystalyse/event-store';
import type { JsonObject } from '../../json.js';
import type { SessionType } from '../core/state.js';

interface At {
  at: string;
}

export type SessionCreated = DomainEvent<'SessionCreated', At & {
  sessionId: string;
  ownerId: string;
  sessionType: SessionType;
  name: string;
  metadata: JsonObject;
  config: JsonObject;
}>;
export type SessionStarted = DomainEvent<'SessionStarted', At>;
export type SessionPaused = DomainEvent<'SessionPaused', At & { reason?: string }>;
export type SessionResumed = DomainEvent<'SessionResumed', At & { from: 'paused' | 'archived' }>;
export type SessionArchived = DomainEvent<'SessionArchived', At & { reason?: string }>;
export type SessionRenamed = DomainEvent<'SessionRenamed', At & { name: string }>;
/** Only the keys that changed: `set` writes values, `removed` deletes keys. */
export type SessionMetadataUpdated = DomainEvent<'SessionMetadataUpdated', At & { set: JsonObject; removed: string[] }>;

/** Closes an import: the events before it were copied from another session (see their metadata). */
export type SessionImported = DomainEvent<'SessionImported', At & { sourceSessionId: string; sourceRevision: number }>;

/**
 * Follows SessionCreated in a session made from a template: which version, with which parameters.
 * The seeded context, focus, hypotheses and tasks follow as ordinary events.
 */
export type SessionSeededFromTemplate = DomainEvent<'SessionSeededFromTemplate', At & {
  template: string;
  version: number;
  parameters: Record<string, string>;
}>;

export type LifecycleEvent =
  | SessionCreated
  | SessionStarted
  | SessionPaused
  | SessionResumed
  | SessionArchived
  | SessionRenamed
  | SessionMetadataUpdated
  | SessionImported
  | SessionSeededFromTemplate;
