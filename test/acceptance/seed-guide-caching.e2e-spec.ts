// The seed guide's Performance Optimisation (Session Caching, Lazy Loading) and Error Handling ›
// Session Recovery for every session type, through the TypeScript SDK against the real app on a
// real port, offline. Each `it` mirrors one of the guide's examples in camelCase.
import { SessionError, SessionManager, type Session, type SessionType } from '@crystalyse/sdk';
import { startLiveApi, type LiveApi } from './live-api.js';

describe('the seed guide through the SDK: caching, lazy loading, recovery', () => {
  let api: LiveApi;
  let manager: SessionManager;
  let statuses: number[];

  beforeAll(async () => {
    api = await startLiveApi();
    // The fetch is the global one; it only notes the statuses, to show the cache revalidating.
    const noting: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      statuses.push(response.status);
      return response;
    };
    manager = new SessionManager({ baseUrl: api.baseUrl, apiKey: api.ownerKey, fetch: noting });
  });
  beforeEach(() => {
    statuses = [];
  });
  afterAll(() => api.close());

  it('Performance Optimisation › Session Caching: session.configureCache({ enabled, cacheDiscoveries, cacheMaterials, ttlMinutes })', async () => {
    const session = await manager.createSession({ name: 'cached', metadata: { project: 'cathode_materials_discovery' } });
    await session.query('Analyse LiFePO4');

    // Configure session cache
    session.configureCache({ enabled: true, cacheDiscoveries: true, cacheMaterials: true, ttlMinutes: 30 });

    const discoveries = await session.getDiscoveries();
    const tools = await session.getTools();
    statuses = [];
    // Read again: the server confirms each cached answer is current (304) and the SDK serves it.
    expect(await session.getDiscoveries()).toEqual(discoveries);
    expect(await session.getTools()).toEqual(tools);
    expect(statuses).toEqual([304, 304]);

    // A change is never hidden by the cache.
    await session.query('Analyse LiCoO2');
    const after = await session.getDiscoveries();
    expect(after.items.length).toBeGreaterThanOrEqual(discoveries.items.length);
    expect((await session.getHistory()).items.map((t) => t.question)).toEqual(['Analyse LiFePO4', 'Analyse LiCoO2']);
    expect(manager.cacheStats().hits).toBeGreaterThanOrEqual(2);
  });

  it('Performance Optimisation › Lazy Loading: loadSession(id, { lazyLoad: true }), then getHistory({ lastN: 50 })', async () => {
    const created = await manager.createSession({ name: 'long conversation' });
    for (const formula of ['LiFePO4', 'LiCoO2', 'LiMn2O4', 'LiNiO2']) await created.query(`Analyse ${formula}`);
    const sessionId = created.id;

    // Load session without full history
    statuses = [];
    const session = await manager.loadSession(sessionId, { lazyLoad: true });
    expect(statuses).toHaveLength(1); // the metadata only
    expect(session.history).toBeUndefined();
    expect(session.counts.queries).toBe(4);

    // Load history on demand
    const history = await session.getHistory({ lastN: 50 });
    expect(history.total).toBe(4);
    expect(history.items.map((t) => t.question)).toEqual(['Analyse LiFePO4', 'Analyse LiCoO2', 'Analyse LiMn2O4', 'Analyse LiNiO2']);
    expect((await session.getHistory({ lastN: 1 })).items.map((t) => t.question)).toEqual(['Analyse LiNiO2']);
  });

  describe('Error Handling › Session Recovery, for every session type', () => {
    /** The guide's try/except: recover from a checkpoint when it can help, else start over from the last backup. */
    async function attempt(session: Session, step: () => Promise<unknown>): Promise<Session> {
      try {
        await step();
        return session;
      } catch (e) {
        if (!(e instanceof SessionError)) throw e;
        if (e.recoverable) {
          await session.recoverFromCheckpoint();
          return session;
        }
        return manager.createFromBackup(session.lastBackup);
      }
    }

    const TYPES: Array<{ sessionType: SessionType; config?: Record<string, string | number> }> = [
      { sessionType: 'interactive' },
      { sessionType: 'batch' },
      { sessionType: 'research', config: { durationDays: 7, checkpointFrequency: 'daily' } },
      { sessionType: 'collaborative' },
    ];

    async function prepared(sessionType: SessionType, config?: Record<string, string | number>): Promise<Session> {
      const session = await manager.createSession({ name: `${sessionType} recovery`, sessionType, ...(config ? { config } : {}) });
      await session.start();
      await session.addContext('good', 'a state worth keeping');
      await session.saveCheckpoint('last_good_state');
      await session.save();
      await session.addContext('half_done', 'the analysis that failed');
      return session;
    }

    it.each(TYPES)('$sessionType: a recoverable SessionError → recoverFromCheckpoint()', async ({ sessionType, config }) => {
      const session = await prepared(sessionType, config);
      const error = await session.start().catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'SessionError', recoverable: true });
      const after = await attempt(session, () => session.start());
      expect(after.id).toBe(session.id);
      expect((await session.getContext()).items.map((i) => i.key)).toEqual(['good']);
      expect(await session.verify()).toMatchObject({ ok: true });
    });

    it.each(TYPES)('$sessionType: an unrecoverable one → createFromBackup(session.lastBackup)', async ({ sessionType, config }) => {
      const session = await prepared(sessionType, config);
      const error = await session.restoreCheckpoint('never_saved').catch((e: unknown) => e);
      expect(error).toMatchObject({ recoverable: false, status: 404 });
      const newSession = await attempt(session, () => session.restoreCheckpoint('never_saved'));
      expect(newSession.id).not.toBe(session.id);
      expect(newSession).toMatchObject({ name: `${sessionType} recovery`, type: sessionType, status: 'active' });
      // The backup is the last good state: saved before the half-done work.
      expect((await newSession.getContext()).items.map((i) => i.key)).toEqual(['good']);
      expect(await newSession.verify()).toMatchObject({ ok: true });
      // The copy has the checkpoint too, and recovers from it.
      await newSession.addContext('second_try', 'also failed');
      await newSession.recoverFromCheckpoint();
      expect((await newSession.getContext()).items.map((i) => i.key)).toEqual(['good']);
    });
  });
});
