import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { AnalystError, type AnalystErrorReason } from './analyst.port.js';

/**
 * Maps an openai client error to an AnalystError. The client has already retried what it retries
 * (connection errors, timeouts, 408, 409, 429, 5xx, honouring Retry-After) `maxRetries` times, so
 * an error here is final for this attempt; `retryable` tells the session whether a later attempt
 * may succeed. Messages are scrubbed of the API key and of anything shaped like one.
 */
export function toAnalystError(error: unknown, secrets: readonly string[]): AnalystError {
  if (error instanceof AnalystError) return error;
  const scrub = (message: string) => redact(message, secrets);
  if (error instanceof APIUserAbortError) return new AnalystError('aborted', 'the request to the language model was cancelled');
  if (error instanceof APIConnectionTimeoutError) return new AnalystError('timeout', 'the language model API did not answer in time');
  if (error instanceof APIConnectionError) return new AnalystError('connection', `could not reach the language model API: ${scrub(error.message)}`);
  if (error instanceof APIError) {
    const status = error.status;
    return new AnalystError(reasonFor(status), `language model API error${status ? ` ${status}` : ''}: ${scrub(error.message)}`, status);
  }
  if (error instanceof Error && error.name === 'AbortError') return new AnalystError('aborted', 'the request to the language model was cancelled');
  return new AnalystError('unknown', `language model call failed: ${scrub(error instanceof Error ? error.message : String(error))}`);
}

function reasonFor(status: number | undefined): AnalystErrorReason {
  if (status === undefined) return 'unknown';
  if (status === 408) return 'timeout';
  if (status === 429) return 'rate_limited';
  // 409 is what the OpenAI API answers on a lock timeout: worth trying again, like a 5xx.
  if (status === 409 || status >= 500) return 'server_error';
  if (status === 401 || status === 403) return 'auth';
  if (status >= 400) return 'bad_request';
  return 'unknown';
}

// OpenAI keys start with "sk-"; a server may echo a partial key ("sk-abc***xyz"): hide both.
const KEY_SHAPED = /\bsk-[A-Za-z0-9_*-]{6,}/g;

export function redact(message: string, secrets: readonly string[]): string {
  let text = message;
  for (const secret of secrets) if (secret.length >= 4) text = text.split(secret).join('[redacted]');
  return text.replace(KEY_SHAPED, 'sk-[redacted]');
}

/**
 * `fetch` for the openai client that re-throws an aborted request as an Error of this module's
 * realm. Under Jest (modules in a vm context) undici's DOMException is not `instanceof Error`
 * there, so the client loses the AbortError name and reports its own timeout as a plain
 * connection error. Outside such sandboxes this changes nothing.
 */
export const realmSafeFetch: typeof fetch = async (input, init) => {
  try {
    return await fetch(input, init);
  } catch (error) {
    if ((error as { name?: unknown } | null)?.name !== 'AbortError' || error instanceof Error) throw error;
    const aborted = new Error(String((error as { message?: unknown }).message ?? 'aborted'));
    aborted.name = 'AbortError';
    throw aborted;
  }
};
