// The one place the SDK talks HTTP: auth, JSON, error mapping, read-your-writes and idempotent
// retries. Sessions and the manager describe requests; they never call fetch themselves.
import { randomUUID } from 'node:crypto';
import { errorFromResponse, SessionError } from './errors.js';
import { readSse, SseParser, type SseEvent } from './sse.js';
import { remoteTransport, type Transport } from './transport.js';
import { ResponseCache } from './response-cache.js';

export type Query = Record<string, string | number | boolean | undefined>;
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpClientOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs?: number;
  /** For tests; the global fetch by default. */
  fetch?: typeof fetch;
  /** The cache's clock in milliseconds (for tests); performance.now() by default. */
  now?: () => number;
  /** How requests travel: remote (fetch, the default) or embedded (SessionManager.embedded). */
  transport?: Transport;
  /**
   * Retries after a network error or timeout (0 for none; 1 by default). Reads are idempotent and
   * every command carries an Idempotency-Key that its retries reuse, so a retry never applies a
   * change twice. The waits double from `retryDelayMs` (100 ms by default).
   */
  maxRetries?: number;
  retryDelayMs?: number;
  /** HTTP statuses that are retried like network errors (none by default; e.g. [429, 503]). A Retry-After header is honoured. */
  retryStatuses?: number[];
  /** Waits between retries; for tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Aborts every call of this client (and of the sessions it serves); see SessionManager.withOptions. */
  signal?: AbortSignal;
}

/** Per call: an AbortSignal that cancels it (a cancelled call throws a SessionError with code `aborted`). */
export interface CallOptions {
  signal?: AbortSignal;
}

export interface ReadOptions extends CallOptions {
  query?: Query;
  /**
   * Wait for the server's head instead of this client's last write: for a read that must see
   * other clients' changes too (resolving a conflict).
   */
  latest?: boolean;
}

export interface CommandOptions extends CallOptions {
  body?: unknown;
  query?: Query;
  /** The session revision the change is based on, sent as `If-Match`. */
  ifMatch?: number;
  /** This request's timeout instead of the client's (a query waits for the analyst). */
  timeoutMs?: number;
}

export interface StreamOptions extends CommandOptions {
  /** Called for each server-sent event, in order; an error it throws stops reading and is rethrown. */
  onEvent: (event: SseEvent) => void | Promise<void>;
}

export interface Answer<T> {
  status: number;
  body: T;
  /** The `ETag` as a revision, when the server sent one. */
  etag?: number;
}

interface Raw {
  status: number;
  ok: boolean;
  text: string;
  etag: string | null;
  retryAfter: string | null;
}

/** The read-your-writes position, shared by a client and the clients derived from it (withSignal). */
interface Shared {
  minPosition: bigint;
}

const DEFAULT_TIMEOUT_MS = 30_000;

export class HttpClient {
  private readonly root: string;
  private readonly timeoutMs: number;
  private readonly transport: Transport;
  /** The highest global position any command answered; -1 before the first. */
  private shared: Shared = { minPosition: -1n };
  /** GET answers kept for revalidation (off until configured: see response-cache.ts); shared with derived clients. */
  cache: ResponseCache;

  constructor(private readonly options: HttpClientOptions) {
    if (!options.baseUrl) throw new SessionError({ code: 'invalid_option', message: 'baseUrl is required', status: 0, field: 'baseUrl' });
    if (!options.apiKey) throw new SessionError({ code: 'invalid_option', message: 'apiKey is required', status: 0, field: 'apiKey' });
    const base = options.baseUrl.replace(/\/+$/, '');
    this.root = base.endsWith('/v1') ? base : `${base}/v1`;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.transport = options.transport ?? remoteTransport(options.fetch);
    this.cache = new ResponseCache({ now: options.now });
  }

  get mode(): Transport['mode'] {
    return this.transport.mode;
  }

  /** The same client (same transport and read-your-writes position) with other defaults, e.g. a signal. */
  derive(overrides: Pick<HttpClientOptions, 'signal' | 'timeoutMs' | 'maxRetries'>): HttpClient {
    const child = new HttpClient({ ...this.options, transport: this.transport, ...overrides });
    child.shared = this.shared;
    child.cache = this.cache;
    return child;
  }

