// The seed guide's tool and error-handling examples with questions (docs: session-management.md),
// through the TypeScript SDK against the real app on a real port, offline (no OPENAI_API_KEY).
// Registered tools run in this process before each question: see libs/sdk/src/session-tools.ts.
import { SessionError, SessionManager, type QueryProgress, type Session, type SessionContext, type SessionTool } from '@crystalyse/sdk';
import { openSdkTarget, SDK_MODES, type SdkTarget } from './sdk-modes.js';

/**
 * The seed's SessionAwareTool, as a visualisation tool: "Load protein structure 1ABC" loads 1ABC;
 * on any other question it keeps what is loaded. Its state is what it has loaded.
 */
class VisualizationTool implements SessionTool {
  readonly name = 'visualization';

  execute(query: string, sessionContext: SessionContext) {
    // Access session data
    const recentMaterials = sessionContext.recentMaterials;
    const discoveries = sessionContext.discoveries;
    const before = sessionContext.toolStates.visualization as { loaded: string | null } | undefined;
    // Tool logic here
    const loaded = /load protein structure (\w+)/i.exec(query)?.[1] ?? before?.loaded ?? null;
    return { result: { loaded, recentMaterials: recentMaterials.slice(0, 3), discoveries: discoveries.length }, state: { loaded } };
  }
}

/** Docks the current molecule (the most recent material) into the protein the visualisation tool loaded. */
class DockingTool implements SessionTool {
  readonly name = 'docking';

  execute(query: string, sessionContext: SessionContext) {
    const previous = sessionContext.toolStates.docking ?? null;
    if (!/\bdock\b/i.test(query)) return { result: { docked: false }, state: previous };
    const protein = (sessionContext.toolStates.visualization as { loaded: string | null } | undefined)?.loaded ?? null;
    return { protein, ligand: sessionContext.recentMaterials[0] ?? null, docked: protein !== null };
  }
}

