// The one place the SDK talks HTTP: auth, JSON, error mapping, read-your-writes and idempotent
// retries. Sessions and the manager describe requests; they never call fetch themselves.
import { randomUUID } from 'node:crypto';
import { errorFromResponse, SessionError } from './errors.js';
import { readSse, type SseEvent } from './sse.js';
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
}

export interface ReadOptions {
  query?: Query;
  /**
   * Wait for the server's head instead of this client's last write: for a read that must see
   * other clients' changes too (resolving a conflict).
   */
  latest?: boolean;
}

export interface CommandOptions {
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
}

const DEFAULT_TIMEOUT_MS = 30_000;

export class HttpClient {
  private readonly root: string;
  private readonly timeoutMs: number;
  /** The highest global position any command answered; -1 before the first. */
  private minPosition = -1n;
  /** GET answers kept for revalidation (off until configured: see response-cache.ts). */
  readonly cache: ResponseCache;

  constructor(private readonly options: HttpClientOptions) {
    if (!options.baseUrl) throw new SessionError({ code: 'invalid_option', message: 'baseUrl is required', status: 0, field: 'baseUrl' });
    if (!options.apiKey) throw new SessionError({ code: 'invalid_option', message: 'apiKey is required', status: 0, field: 'apiKey' });
    const base = options.baseUrl.replace(/\/+$/, '');
    this.root = base.endsWith('/v1') ? base : `${base}/v1`;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.cache = new ResponseCache({ now: options.now });
  }

  /** The position reads wait for (`X-Min-Position`), or undefined before the first command. */
  get lastPosition(): string | undefined {
    return this.minPosition < 0n ? undefined : this.minPosition.toString();
  }

  async get<T>(path: string, options: ReadOptions = {}): Promise<T> {
    const headers: Record<string, string> = {};
    if (!options.latest && this.minPosition >= 0n) headers['x-min-position'] = this.minPosition.toString();
    const rule = this.cache.ruleFor(this.url(path, options.query));
    if (!rule) return (await this.send<T>('GET', path, headers, options.query)).body;
    // Cached: always revalidated, so the server decides whether what we hold is still current.
    const url = this.url(path, options.query);
    const cached = this.cache.lookup(url);
    if (cached) headers['if-none-match'] = cached.etag;
    const raw = await this.exchange('GET', url, this.init('GET', headers), this.timeoutMs);
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
    const answer = await this.send<T>(method, path, commandHeaders(options), options.query, body, options.timeoutMs);
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
    const open = async () => {
      const controller = new AbortController();
      idle = setTimeout(() => controller.abort(new DOMException('idle timeout', 'TimeoutError')), idleMs);
      return { controller, response: await (this.options.fetch ?? fetch)(url, { ...init, signal: controller.signal }) };
    };
    try {
      let opened;
      try {
        opened = await open();
      } catch {
        clearTimeout(idle);
        try {
          opened = await open();
        } catch (error) {
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
        throw new SessionError({ code: 'stream_interrupted', status: 0, recoverable: true, cause: error, message: `${method} ${url}: the event stream was cut before it ended (${describe(error)}); the command may have been applied` });
      }
    } finally {
      clearTimeout(idle);
    }
  }

  /** Remembers a global position (a decimal string) if it is higher than the one kept. */
  notePosition(position: unknown): void {
    if (typeof position !== 'string' || !/^\d+$/.test(position)) return;
    const value = BigInt(position);
    if (value > this.minPosition) this.minPosition = value;
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

  private async send<T>(method: Method, path: string, headers: Record<string, string>, query?: Query, body?: unknown, timeoutMs = this.timeoutMs): Promise<Answer<T>> {
    const url = this.url(path, query);
    const raw = await this.exchange(method, url, this.init(method, headers, body), timeoutMs);
    const parsed = parseBody(raw.text);
    if (!raw.ok) throw errorFromResponse(raw.status, parsed);
    return { status: raw.status, body: parsed as T, etag: parseEtag(raw.etag) };
  }

  /** One request, tried twice on a network error. */
  private async exchange(method: Method, url: string, init: RequestInit, timeoutMs: number): Promise<Raw> {
    try {
      return await this.attempt(url, init, timeoutMs);
    } catch {
      // Once more with the very same headers (and so the same Idempotency-Key).
      try {
        return await this.attempt(url, init, timeoutMs);
      } catch (error) {
        throw networkError(error, method, url);
      }
    }
  }

  /** One request, body read included: a connection dropped mid-body is a network error too. */
  private async attempt(url: string, init: RequestInit, timeoutMs: number): Promise<Raw> {
    const response = await (this.options.fetch ?? fetch)(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    return { status: response.status, ok: response.ok, text: await response.text(), etag: response.headers.get('etag') };
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
  // "12" from a change, "12-<digest>" from a read: the revision either way.
  const match = header ? /^(?:W\/)?"?(\d+)(?:-[\w-]+)?"?$/.exec(header.trim()) : null;
  return match ? Number(match[1]) : undefined;
}

function networkError(error: unknown, method: Method, url: string): SessionError {
  // Duck-typed: fetch's errors (a DOMException on timeout) may come from another realm than ours.
  const { name } = (error ?? {}) as { name?: unknown };
  const timedOut = name === 'TimeoutError' || name === 'AbortError';
  const reason = describe(error);
  return new SessionError({
    code: timedOut ? 'timeout' : 'network_error',
    message: timedOut ? `${method} ${url} timed out (tried twice)` : `${method} ${url} failed (tried twice): ${reason}`,
    status: 0,
    recoverable: true,
    cause: error,
  });
}
