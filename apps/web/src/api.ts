// The dashboard's client of the /v1 API. The key travels only in the Authorization header and
// is kept in sessionStorage (gone when the tab closes), never in a URL or in localStorage.
import { readSse, type SseMessage } from './sse';

const KEY = 'crystalyse.apiKey';

export const keyStore = {
  get: (): string | null => sessionStorage.getItem(KEY),
  set: (key: string) => sessionStorage.setItem(KEY, key),
  clear: () => sessionStorage.removeItem(KEY),
};

export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly field?: string) {
    super(message);
  }
}

export class Api {
  constructor(private readonly key: string, private readonly base = '/v1') {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { authorization: `Bearer ${this.key}`, ...extra };
  }

  private async send<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(this.base + path, {
      method,
      headers: this.headers(body === undefined ? {} : { 'content-type': 'application/json' }),
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
    const text = await response.text();
    const json = text ? safeJson(text) : undefined;
    if (!response.ok) {
      const error = (json as { error?: { message?: string; field?: string } } | undefined)?.error;
      throw new ApiError(response.status, error?.message ?? `${response.status} ${response.statusText}`, error?.field);
    }
    return json as T;
  }

  get = <T>(path: string) => this.send<T>('GET', path);
  post = <T>(path: string, body: unknown = {}) => this.send<T>('POST', path, body);
  delete = <T>(path: string) => this.send<T>('DELETE', path);

  /** A GET that answers null for 404 (a capability this server does not have, or may not show). */
  async optional<T>(path: string): Promise<T | null> {
    try {
      return await this.get<T>(path);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 403)) return null;
      throw error;
    }
  }

  /** POST or GET whose answer is a server-sent event stream, read with fetch so the header can be sent. */
  async stream(method: 'GET' | 'POST', path: string, onMessage: (message: SseMessage) => void, options: { body?: unknown; lastEventId?: string; signal?: AbortSignal; onOpen?: () => void } = {}): Promise<void> {
    const headers = this.headers({ accept: 'text/event-stream' });
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.lastEventId) headers['last-event-id'] = options.lastEventId;
    const response = await fetch(this.base + path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      cache: 'no-store',
    });
    if (!response.ok || !response.body) {
      const json = safeJson(await response.text()) as { error?: { message?: string; field?: string } } | undefined;
      throw new ApiError(response.status, json?.error?.message ?? `${response.status} ${response.statusText}`, json?.error?.field);
    }
    if (!String(response.headers.get('content-type')).includes('text/event-stream')) {
      // A server that answered JSON instead (no streaming): hand it over as one message.
      onMessage({ event: 'recorded', data: await response.text() });
      return;
    }
    options.onOpen?.();
    await readSse(response.body, onMessage);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