describe.each(SDK_MODES)('%s mode: the seed guide through the SDK: tools, errors, streaming', (mode) => {
  let api: SdkTarget;
  let manager: SessionManager;

  beforeAll(async () => {
    api = await openSdkTarget(mode);
    manager = api.manager;
  });
  afterAll(() => api.close());

  it('Custom Tool Integration + Tool State Management: registered tools keep their state in the session', async () => {
    const session = await manager.createSession({ name: 'tools' });
    await session.query('Analyse LiFePO4');

    // Register session-aware tools
    session.registerTool(new VisualizationTool());
    session.registerTool(new DockingTool());
    expect(session.registeredTools).toEqual(['visualization', 'docking']);

    // Tools maintain state within session
    const loading = await session.query('Load protein structure 1ABC');
    // Visualization tool now has 1ABC loaded
    expect(loading.clientTools.map((run) => [run.tool, run.error, run.recordError])).toEqual([['visualization', undefined, undefined], ['docking', undefined, undefined]]);
    expect(loading.clientTools[0]!.output).toEqual({ loaded: '1ABC', recentMaterials: ['LiFePO4'], discoveries: 0 });

    await session.query('Dock the current molecule');
    // Docking tool uses loaded protein and current molecule

    // Check tool states
    const toolStates = await session.getToolStates();
    expect(toolStates.visualization).toEqual({ loaded: '1ABC' }); // Shows loaded protein
    expect(toolStates.docking).toEqual({ protein: '1ABC', ligand: 'LiFePO4', docked: true }); // Shows docking results
    expect(toolStates.composition).toBeDefined(); // the server's own tools keep theirs too

    const context = await session.getContext();
    expect(context.activeTools).toEqual(expect.arrayContaining(['visualization', 'docking', 'composition']));
    const stats = await session.getStatistics();
    expect(stats.toolUsage).toMatchObject({ visualization: 2, docking: 2 });
    expect(stats.queryCount).toBe(3);
  });

  it('Error Handling: a query on a paused session is a recoverable SessionError: resume, then ask again', async () => {
    const session = await manager.createSession({ name: 'paused' });
    await session.query('Analyse LiFePO4');
    await session.pause();

    let answered = null;
    try {
      await session.query('complex analysis');
    } catch (e) {
      if (!(e instanceof SessionError)) throw e;
      expect(e).toMatchObject({ status: 409, code: 'illegal_transition', recoverable: true, message: 'cannot ask a query: session is paused: resume it first' });
      // Attempt recovery
      if (e.recoverable) {
        await session.resume();
        answered = await session.query('complex analysis');
      }
    }
    expect(answered).toMatchObject({ status: 'answered', question: 'complex analysis' });
    expect((await session.refresh()).counts.queries).toBe(2); // the refused question was not recorded
  });

  it('Error Handling, streamed: the error event is the same SessionError', async () => {
    const session = await manager.createSession({ name: 'paused, streamed' });
    await session.start();
    await session.pause();
    const seen: string[] = [];
    const error = await session.query('Analyse LiCoO2', { onProgress: (p) => void seen.push(p.type) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionError);
    expect(error).toMatchObject({ status: 409, code: 'illegal_transition', recoverable: true });
    // Nothing was recorded, so nothing was accepted: the refusal is the only event.
    expect(seen).toEqual([]);
  });

  it('streaming with onProgress: tool calls and results as they happen, then the answer', async () => {
    const session = await manager.createSession({ name: 'streamed' });
    const progress: QueryProgress[] = [];
    const response = await session.query('Analyse LiCoO2', { onProgress: (p) => void progress.push(p) });

    expect(progress[0]).toMatchObject({ type: 'accepted', sessionId: session.id, queryId: response.queryId });
    const calls = progress.filter((p): p is Extract<QueryProgress, { type: 'tool_call' }> => p.type === 'tool_call');
    expect(calls.length).toBeGreaterThanOrEqual(1);
    expect(calls.map((c) => c.tool)).toContain('composition');
    expect(progress.some((p) => p.type === 'tool_result')).toBe(true);
    expect(response).toMatchObject({ status: 'answered', question: 'Analyse LiCoO2' });
    expect(response.answer).toContain('97.87 g/mol');
    expect(response.toolInvocations.map((i) => i.tool)).toEqual(calls.map((c) => c.tool));
    // What streamed is what was recorded.
    const { items } = await session.getHistory({ lastN: 1 });
    expect(items[0]).toMatchObject({ id: response.queryId, answer: response.answer });
    expect(session).toMatchObject({ status: 'active', revision: response.revision });
  });
});

describe.each(SDK_MODES)('%s mode: the seed guide through the SDK: when the analyst fails', (mode) => {
  let api: SdkTarget;
  let manager: SessionManager;

  beforeAll(async () => {
    // An OpenAI-compatible endpoint that refuses connections (nothing leaves this machine).
    const analyst = { openaiApiKey: 'sk-acceptance-not-a-key', openaiBaseUrl: 'http://127.0.0.1:9/v1', timeoutMs: 2000, maxRetries: 0, maxTokensPerQuery: 1000 };
    api = await openSdkTarget(mode, { analyst });
    manager = api.manager;
  });
  afterAll(() => api.close());

  it('Error Handling › Session Recovery: a 502 query_failed is a recoverable SessionError, streamed or not', async () => {
    const session: Session = await manager.createSession({ name: 'failing analyst' });
    const error = await session.query('complex analysis').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionError);
    expect(error).toMatchObject({ status: 502, code: 'query_failed', recoverable: true });
    expect(String((error as Error).message)).not.toContain('sk-acceptance');
    // The question and its failure are recorded, and the first question started the session.
    expect(session.status).toBe('active');
    const [turn] = (await session.getHistory()).items;
    expect(turn).toMatchObject({ question: 'complex analysis', status: 'failed' });

    const streamed = await session.query('complex analysis', { onProgress: () => undefined }).catch((e: unknown) => e);
    expect(streamed).toMatchObject({ name: 'SessionError', status: 502, code: 'query_failed', recoverable: true });
    expect((await session.getStatistics()).failedCount).toBe(2);
  });
});
