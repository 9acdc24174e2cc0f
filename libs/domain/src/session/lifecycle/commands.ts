// The commands of a session's life (create, start, pause, resume, archive) and of its governance
// (rename, metadata).
import type { JsonObject, JsonValue } from '../../json.js';
import type { Cmd } from '../core/command-base.js';
import type { ContextConfig, ContextKind, DiscoveryConfig, SessionType } from '../core/state.js';

/** What a template puts in a new session, parameters filled in (see instantiateTemplate). */
export interface TemplateSeed {
  template: string;
  version: number;
  parameters: Record<string, string>;
  contextConfig: ContextConfig;
  discoveryConfig: DiscoveryConfig;
  contextItems: Array<{ key: string; value: JsonValue; kind: ContextKind }>;
  focus: string | null;
  hypotheses: Array<{ hypothesisId: string; statement: string }>;
  tasks: Array<{ taskId: string; title: string }>;
}

export type CreateSession = Cmd<'CreateSession', {
  sessionType: SessionType;
  name: string;
  metadata?: JsonObject;
  config?: JsonObject;
  /** A session created from a template starts with what the template seeds. */
  template?: TemplateSeed;
}>;
export type StartSession = Cmd<'StartSession'>;
export type PauseSession = Cmd<'PauseSession', { reason?: string }>;
export type ResumeSession = Cmd<'ResumeSession'>;
export type ArchiveSession = Cmd<'ArchiveSession', { reason?: string }>;
export type RenameSession = Cmd<'RenameSession', { name: string }>;
/** Patch semantics: `set` writes keys, `remove` deletes them; other keys stay. */
export type UpdateSessionMetadata = Cmd<'UpdateSessionMetadata', { set?: JsonObject; remove?: string[] }>;

export type LifecycleCommand = StartSession | PauseSession | ResumeSession | ArchiveSession;
export type GovernanceCommand = RenameSession | UpdateSessionMetadata;
