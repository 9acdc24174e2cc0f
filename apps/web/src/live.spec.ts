import { ApiError, type Api } from './api';
import { followAll, followSession, type LiveEvent, type LiveMode } from './live';
import type { SseMessage } from './sse';

type StreamFn = (method: string, path: string, onMessage: (m: SseMessage) => void, options: { lastEventId?: string; signal?: AbortSignal; onOpen?: () => void }) => Promise<void>;

function fakeApi(stream: StreamFn, pages: Array<{ items: unknown[] }> = []): { api: Api; gets: string[] } {
  const gets: string[] = [];
  const api = { stream, get: async (path: string) => { gets.push(path); return pages.shift() ?? { items: [] }; } } as unknown as Api;
  return { api, gets };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
  expect(check()).toBe(true);
};

describe('following a session live', () => {
  it('streams events with the Authorization-capable client, reloads once on open, and resumes from the last id', async () => {
    const calls: Array<string | undefined> = [];
    let opened = 0;
    const { api } = fakeApi(async (_m, path, onMessage, options) => {
      expect(path).toBe('/sessions/s%201/events/stream');
      calls.push(options.lastEventId);
      options.onOpen?.();
      if (calls.length === 1) {
        onMessage({ event: 'message', id: '41', data: JSON.stringify({ type: 'QueryAnswered', revision: 7, branchId: null }) });
        onMessage({ event: 'message', id: '42', data: JSON.stringify({ type: 'HypothesisAdded', revision: 2, branchId: 'b1' }) });
        return; // the server closed the stream: the client comes back with Last-Event-ID
      }
      await new Promise<void>((resolve) => options.signal!.addEventListener('abort', () => resolve()));
    });
    const events: LiveEvent[] = [];
    const modes: LiveMode[] = [];
    const stop = followSession(api, 's 1', { fromRevision: 5, retryMs: 0, onEvent: (e) => events.push(e), onMode: (m) => modes.push(m), onOpen: () => { opened += 1; } });
    await until(() => calls.length === 2);
    stop();
    expect(calls).toEqual([undefined, '42']);
    expect(opened).toBe(1);
    expect(events).toEqual([
      { type: 'QueryAnswered', revision: 7, position: '41', at: undefined, branchId: undefined, sessionId: undefined },
      { type: 'HypothesisAdded', revision: 2, position: '42', at: undefined, branchId: 'b1', sessionId: undefined },
    ]);
    expect(modes).toContain('streaming');
  });

  it('polls the event pages from the first revision not shown when the server has no stream (404)', async () => {
    const { api, gets } = fakeApi(
      async () => { throw new ApiError(404, 'not found'); },
      [{ items: [{ type: 'QueryAsked', revision: 5, position: '9' }, { type: 'QueryAnswered', revision: 6, position: '10' }] }, { items: [] }],
    );
    const events: LiveEvent[] = [];
    const modes: LiveMode[] = [];
    const stop = followSession(api, 's1', { fromRevision: 5, pollMs: 0, onEvent: (e) => events.push(e), onMode: (m) => modes.push(m) });
    await until(() => gets.length >= 2);
    stop();
    expect(gets.slice(0, 2)).toEqual(['/sessions/s1/events?from=5&limit=200', '/sessions/s1/events?from=7&limit=200']);
    expect(events.map((e) => [e.type, e.revision])).toEqual([['QueryAsked', 5], ['QueryAnswered', 6]]);
    expect(modes).toContain('polling');
  });

  it('follows every readable session on /events/stream, and says offline (no polling) when the server has none', async () => {
    const paths: string[] = [];
    const { api, gets } = fakeApi(async (_m, path, onMessage, options) => {
      paths.push(path);
      if (paths.length > 1) throw new ApiError(404, 'not found');
      options.onOpen?.();
      onMessage({ event: 'message', id: '7', data: JSON.stringify({ type: 'SessionCreated', revision: 0, sessionId: 's9' }) });
    });
    const events: LiveEvent[] = [];
    const modes: LiveMode[] = [];
    const stop = followAll(api, { retryMs: 0, onEvent: (e) => events.push(e), onMode: (m) => modes.push(m) });
    await until(() => modes.at(-1) === 'offline' && paths.length === 2);
    stop();
    expect(paths).toEqual(['/events/stream', '/events/stream']);
    expect(events).toEqual([{ type: 'SessionCreated', revision: 0, position: '7', at: undefined, branchId: undefined, sessionId: 's9' }]);
    expect(gets).toEqual([]);
  });
});
