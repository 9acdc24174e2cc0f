// The commands a session accepts. Every command names its session, its actor and the time it
// was issued, and carries any generated id: decide never reads the clock or makes up an id, so
// deciding again (a retry, a rebase) gives the same events.
import type { JsonObject, JsonValue } from '../json.js';
import type { ContextConfig, ContextKind, SessionType } from './session.state.js';

export interface CommandBase {
  sessionId: string;
  actorId: string;
  /** ISO 8601 time the command was issued. */
  at: string;
}

type Cmd<Type extends string, Data = object> = { type: Type; data: CommandBase & Data };

export type CreateSession = Cmd<'CreateSession', {
  sessionType: SessionType;
  name: string;
  metadata?: JsonObject;
  config?: JsonObject;
}>;
export type StartSession = Cmd<'StartSession'>;
export type PauseSession = Cmd<'PauseSession', { reason?: string }>;
export type ResumeSession = Cmd<'ResumeSession'>;
export type ArchiveSession = Cmd<'ArchiveSession', { reason?: string }>;
export type RenameSession = Cmd<'RenameSession', { name: string }>;
/** Patch semantics: `set` writes keys, `remove` deletes them; other keys stay. */
export type UpdateSessionMetadata = Cmd<'UpdateSessionMetadata', { set?: JsonObject; remove?: string[] }>;

export type ConfigureContext = Cmd<'ConfigureContext', Partial<ContextConfig>>;
/** The seed's `addContext(key, value)` is kind `custom`, the default. */
export type AddContextItem = Cmd<'AddContextItem', { key: string; value: JsonValue; kind?: ContextKind }>;
export type RemoveContextItem = Cmd<'RemoveContextItem', { key: string }>;
/** Exactly one of `kind` (every item of that kind) or `key` (one item); clearing nothing is a no-op. */
export type ClearContext = Cmd<'ClearContext', { kind?: ContextKind; key?: string }>;
export type SetFocus = Cmd<'SetFocus', { focus: string | null }>;
export type AddHypothesis = Cmd<'AddHypothesis', { hypothesisId: string; statement: string }>;
export type AddTask = Cmd<'AddTask', { taskId: string; title: string }>;
export type CompleteTask = Cmd<'CompleteTask', { taskId: string }>;

export type SaveCheckpoint = Cmd<'SaveCheckpoint', { name: string }>;
export type RestoreCheckpoint = Cmd<'RestoreCheckpoint', { name: string }>;
/** Restores the latest checkpoint: the seed's `recoverFromCheckpoint()`. */
export type RecoverFromCheckpoint = Cmd<'RecoverFromCheckpoint'>;

export type LifecycleCommand = StartSession | PauseSession | ResumeSession | ArchiveSession;
export type GovernanceCommand = RenameSession | UpdateSessionMetadata;
export type WorkspaceCommand =
  | ConfigureContext
  | AddContextItem
  | RemoveContextItem
  | ClearContext
  | SetFocus
  | AddHypothesis
  | AddTask
  | CompleteTask;
export type CheckpointCommand = SaveCheckpoint | RestoreCheckpoint | RecoverFromCheckpoint;

export type SessionCommand = CreateSession | LifecycleCommand | GovernanceCommand | WorkspaceCommand | CheckpointCommand;
export type SessionCommandType = SessionCommand['type'];
