// The branches slice as the core routes it. It adds a guard to every command of the session: a
// discarded branch takes nothing, and a branch refuses the commands of the session itself. A
// merge is a three-way merge against the parent as it is when decided, so it is always rebased.
import { ValidationError } from '../../errors.js';
import { FACT, one, renamed } from '../core/import-step.js';
import { actor, checkpointName, COUNTS, id, int, list, MANY, nullable, oneOf, optional, text } from '../core/shapes.js';
import { WHOLE_WORKSPACE, type Slice } from '../core/slice.js';
import { MERGE_STRATEGIES } from '../core/state.js';
import { ANY_BUT_ARCHIVED, WORKING } from '../core/statuses.js';
import { LIMITS } from '../core/validation.js';
import { MERGE_RESOLUTION, WORKSPACE_CHANGES } from './changes.shape.js';
import type { BranchCommand } from './commands.js';
import { assertBranchAllows, decideBranch } from './decide.js';
import type { BranchEvent } from './events.js';
import { evolveBranch } from './evolve.js';

export const branchesSlice: Slice<BranchCommand, BranchEvent> = {
  decide: decideBranch,
  evolve: evolveBranch,
  guard: assertBranchAllows,
  commands: {
    // A fork and a discard are allowed while paused, like a checkpoint; a merge changes the workspace.
    CreateBranch: { statuses: ANY_BUT_ARCHIVED, action: 'create a branch', fields: (c) => [`governance.branches.${c.data.branchId}`] },
    // The first event of a new stream, like CreateSession: nothing to conflict with.
    ForkBranch: { statuses: ANY_BUT_ARCHIVED, action: 'fork a branch', fields: () => [] },
    MergeBranch: {
      statuses: WORKING,
      action: 'merge a branch',
      fields: (c) => [`governance.branches.${c.data.branchId}`, ...WHOLE_WORKSPACE],
      commutative: true,
    },
    DiscardBranch: { statuses: ANY_BUT_ARCHIVED, action: 'discard a branch', fields: (c) => [`governance.branches.${c.data.branchId}`] },
  },
  events: {
    BranchCreated: {
      shape: { branchId: id, name: text(LIMITS.name), forkRevision: int(), fromCheckpoint: optional(checkpointName), createdBy: actor },
      step: (e, base) => {
        const { branchId, name, forkRevision, fromCheckpoint } = e.data;
        const data = { branchId, name, fromRevision: forkRevision, ...(fromCheckpoint !== undefined ? { fromCheckpoint } : {}) };
        return one({ type: 'CreateBranch', data }, base, renamed({ fromRevision: 'forkRevision' }));
      },
    },
    BranchForked: {
      shape: { branchId: id, sessionId: id, name: text(LIMITS.name), parentStream: text(LIMITS.name), parentBranchId: nullable(id), forkRevision: int() },
      step: (_e, _base, _events, i) => {
        throw new ValidationError(`events[${i}].type`, `events[${i}]: BranchForked starts a branch stream and never appears in a session's`);
      },
    },
    // The branch's stream is not in a backup: the import admits a merge by the checks its command makes.
    BranchMerged: {
      shape: {
        branchId: id, branchRevision: int(), strategy: oneOf(MERGE_STRATEGIES), changes: WORKSPACE_CHANGES, resolutions: list(MERGE_RESOLUTION, MANY),
        counts: optional(COUNTS), reason: optional(text(LIMITS.reason)),
      },
      step: () => FACT,
    },
    BranchDiscarded: {
      shape: { branchId: id, reason: optional(text(LIMITS.reason)) },
      step: (e, base) => one({ type: 'DiscardBranch', data: { branchId: e.data.branchId, ...(e.data.reason !== undefined ? { reason: e.data.reason } : {}) } }, base),
    },
  },
  fields: {
    'governance.branches.': (s, k) => s.governance.branches.find((b) => b.branchId === k),
  },
};
