// The TypeScript client of Crystalyse Sessions, named after the seed guide's calls in camelCase.
export { SessionManager } from './session-manager.js';
export { Session } from './session.js';
export { Branch } from './branch.js';
export { Workspace, type RevisionOrInstant } from './workspace.js';
export type { WorkspaceOptions } from './workspace-core.js';
export { SessionError, ConflictError, NotFoundError, AuthError, PermissionError, type Conflict } from './errors.js';
export type { ResolveResult, ResolveStrategy } from './changes.js';
export { SseParser, readSse, type SseEvent } from './sse.js';
export type { CacheOptions, CacheStats } from './response-cache.js';
export type { ToolsView } from './session-agent.js';
export type * from './types.js';
export type * from './agent-types.js';
export type * from './workspace-types.js';
export type * from './signature-types.js';
export type * from './batch-types.js';
export type * from './collaboration-types.js';
export { SharedSessionClient } from './shared.js';
export { AgentItems, type AgentItemRecord, type AgentItemsList, type AgentItemsChange } from './agent-items.js';
