// Every failing call throws a SessionError (or a subclass) carrying the server's code, message
// and hints. `status` is the HTTP status, or 0 when the SDK itself refused or never got an answer.

export interface Conflict {
  /** The server's field path, e.g. `governance.name` or `governance.metadata.project`. */
  field: string;
  /** What your change would have written. */
  local: unknown;
  /** What is stored now. */
  remote: unknown;
  /** What was stored at the revision your change was based on. */
  base?: unknown;
}

export interface SessionErrorInit {
  code: string;
  message: string;
  status: number;
  field?: string;
  recoverable?: boolean;
  conflicts?: Conflict[];
  cause?: unknown;
}

/**
 * What went wrong, as a script branches on it: `not_found` (404), `conflict` (409), `permission`
 * (403), `auth` (401), `invalid` (400 and the SDK's own refusals), `aborted` (the caller's signal),
 * `network` (no answer, timeout), `server` (5xx and the rest).
 */
export type SessionErrorKind = 'not_found' | 'conflict' | 'permission' | 'auth' | 'invalid' | 'aborted' | 'network' | 'server';

export class SessionError extends Error {
  readonly code: string;
  readonly status: number;
  readonly field?: string;
  /** The seed's `e.recoverable`: retrying, resuming or recovering from a checkpoint can help. */
  readonly recoverable: boolean;

  constructor(init: SessionErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = new.target.name;
    this.code = init.code;
    this.status = init.status;
    this.field = init.field;
    this.recoverable = init.recoverable ?? false;
  }

  get kind(): SessionErrorKind {
    if (this.code === 'aborted') return 'aborted';
    if (this.status === 0) return this.code === 'timeout' || this.code === 'network_error' || this.code === 'stream_interrupted' ? 'network' : this.code === 'forbidden' ? 'permission' : 'invalid';
    if (this.status === 404) return 'not_found';
    if (this.status === 409) return 'conflict';
    if (this.status === 403) return 'permission';
    if (this.status === 401) return 'auth';
    if (this.status >= 400 && this.status < 500) return 'invalid';
    return 'server';
  }
}

/** Someone else changed what your change writes since the revision you based it on (409). */
export class ConflictError extends SessionError {
  readonly conflicts: Conflict[];

  constructor(init: SessionErrorInit) {
    super({ recoverable: true, ...init });
    this.conflicts = init.conflicts ?? [];
  }
}

/** 404: the session, checkpoint or user does not exist. */
export class NotFoundError extends SessionError {}

/** 401 (no or bad API key) or 403 (the key's user may not do this: a PermissionError). */
export class AuthError extends SessionError {}

/** 403: the caller is known but may not do this (a reader writing, a member changing roles...). */
export class PermissionError extends AuthError {}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; field?: unknown; recoverable?: unknown; conflicts?: unknown };
}

/** The error for a non-2xx answer; `body` is the parsed JSON, or the raw text when it was not JSON. */
export function errorFromResponse(status: number, body: unknown): SessionError {
  const error = typeof body === 'object' && body !== null ? (body as ErrorBody).error : undefined;
  const text = typeof body === 'string' && body.trim() !== '' ? body.trim().slice(0, 500) : undefined;
  const init: SessionErrorInit = {
    status,
    code: typeof error?.code === 'string' ? error.code : `http_${status}`,
    message: typeof error?.message === 'string' ? error.message : (text ?? `the server answered ${status}`),
    field: typeof error?.field === 'string' ? error.field : undefined,
    recoverable: typeof error?.recoverable === 'boolean' ? error.recoverable : undefined,
  };
  // A 409 without conflicts (an illegal transition) is a plain SessionError of kind 'conflict'.
  if (status === 409 && Array.isArray(error?.conflicts)) return new ConflictError({ ...init, conflicts: error.conflicts as Conflict[] });
  if (status === 404) return new NotFoundError(init);
  if (status === 403) return new PermissionError(init);
  if (status === 401) return new AuthError(init);
  return new SessionError(init);
}

/** A refusal by the SDK before anything was sent (bad argument, nothing to resolve...). */
export function clientError(code: string, message: string, field?: string): SessionError {
  return new SessionError({ code, message, status: 0, field });
}