  /** A client on the same transport with other options and a read-your-writes position of its own. */
  sibling(overrides: Partial<HttpClientOptions>): HttpClient {
    return new HttpClient({ ...this.options, ...overrides, transport: this.transport });
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  private get minPosition(): bigint {
    return this.shared.minPosition;
  }

  /** The position reads wait for (`X-Min-Position`), or undefined before the first command. */
  get lastPosition(): string | undefined {
    return this.minPosition < 0n ? undefined : this.minPosition.toString();
  }

  async get<T>(path: string, options: ReadOptions = {}): Promise<T> {
    const headers: Record<string, string> = {};
    if (!options.latest && this.minPosition >= 0n) headers['x-min-position'] = this.minPosition.toString();
    const url = this.url(path, options.query);
    const rule = this.cache.ruleFor(url);
    if (!rule) return (await this.send<T>('GET', path, headers, options.query, undefined, undefined, options.signal)).body;
    // Cached: always revalidated, so the server decides whether what we hold is still current.
    const cached = this.cache.lookup(url);
    if (cached) headers['if-none-match'] = cached.etag;
    const raw = await this.exchange('GET', url, headers, undefined, this.timeoutMs, options.signal);
    if (raw.status === 304 && cached) return this.cache.served(url, cached) as T;
    const parsed = parseBody(raw.text);
    if (!raw.ok) throw errorFromResponse(raw.status, parsed);
    this.cache.store(url, raw.etag, raw.text, rule);
    return parsed as T;
  }

  /**
   * A change. Each call gets a fresh Idempotency-Key, and a retry after a network error reuses
   * it, so the server applies the change once even when the first answer was lost.
   */
  async command<T>(method: Exclude<Method, 'GET'>, path: string, options: CommandOptions = {}): Promise<Answer<T>> {
    // Bodiless POSTs still send `{}`: the API validates command bodies as JSON objects.
    const body = options.body ?? (method === 'DELETE' ? undefined : {});
    const answer = await this.send<T>(method, path, commandHeaders(options), options.query, body, options.timeoutMs, options.signal);
    this.notePosition((answer.body as { position?: unknown } | null)?.position);
    return answer;
  }

  /**
   * A command answered with server-sent events (`Accept: text/event-stream`). A refusal before the
   * stream starts is the usual SessionError; a server that answers JSON instead is handed over as
   * one `message` event. Connecting is retried once with the same Idempotency-Key, like any
   * command; a stream cut after it started is not (what was already handled cannot be undone):
   * that is a recoverable `stream_interrupted`. `timeoutMs` is an idle timeout: the longest wait
   * for the next bytes, not for the whole stream. Positions in the events are the caller's to note.
   */
  async commandStream(method: Exclude<Method, 'GET'>, path: string, options: StreamOptions): Promise<void> {
    const url = this.url(path, options.query);
    const init = this.init(method, { ...commandHeaders(options), accept: 'text/event-stream' }, options.body ?? {});
    const idleMs = options.timeoutMs ?? this.timeoutMs;
    let idle: NodeJS.Timeout | undefined;
    const caller = this.callerSignal(options.signal);
    const open = async () => {
      caller?.throwIfAborted();
      const controller = new AbortController();
      caller?.addEventListener('abort', () => controller.abort(caller.reason), { once: true });
      idle = setTimeout(() => controller.abort(new DOMException('idle timeout', 'TimeoutError')), idleMs);
      return { controller, response: await this.transport.fetch(url, { ...init, signal: controller.signal }) };
    };
    try {
      let opened;
      try {
        opened = await open();
      } catch (error) {
        clearTimeout(idle);
        if (caller?.aborted) throw abortedError(caller.reason, method, url);
        try {
          opened = await open();
        } catch (error) {
          if (caller?.aborted) throw abortedError(caller.reason, method, url);
          throw networkError(error, method, url);
        }
      }
      const { controller, response } = opened;
      const type = response.headers.get('content-type') ?? '';
      if (!response.ok || !type.includes('text/event-stream') || !response.body) {
        const parsed = parseBody(await response.text());
        if (!response.ok) throw errorFromResponse(response.status, parsed);
        return await options.onEvent({ event: 'message', data: JSON.stringify(parsed ?? null), id: '' });
      }
      const rearm = () => {
        clearTimeout(idle);
        idle = setTimeout(() => controller.abort(new DOMException('idle timeout', 'TimeoutError')), idleMs);
      };
      let failedInHandler = false;
      const handle = async (event: SseEvent) => {
        try {
          await options.onEvent(event);
        } catch (error) {
          failedInHandler = true;
          throw error;
        }
      };
      try {
        await readSse(response.body, handle, rearm);
      } catch (error) {
        if (failedInHandler || error instanceof SessionError) throw error;
        if (caller?.aborted) throw abortedError(caller.reason, method, url);
        throw new SessionError({ code: 'stream_interrupted', status: 0, recoverable: true, cause: error, message: `${method} ${url}: the event stream was cut before it ended (${describe(error)}); the command may have been applied` });
      }
    } finally {
      clearTimeout(idle);
    }
  }

  /**
   * A GET answered with server-sent events, as an async iterator: each event as it arrives, until
   * the server ends the stream or the signal aborts (then the iterator just ends). Breaking out of
   * the loop closes the connection. A refusal (404, 403...) throws the usual SessionError.
   */
  async *getStream(path: string, options: ReadOptions & { onOpen?: () => void } = {}): AsyncGenerator<SseEvent> {
    const url = this.url(path, options.query);
    const caller = this.callerSignal(options.signal);
    const controller = new AbortController();
    const onAbort = () => controller.abort(caller?.reason);
    caller?.addEventListener('abort', onAbort, { once: true });
    try {
      if (caller?.aborted) return;
      let response: Response;
      try {
        response = await this.transport.fetch(url, { ...this.init('GET', { accept: 'text/event-stream' }), signal: controller.signal });
      } catch (error) {
        if (caller?.aborted) return;
        throw networkError(error, 'GET', url, 1);
      }
      if (!response.ok) throw errorFromResponse(response.status, parseBody(await response.text()));
      if (!response.body) return;
      options.onOpen?.();
      const reader = response.body.getReader();
      const parser = new SseParser();
      const decoder = new TextDecoder();
      try {
        for (;;) {
          let chunk: Awaited<ReturnType<typeof reader.read>>;
          try {
            chunk = await reader.read();
          } catch (error) {
            if (caller?.aborted || controller.signal.aborted) return;
            throw new SessionError({ code: 'stream_interrupted', status: 0, recoverable: true, cause: error, message: `GET ${url}: the event stream was cut (${describe(error)})` });
          }
          if (chunk.done) {
            yield* parser.push(decoder.decode());
            return;
          }
          yield* parser.push(decoder.decode(chunk.value, { stream: true }));
        }
      } finally {
        controller.abort();
        reader.releaseLock();
      }
    } finally {
      caller?.removeEventListener('abort', onAbort);
    }
  }

  /** Remembers a global position (a decimal string) if it is higher than the one kept. */
  notePosition(position: unknown): void {
    if (typeof position !== 'string' || !/^\d+$/.test(position)) return;
    const value = BigInt(position);
    if (value > this.shared.minPosition) this.shared.minPosition = value;
  }

  private init(method: Method, headers: Record<string, string>, body?: unknown): RequestInit {
    return {
      method,
      headers: {
        accept: 'application/json',
        authorization: `Bearer ${this.options.apiKey}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    };
  }

  private async send<T>(method: Method, path: string, headers: Record<string, string>, query?: Query, body?: unknown, timeoutMs = this.timeoutMs, signal?: AbortSignal): Promise<Answer<T>> {
    const raw = await this.exchange(method, this.url(path, query), headers, body, timeoutMs, signal);
    const parsed = parseBody(raw.text);
    if (!raw.ok) throw errorFromResponse(raw.status, parsed);
    return { status: raw.status, body: parsed as T, etag: parseEtag(raw.etag) };
  }

  /** One request with its retries (network errors, and the statuses configured), answered raw. */
  private async exchange(method: Method, url: string, headers: Record<string, string>, body: unknown, timeoutMs: number, signal?: AbortSignal): Promise<Raw> {
    // The very same headers on every attempt, and so the same Idempotency-Key.
    const init = this.init(method, headers, body);
    const caller = this.callerSignal(signal);
    const retries = this.options.maxRetries ?? 1;
    const retryStatuses = this.options.retryStatuses ?? [];
    for (let attempt = 0; ; attempt += 1) {
      let raw: Raw;
      try {
        caller?.throwIfAborted();
        raw = await this.attempt(url, init, timeoutMs, caller);
      } catch (error) {
        if (caller?.aborted) throw abortedError(caller.reason, method, url);
        if (attempt >= retries) throw networkError(error, method, url, attempt + 1);
        await this.backoff(attempt, null, caller, method, url);
        continue;
      }
      if (!raw.ok && retryStatuses.includes(raw.status) && attempt < retries) {
        await this.backoff(attempt, raw.retryAfter, caller, method, url);
        continue;
      }
      return raw;
    }
  }

  /** Exponential backoff (100, 200, 400 ms... by default), or the server's Retry-After (seconds, at most 30). */
  private async backoff(attempt: number, retryAfter: string | null, signal: AbortSignal | undefined, method: Method, url: string): Promise<void> {
    const seconds = retryAfter !== null && /^\d+$/.test(retryAfter.trim()) ? Math.min(Number(retryAfter), 30) : undefined;
    const ms = seconds !== undefined ? seconds * 1000 : (this.options.retryDelayMs ?? 100) * 2 ** attempt;
    try {
      await (this.options.sleep ?? sleep)(ms, signal);
    } catch (error) {
      throw abortedError(signal?.reason ?? error, method, url);
    }
  }

  /** The call's signal and the client's, as one (undefined when neither is set). */
  private callerSignal(signal: AbortSignal | undefined): AbortSignal | undefined {
    const signals = [signal, this.options.signal].filter((s): s is AbortSignal => s !== undefined);
    return signals.length <= 1 ? signals[0] : AbortSignal.any(signals);
  }

  /** One request, body read included: a connection dropped mid-body is a network error too. */
  private async attempt(url: string, init: RequestInit, timeoutMs: number, caller?: AbortSignal): Promise<Raw> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const response = await this.transport.fetch(url, { ...init, signal: caller ? AbortSignal.any([caller, timeout]) : timeout });
    return { status: response.status, ok: response.ok, text: await response.text(), etag: response.headers.get('etag'), retryAfter: response.headers.get('retry-after') };
  }

  private url(path: string, query: Query = {}): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
    const search = params.toString();
    return `${this.root}${path.startsWith('/') ? path : `/${path}`}${search ? `?${search}` : ''}`;
  }
}

function commandHeaders(options: CommandOptions): Record<string, string> {
  const headers: Record<string, string> = { 'idempotency-key': randomUUID() };
  if (options.ifMatch !== undefined) headers['if-match'] = `"${options.ifMatch}"`;
  return headers;
}

function describe(error: unknown): string {
  const { message, cause } = (error ?? {}) as { message?: unknown; cause?: { message?: unknown } };
  return String(cause?.message ?? message ?? error);
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function parseEtag(header: string | null): number | undefined {
  const match = header ? /^(?:W\/)?"?(\d+)"?$/.exec(header.trim()) : null;
  return match ? Number(match[1]) : undefined;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function abortedError(reason: unknown, method: Method, url: string): SessionError {
  return new SessionError({ code: 'aborted', status: 0, cause: reason, message: `${method} ${url} was aborted by the caller` });
}

function networkError(error: unknown, method: Method, url: string, tries = 2): SessionError {
  // Duck-typed: fetch's errors (a DOMException on timeout) may come from another realm than ours.
  const { name } = (error ?? {}) as { name?: unknown };
  const timedOut = name === 'TimeoutError' || name === 'AbortError';
  const reason = describe(error);
  return new SessionError({
    code: timedOut ? 'timeout' : 'network_error',
    message: timedOut ? `${method} ${url} timed out (${triesText(tries)})` : `${method} ${url} failed (${triesText(tries)}): ${reason}`,
    status: 0,
    recoverable: true,
    cause: error,
  });
}

function triesText(tries: number): string {
  return tries === 1 ? 'tried once' : tries === 2 ? 'tried twice' : `tried ${tries} times`;
}
