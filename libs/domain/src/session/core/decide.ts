// decide: the guards every command passes, in a fixed order, then the concern that decides it.
// Order: the envelope is valid → the session exists and the actor may change it → a branch allows
// the command (it is not discarded; lifecycle and governance belong to the session) → the status
// allows it → the command's own checks. Access comes first so that a stranger learns nothing about
// the session, not even its status. A branch is decided like a session: its state is folded from
// the session's governance and the parent's workspace (see branchBaseState).
import { assertBranchAllows, decideBranch } from '../branches/index.js';
import { decideCheckpoint } from '../checkpoints/index.js';
import { decideDiscovery } from '../discoveries/index.js';
import { decideHygiene } from '../hygiene/index.js';
import { assertStatusAllows, decideCreate, decideGovernance, decideLifecycle } from '../lifecycle/index.js';
import { decideQuery } from '../queries/index.js';
import { decideSummary } from '../summaries/index.js';
import { decideWorkspace } from '../workspace/index.js';
import { assertCanChange } from './access.js';
import type { SessionCommand } from './commands.js';
import type { SessionEvent } from './events.js';
import { evolveSession } from './evolve.js';
import type { SessionState } from './state.js';
import { checkBase } from './validation.js';

export function decideSession(command: SessionCommand, state: SessionState): SessionEvent[] {
  checkBase(command.data);
  if (command.type === 'CreateSession') return decideCreate(command, state, evolveSession);

  const { sessionId, actorId } = command.data;
  assertCanChange(state, sessionId, actorId);
  // A command routed to another session's stream is a bug in the caller, not a user error.
  if (state.id !== sessionId) throw new Error(`Command for session ${sessionId} decided on session ${state.id}`);
  assertBranchAllows(command, state);
  // A branch of a session not started yet works as an active one: a question asked there does
  // not start the session (it is another stream), so its answer must still be recordable.
  const status = state.branch !== null && state.governance.status === 'created' ? 'active' : state.governance.status;
  assertStatusAllows(command.type, status);

  switch (command.type) {
    case 'StartSession':
    case 'PauseSession':
    case 'ResumeSession':
    case 'ArchiveSession':
      return decideLifecycle(command, state);
    case 'RenameSession':
    case 'UpdateSessionMetadata':
      return decideGovernance(command, state);
    case 'ConfigureContext':
    case 'AddContextItem':
    case 'RemoveContextItem':
    case 'ClearContext':
    case 'SetFocus':
    case 'AddHypothesis':
    case 'AddTask':
    case 'CompleteTask':
      return decideWorkspace(command, state);
    case 'SaveCheckpoint':
    case 'RestoreCheckpoint':
    case 'RecoverFromCheckpoint':
      return decideCheckpoint(command, state);
    case 'AskQuery':
    case 'RecordAnswer':
    case 'FailQuery':
    case 'RecordToolInvocation':
      return decideQuery(command, state);
    case 'ConfigureDiscoveries':
    case 'RecordDiscovery':
    case 'LinkDiscoveries':
    case 'ValidateDiscovery':
    case 'RejectDiscovery':
    case 'TagDiscovery':
      return decideDiscovery(command, state);
    case 'SummariseHistory':
    case 'RecordSummary':
      return decideSummary(command, state);
    case 'CreateBranch':
    case 'ForkBranch':
    case 'MergeBranch':
    case 'DiscardBranch':
      return decideBranch(command, state);
    case 'CleanupOldContext':
    case 'ArchiveCompletedTasks':
      return decideHygiene(command, state);
    default: {
      const _never: never = command;
      throw new Error(`Unknown session command ${JSON.stringify(_never)}`);
    }
  }
}
