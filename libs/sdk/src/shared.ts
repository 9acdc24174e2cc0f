// What a share link opens, for someone without an API key: the session read-only, its history,
// and comments when the link allows them.
import { errorFromResponse, SessionError } from './errors.js';
import type { Comment, CommentTarget, SharedSession } from './collaboration-types.js';
import type { CommandResult } from './types.js';

export interface SharedSessionClientOptions {
  baseUrl: string;
  /** The token from createShareLink(), or the whole link URL. */
  token: string;
  fetch?: typeof fetch;
}

export class SharedSessionClient {
  private readonly base: string;
  private readonly token: string;
  private readonly fetcher: typeof fetch;

  constructor(options: SharedSessionClientOptions) {
    if (!options.baseUrl) throw new SessionError({ code: 'invalid_option', message: 'baseUrl is required', status: 0, field: 'baseUrl' });
    const token = options.token?.split('/').filter(Boolean).at(-1);
    if (!token) throw new SessionError({ code: 'invalid_option', message: 'token is required', status: 0, field: 'token' });
    this.base = `${options.baseUrl.replace(/\/+$/, '')}/v1/shared/${encodeURIComponent(token)}`;
    this.token = token;
    this.fetcher = options.fetch ?? fetch;
  }

  /** The session as its members see it (without who they are), with its branches. */
  get(): Promise<SharedSession> {
    return this.send<SharedSession>('GET', '');
  }

  /** The latest turns of the conversation (50 by default). */
  history(options: { last?: number } = {}): Promise<{ total: number; items: Array<Record<string, unknown>> }> {
    return this.send('GET', options.last === undefined ? '/history' : `/history?last=${options.last}`);
  }

  /** Comments on a turn or a discovery, when the link allows comments (otherwise a PermissionError). */
  comment(on: CommentTarget, text: string): Promise<CommandResult & Pick<Comment, 'commentId'>> {
    return this.send('POST', '/comments', { on, text });
  }

  private async send<T>(method: 'GET' | 'POST', suffix: string, body?: unknown): Promise<T> {
    const response = await this.fetcher(`${this.base}${suffix}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    if (!response.ok) throw errorFromResponse(response.status, parsed);
    return parsed as T;
  }
}
