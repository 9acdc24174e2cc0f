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

/** 401 (no or bad API key) or 403 (the key's user may not do this). */
export class AuthError extends SessionError {}

/** 403: the caller sees the session but lacks the permission (read, comment, write, add_materials, manage, share) this needs. */
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
