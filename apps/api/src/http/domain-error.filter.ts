// Maps domain and store errors to HTTP in one place. Never a stack trace in a response;
// unexpected errors are logged with their stack and answered with a bare 500.
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger, Optional } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { GraphQLError } from 'graphql';
import {
  AlreadyExists,
  ConflictError,
  DomainError,
  Forbidden,
  IllegalTransition,
  NotFound,
  ValidationError,
} from '@crystalyse/domain';
import { StoreReadOnly, StoreUnavailable, StreamDeleted, StreamNotFound, WrongExpectedVersion } from '@crystalyse/event-store';
import { errorBody, type ErrorBody } from './error-body.js';
import { Clock } from '../infrastructure/clock.js';

function jsonSafe(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)) ?? 'null');
}

// Domain errors without a class of their own above: a settled query is a state conflict; an
// analyst failure is an upstream failure (the question and the failure are recorded).
// Signing: a wrong passphrase is refused (403), a lock is 423 Locked, no passphrase yet is a state conflict.
const DOMAIN_CODE_STATUS: Record<string, number> = { query_not_pending: 409, query_failed: 502, signing_passphrase_wrong: 403, signing_locked: 423, signing_passphrase_not_set: 409, too_many_requests: 429 };

export function toHttpError(error: unknown): { status: number; body: ErrorBody } | null {
  if (error instanceof ValidationError) return { status: 400, body: errorBody(error.code, error.message, { field: error.field }) };
  if (error instanceof NotFound) return { status: 404, body: errorBody(error.code, error.message) };
  if (error instanceof Forbidden) return { status: 403, body: errorBody(error.code, error.message) };
  if (error instanceof ConflictError) {
    const conflicts = jsonSafe(error.conflicts) as NonNullable<ErrorBody['error']['conflicts']>;
    return { status: 409, body: errorBody(error.code, error.message, { conflicts, recoverable: true }) };
  }
  if (error instanceof IllegalTransition) return { status: 409, body: errorBody(error.code, error.message, { recoverable: true }) };
  if (error instanceof AlreadyExists) return { status: 409, body: errorBody(error.code, error.message, error.field ? { field: error.field } : {}) };
  if (error instanceof DomainError) {
    const details = (error as { details?: Record<string, unknown> }).details;
    return { status: DOMAIN_CODE_STATUS[error.code] ?? 400, body: errorBody(error.code, error.message, { recoverable: error.recoverable, ...(details ? { details } : {}) }) };
  }
  if (error instanceof WrongExpectedVersion) {
    const message = `the resource changed: it is at revision ${String(error.actual)}, not ${String(error.expected)}; reload and retry`;
    return { status: 412, body: errorBody('precondition_failed', message, { recoverable: true }) };
  }
  if (error instanceof StreamNotFound || error instanceof StreamDeleted) return { status: 404, body: errorBody('not_found', 'not found') };
  // A damaged store started read-only: no retry helps until an operator acts.
  if (error instanceof StoreReadOnly) return { status: 503, body: errorBody('store_read_only', error.message, { recoverable: false }) };
  if (error instanceof StoreUnavailable) return { status: 503, body: errorBody('store_unavailable', 'the event store is unavailable, retry shortly', { recoverable: true }) };
  return null;
}

const HTTP_CODES: Record<number, string> = { 400: 'bad_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 405: 'method_not_allowed', 409: 'conflict', 413: 'payload_too_large', 415: 'unsupported_media_type', 429: 'too_many_requests' };

@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  constructor(@Optional() private readonly clock?: Clock) {}

  catch(error: unknown, host: ArgumentsHost): unknown {
    // In a GraphQL resolver the error is returned, for GraphQL to report in `errors`.
    if (host.getType<string>() === 'graphql') return this.graphqlError(error);
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const mapped = toHttpError(error) ?? this.fromHttpException(error);
    if (mapped) {
      // A signing lock says when it ends, as a 429 does (seconds from the app's clock).
      const lockedUntil = mapped.status === 423 ? mapped.body.error.details?.lockedUntil : undefined;
      if (typeof lockedUntil === 'string') {
        const now = Date.parse(this.clock?.now() ?? new Date().toISOString());
        void reply.header('retry-after', String(Math.max(1, Math.ceil((Date.parse(lockedUntil) - now) / 1000))));
      }
      void reply.status(mapped.status).send(mapped.body);
      return;
    }
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    void reply.status(500).send(errorBody('internal', 'internal error'));
  }

  /** The same mapping as HTTP, as a GraphQL error: extensions carry the code, status and field. */
  private graphqlError(error: unknown): GraphQLError {
    if (error instanceof GraphQLError) return error;
    const mapped = toHttpError(error) ?? this.fromHttpException(error);
    if (!mapped) {
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      return new GraphQLError('internal error', { extensions: { code: 'internal', status: 500 } });
    }
    const { message, ...details } = mapped.body.error;
    return new GraphQLError(message, { extensions: { ...details, status: mapped.status } });
  }

  private fromHttpException(error: unknown): { status: number; body: ErrorBody } | null {
    if (!(error instanceof HttpException)) return null;
    const status = error.getStatus();
    const response = error.getResponse();
    const message = typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? error.message);
    const text = Array.isArray(message) ? message.join('; ') : String(message);
    return { status, body: errorBody(HTTP_CODES[status] ?? (status >= 500 ? 'internal' : 'error'), status >= 500 ? 'internal error' : text) };
  }
}

