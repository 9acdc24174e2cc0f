// The TypeScript client of Crystalyse Sessions, named after the seed guide's calls in camelCase.
export { SessionManager } from './session-manager.js';
export { Session } from './session.js';
export { Branch } from './branch.js';
export { Workspace, type RevisionOrInstant } from './workspace.js';
export type { WorkspaceOptions } from './workspace-core.js';
export { SessionError, ConflictError, NotFoundError, AuthError, PermissionError, type Conflict, type SessionErrorKind } from './errors.js';
export type { Transport } from './transport.js';
export type { EmbeddedOptions } from './embedded-transport.js';
export type { CallOptions } from './http-client.js';
export { Admin, type IssuedKey, type ProjectionStatus, type RebuildResult as ProjectionRebuild } from './admin.js';
export type { LiveEvent, PageOptions } from './iterators.js';
export type { ResolveResult, ResolveStrategy } from './changes.js';
export { SseParser, readSse, type SseEvent } from './sse.js';
export type { ToolsView } from './session-agent.js';
export type * from './types.js';
export type * from './agent-types.js';
export type * from './workspace-types.js';
