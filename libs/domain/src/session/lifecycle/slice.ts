// The lifecycle slice as the core routes it. Starting, pausing, resuming and archiving follow the
// seed's diagram; the session's status, name and metadata are the session's own, so a branch
// refuses every command here. (CreateSession is decided by the core before any guard: see
// decideCreate.)
import { ownValue } from '../../json.js';
import { requireTemplateName } from '../../template/template.state.js';
import { FACT, one, renamed } from '../core/import-step.js';
import { actor, check, id, int, list, oneOf, optional, text } from '../core/shapes.js';
import type { Slice } from '../core/slice.js';
import { SESSION_TYPES } from '../core/state.js';
import { ANY_BUT_ARCHIVED } from '../core/statuses.js';
import { LIMITS, METADATA_KEY_PATTERN, requireConfig, requireMetadata, requirePattern } from '../core/validation.js';
import type { GovernanceCommand, LifecycleCommand } from './commands.js';
import { decideCreate, decideGovernance, decideLifecycle } from './decide.js';
import type { LifecycleEvent } from './events.js';
import { evolveLifecycle } from './evolve.js';
import { requireParameters } from './seed.js';

const STATUS = () => ['governance.status'];
const metadataKey = check((f, v) => requirePattern(f, v, METADATA_KEY_PATTERN, 'a metadata key'));

export const lifecycleSlice: Slice<LifecycleCommand | GovernanceCommand, LifecycleEvent> & { create: typeof decideCreate } = {
  // Decided by the core before any guard: the session does not exist yet.
  create: decideCreate,
  decide: (command, state) =>
    command.type === 'RenameSession' || command.type === 'UpdateSessionMetadata' ? decideGovernance(command, state) : decideLifecycle(command, state),
  evolve: evolveLifecycle,
  commands: {
    StartSession: { statuses: ['created'], action: 'start', sessionOnly: 'start the session, not a branch', fields: STATUS },
    PauseSession: { statuses: ['active'], action: 'pause', sessionOnly: 'pause the session, not a branch', fields: STATUS },
    ResumeSession: { statuses: ['paused', 'archived'], action: 'resume', sessionOnly: 'resume the session, not a branch', fields: STATUS },
    ArchiveSession: { statuses: ['paused'], action: 'archive', sessionOnly: 'archive the session, not a branch', fields: STATUS },
    RenameSession: { statuses: ANY_BUT_ARCHIVED, action: 'rename', sessionOnly: 'rename the session, not a branch', fields: () => ['governance.name'] },
    UpdateSessionMetadata: {
      statuses: ANY_BUT_ARCHIVED,
      action: 'update metadata',
      sessionOnly: "update the session's metadata, not a branch's",
      fields: (c) => [...Object.keys(c.data.set ?? {}), ...(c.data.remove ?? [])].map((k) => `governance.metadata.${k}`),
    },
  },
  events: {
    SessionCreated: {
      shape: {
        sessionId: id, ownerId: actor, sessionType: oneOf(SESSION_TYPES), name: text(LIMITS.name),
        metadata: check(requireMetadata), config: check(requireConfig),
      },
      step: (e, base) => {
        const { sessionType, name, metadata, config } = e.data;
        return one({ type: 'CreateSession', data: { sessionType, name, metadata, config } }, base);
      },
    },
    SessionStarted: { shape: {}, step: (_e, base) => one({ type: 'StartSession', data: {} }, base) },
    SessionPaused: { shape: { reason: optional(text(LIMITS.reason)) }, step: (e, base) => one({ type: 'PauseSession', data: { reason: e.data.reason } }, base) },
    SessionResumed: { shape: { from: oneOf(['paused', 'archived']) }, step: (_e, base) => one({ type: 'ResumeSession', data: {} }, base) },
    SessionArchived: { shape: { reason: optional(text(LIMITS.reason)) }, step: (e, base) => one({ type: 'ArchiveSession', data: { reason: e.data.reason } }, base) },
    SessionRenamed: { shape: { name: text(LIMITS.name) }, step: (e, base) => one({ type: 'RenameSession', data: { name: e.data.name } }, base) },
    SessionMetadataUpdated: {
      shape: { set: check(requireMetadata), removed: list(metadataKey, LIMITS.metadataKeys) },
      step: (e, base) => one({ type: 'UpdateSessionMetadata', data: { set: e.data.set, remove: e.data.removed } }, base, renamed({ remove: 'removed' })),
    },
    // Facts no command of a session stream decides alone: the import admits them (export/import.ts).
    SessionImported: { shape: { sourceSessionId: id, sourceRevision: int() }, step: () => FACT },
    SessionSeededFromTemplate: { shape: { template: check(requireTemplateName), version: int(1), parameters: check(requireParameters) }, step: () => FACT },
  },
  fields: {
    'governance.metadata.': (s, k) => ownValue(s.governance.metadata, k),
  },
};
