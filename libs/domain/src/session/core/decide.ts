// decide: the guards every command passes, in a fixed order, then the slice that decides it.
// Order: the envelope is valid → the session exists and the actor holds the permission the
// command's operation needs (permissions.ts) → the slices'
// guards allow it (a branch's: it is not discarded; lifecycle and governance belong to the session)
// → the status allows it → the command's own checks. Access comes first so that a stranger learns
// nothing about the session, not even its status. A branch is decided like a session: its state is
// folded from the session's governance and the parent's workspace (see branchBaseState).
// Which status allows which command is said by each command's slice; ALLOWED_STATUSES gathers it
// into one table, so the refusals and their "way out" can still be read, and tested, in one place.
import { IllegalTransition } from '../../errors.js';
import { lifecycleSlice } from '../lifecycle/index.js';
import { assertMay } from './access.js';
import { permissionForCommand } from './permissions.js';
import type { SessionCommand, SessionCommandType } from './commands.js';
import type { SessionEvent } from './events.js';
import { evolveSession } from './evolve.js';
import { COMMAND_RULES, commandRoute, SESSION_SLICES } from './slices.js';
import type { SessionState, SessionStatus } from './state.js';
import { wayOut } from './statuses.js';
import { checkBase } from './validation.js';

type StatusBound = Exclude<SessionCommandType, 'CreateSession'>;

export const ALLOWED_STATUSES: Readonly<Record<StatusBound, readonly SessionStatus[]>> = Object.fromEntries(
  [...COMMAND_RULES].map(([type, rule]) => [type, rule.statuses]),
) as Record<StatusBound, readonly SessionStatus[]>;

/** The action a command stands for, as refusals name it ("cannot pause: …"). */
export const actionOf = (type: StatusBound): string => commandRoute(type).rule.action;

export function assertStatusAllows(type: StatusBound, status: SessionStatus): void {
  const { rule } = commandRoute(type);
  if (!rule.statuses.includes(status)) throw new IllegalTransition(status, rule.action, wayOut(type, status));
}

/** The guards the slices add before the status check (a branch's: see branchesSlice). */
export function assertBranchAllows(command: Exclude<SessionCommand, { type: 'CreateSession' }>, state: SessionState): void {
  const { rule } = commandRoute(command.type);
  for (const slice of SESSION_SLICES) slice.guard?.(command, state, rule);
}

export function decideSession(command: SessionCommand, state: SessionState): SessionEvent[] {
  checkBase(command.data);
  if (command.type === 'CreateSession') return lifecycleSlice.create(command, state, evolveSession);

  const { sessionId, actorId } = command.data;
  assertMay(state, sessionId, actorId, permissionForCommand(command.type), command.data.at);
  // A command routed to another session's stream is a bug in the caller, not a user error.
  if (state.id !== sessionId) throw new Error(`Command for session ${sessionId} decided on session ${state.id}`);
  assertBranchAllows(command, state);
  // A branch of a session not started yet works as an active one: a question asked there does
  // not start the session (it is another stream), so its answer must still be recordable.
  const status = state.branch !== null && state.governance.status === 'created' ? 'active' : state.governance.status;
  assertStatusAllows(command.type, status);
  return commandRoute(command.type).slice.decide(command, state) as SessionEvent[];
}
