// `session.query(text)`: registered client-side tools first (see session-tools.ts), then the
// question, answered as JSON, or as server-sent events when `onProgress` is given.
//
// Streaming: each `accepted`, `tool_call`, `tool_result`, `text` and `status` event goes to
// onProgress as it arrives; `recorded` carries the outcome the promise resolves with; `error`
// becomes the SessionError it rejects with, exactly as the JSON answer's error would (a paused
// session's 409, a failed analyst's 502 `query_failed`...). An error thrown by onProgress stops
// reading and rejects the query, but the server still records the answer: see getHistory().
import type { ClientToolRun, QueryOptions, QueryProgress, QueryResponse, ToolInvocationInput } from './agent-types.js';
import { clientError, errorFromResponse, SessionError } from './errors.js';
import type { HttpClient } from './http-client.js';
import type { ClientTools } from './session-tools.js';
import type { CommandResult, SessionContext } from './types.js';

/** Longer than the server's own limit on a query (5 minutes by default). */
export const DEFAULT_QUERY_TIMEOUT_MS = 330_000;

/** What a query needs from its Session. */
export interface QueryHost {
  readonly http: HttpClient;
  readonly path: string;
  readonly timeoutMs: number;
  getContext(): Promise<SessionContext>;
  recordToolInvocation(run: ToolInvocationInput): Promise<{ invocationId: string }>;
  /** Sends a change the Session's own state must follow (revision, a first question starting it). */
  track<T extends CommandResult>(send: () => Promise<T>): Promise<T>;
}

type Outcome = Omit<QueryResponse, 'clientTools'>;

export async function runQuery(host: QueryHost, tools: ClientTools, text: string, options: QueryOptions = {}): Promise<QueryResponse> {
  if (typeof text !== 'string' || text.trim() === '') throw clientError('validation_failed', 'text must be a non-empty string', 'text');
  const { onProgress } = options;
  let clientTools: ClientToolRun[] = [];
  if (tools.names.length > 0) {
    const context = await host.getContext();
    const progress = onProgress ? (run: ClientToolRun) => onProgress({ type: 'client_tool', run }) : undefined;
    clientTools = await tools.runAll(text, context, (run) => host.recordToolInvocation(run), progress);
  }
  const outcome = await host.track(async () => {
    if (!onProgress) return (await host.http.command<Outcome>('POST', host.path, { body: { text }, timeoutMs: host.timeoutMs })).body;
    return streamQuery(host, text, onProgress);
  });
  return { ...outcome, clientTools };
}

async function streamQuery(host: QueryHost, text: string, onProgress: NonNullable<QueryOptions['onProgress']>): Promise<Outcome> {
  let outcome: Outcome | undefined;
  let failure: SessionError | undefined;
  await host.http.commandStream('POST', host.path, {
    body: { text },
    timeoutMs: host.timeoutMs,
    onEvent: async ({ event, data: raw }) => {
      const data = parse(raw);
      if (event === 'recorded' || event === 'message') {
        outcome = data as Outcome;
        host.http.notePosition(outcome?.position);
      } else if (event === 'error') {
        const status = typeof (data as { status?: unknown } | null)?.status === 'number' ? (data as { status: number }).status : 500;
        failure = errorFromResponse(status, data);
      } else {
        await onProgress(progressOf(event, data));
      }
    },
  });
  if (failure) throw failure;
  if (!outcome || typeof outcome !== 'object') {
    throw new SessionError({ code: 'stream_incomplete', status: 0, recoverable: true, message: 'the query stream ended without an outcome; the question may have been recorded: see getHistory()' });
  }
  return outcome;
}

/** A server event as what onProgress receives: the event name as `type`, the analyst's `kind` dropped. */
export function progressOf(event: string, data: unknown): QueryProgress {
  const fields = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  const { kind: _kind, ...rest } = fields;
  switch (event) {
    case 'accepted':
    case 'tool_call':
    case 'tool_result':
    case 'text':
    case 'status':
      return { type: event, ...rest } as QueryProgress;
    default:
      return { type: 'other', event, data };
  }
}

function parse(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}
