// Domain errors are domain types: no HTTP here. One exception filter in the API maps each
// `code` to a status (see apps/api/src/http/domain-error.filter.ts).

export interface FieldConflict {
  field: string;
  /** The value the caller's command would write. */
  local: unknown;
  /** The value now stored. */
  remote: unknown;
  /** The value at the revision the caller based the command on. */
  base?: unknown;
}

export abstract class DomainError extends Error {
  abstract readonly code: string;
  /** Whether retrying, recovering from a checkpoint or resuming can help (the seed's SessionError). */
  readonly recoverable: boolean = false;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  readonly code = 'validation_failed';
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

export class NotFound extends DomainError {
  readonly code: string = 'not_found';
  constructor(readonly resource: string, readonly id: string) {
    super(`${resource} ${id} not found`);
  }
}

export class SessionNotFound extends NotFound {
  override readonly code = 'session_not_found';
  constructor(id: string) {
    super('session', id);
  }
}

export class UserNotFound extends NotFound {
  override readonly code = 'user_not_found';
  constructor(id: string) {
    super('user', id);
  }
}

export class KeyNotFound extends NotFound {
  override readonly code = 'key_not_found';
  constructor(id: string) {
    super('API key', id);
  }
}

export class CheckpointNotFound extends NotFound {
  override readonly code = 'checkpoint_not_found';
  constructor(name: string) {
    super('checkpoint', name);
  }
}

export class AlreadyExists extends DomainError {
  readonly code = 'already_exists';
  constructor(readonly resource: string, readonly id: string, readonly field?: string) {
    super(`${resource} ${id} already exists`);
  }
}

/** A command the current status forbids; the message names the status and the way out. */
export class IllegalTransition extends DomainError {
  readonly code = 'illegal_transition';
  override readonly recoverable: boolean = true;
  constructor(readonly status: string, readonly action: string, readonly wayOut: string) {
    super(`cannot ${action}: session is ${status}${wayOut ? `: ${wayOut}` : ''}`);
  }
}

/**
 * What a branch refuses: the session's lifecycle and governance (a branch shares them), any work
 * on a discarded branch, or a merge while the branch still has a question running. A 409 like any
 * other transition the state forbids; the message names the way out.
 */
export class BranchRefused extends IllegalTransition {
  // Neither a retry nor a recovery helps: the way out is another branch or the session itself.
  override readonly recoverable: boolean = false;
  constructor(status: string, action: string, readonly reason: string, wayOut: string) {
    super(status, action, wayOut);
    this.message = `cannot ${action}: ${reason}: ${wayOut}`;
  }
}

export class Forbidden extends DomainError {
  readonly code = 'forbidden';
  constructor(message = 'you do not have access to this resource') {
    super(message);
  }
}

/** The command was based on an older revision and touches fields changed since. */
export class ConflictError extends DomainError {
  readonly code = 'conflict';
  override readonly recoverable = true;
  constructor(readonly conflicts: FieldConflict[], message?: string) {
    super(message ?? `conflicting changes to ${conflicts.map((c) => c.field).join(', ')}`);
  }
}

/** A restore prepared on a head the session has moved past: prepare it again (the API does). */
export class RestoreOutdated extends ConflictError {
  constructor(readonly preparedAt: number, readonly head: number) {
    super([{ field: 'workspace', local: preparedAt, remote: head }], `the session moved on (revision ${head}) while the restore was prepared: restore again`);
  }
}

/** Recover was asked for but no checkpoint was ever saved: there is nothing to go back to. */
export class NoCheckpointSaved extends CheckpointNotFound {
  constructor() {
    super('(latest)');
    this.message = 'no checkpoint saved yet: save one first';
  }
}

/** Only a pending query can be answered or failed; this one was already settled. */
export class QueryNotPending extends DomainError {
  readonly code = 'query_not_pending';
  constructor(readonly queryId: string, readonly status: 'answered' | 'failed', action: 'answer' | 'fail') {
    super(`cannot ${action} query ${queryId}: it is already ${status}; ask it again under a new queryId`);
  }
}
