// The seed guide (docs: session-management.md), walked through the TypeScript SDK in both of its
// modes: remote (the real app on a real port) and embedded (the same app in-process, no port). Each `it` mirrors one of the guide's examples in camelCase; where the guide
// prints, the test asserts. The examples that ask questions (session.query, discoveries, tools,
// analytics) are in seed-guide-agent.e2e-spec.ts and seed-guide-tools.e2e-spec.ts; here a session
// is started by hand where a first query would start it.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConflictError, NotFoundError, SessionError, SessionManager, type Session } from '@crystalyse/sdk';
import { openSdkTarget, SDK_MODES, type SdkTarget } from './sdk-modes.js';

/** The error a call failed with; fails the test if it did not fail. */
async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe.each(SDK_MODES)('%s mode: the seed guide, through the SDK', (mode) => {
  let api: SdkTarget;
  let manager: SessionManager;
  let scratch: string;

  beforeAll(async () => {
    api = await openSdkTarget(mode);
    manager = api.manager;
    scratch = await mkdtemp(join(tmpdir(), 'crystalyse-seed-'));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
    await api.close();
  });

  it('Session Types › Interactive Sessions: createInteractiveSession(name, config)', async () => {
    const session = await manager.createInteractiveSession({
      name: 'battery_materials_project',
      config: { memory_enabled: true, discovery_detection: true, context_window: 4000 },
    });
    expect(session).toMatchObject({ name: 'battery_materials_project', type: 'interactive', status: 'created', revision: 0 });
    const state = await session.stateAt(0);
    expect(state.governance.config).toEqual({ memory_enabled: true, discovery_detection: true, context_window: 4000 });
  });

  it('Creating Sessions: createSession(userId, sessionType, metadata) gives an id and createdAt', async () => {
    const userId = (await manager.me()).id;
    const session = await manager.createSession({
      userId,
      sessionType: 'interactive',
      metadata: { project: 'cathode_materials_discovery', phase: 'structure_optimization' },
    });

    expect(session.id).toMatch(/^[\w-]{8,}$/);
    expect(new Date(session.createdAt).toISOString()).toBe(session.createdAt);
    expect(session.ownerId).toBe(userId);
    expect(session.metadata).toEqual({ project: 'cathode_materials_discovery', phase: 'structure_optimization' });
    await expect(manager.createSession({ userId: 'user_123' })).rejects.toMatchObject({ name: 'AuthError', field: 'userId' });
  });

  it('Managing Session State: saveCheckpoint, pause, resumeSession, restoreCheckpoint', async () => {
    let session: Session = await manager.createSession({ metadata: { project: 'cathode_materials_discovery' } });
    await session.start();
    await session.addContext('lifepo4', 'LiFePO4: olivine cathode, 170 mAh/g');
    const sessionId = session.id;

    // Save current state
    await session.saveCheckpoint('after_lifepo4_analysis');
    await session.addContext('detour', 'a line of analysis to drop');
    // Pause session
    await session.pause();
    expect(session.status).toBe('paused');
    // Resume later
    session = await manager.resumeSession(sessionId);
    expect(session.status).toBe('active');
    // Restore from checkpoint
    await session.restoreCheckpoint('after_lifepo4_analysis');

    expect((await session.getContext()).items.map((item) => item.key)).toEqual(['lifepo4']);
    expect(await session.listCheckpoints()).toEqual([expect.objectContaining({ name: 'after_lifepo4_analysis', revision: 2, restoredCount: 1 })]);
  });

  it('Session Components › State: focus, hypotheses and tasks', async () => {
    const session = await manager.createSession({ name: 'cathode state' });
    await session.setFocus('LiFePO4 ionic conductivity');
    const { hypothesisId } = await session.addHypothesis('Mn substitution raises the voltage');
    const { taskId } = await session.addTask('Compare LiMnPO4 conductivity');
    await session.completeTask(taskId);

    const context = await session.getContext();
    expect(context.focus).toBe('LiFePO4 ionic conductivity');
    expect(context.hypotheses).toEqual([expect.objectContaining({ id: hypothesisId, statement: 'Mn substitution raises the voltage' })]);
    expect(context.tasks).toEqual([expect.objectContaining({ id: taskId, status: 'completed' })]);
    expect((await session.refresh()).counts).toMatchObject({ hypotheses: 1, tasks: 1, openTasks: 0 });
  });

  it('Context Management: configureContext, addContext("important_finding"), clearContext("tool_outputs"), getContext', async () => {
    const session = await manager.createSession({ name: 'context control' });

    // Configure context
    await session.configureContext({ maxHistory: 50, materialMemory: 10, autoSummarise: true, relevanceThreshold: 0.7 });
    // Manually add to context
    await session.addContext('important_finding', 'This crystal structure shows enhanced stability');
    await session.addContext('xrd_peaks', { peaks: [20.7, 29.7, 35.6] }, 'tool_outputs');
    // Clear specific context
    await session.clearContext('tool_outputs');

    const context = await session.getContext();
    expect(context.config).toEqual({ maxHistory: 50, materialMemory: 10, autoSummarise: true, relevanceThreshold: 0.7 });
    expect(context.items).toEqual([expect.objectContaining({ key: 'important_finding', value: 'This crystal structure shows enhanced stability', kind: 'custom' })]);
    // The automatic parts are filled by queries (seed-guide-agent.e2e-spec.ts): none were asked here.
    expect(context).toMatchObject({ recentMaterials: [], activeTools: [], discoveries: [], summary: null });
    expect(context.conversation.slice(-10)).toEqual([]);
  });

  it('Loading Sessions: listSessions(userId, status, project), loadSession, searchSessions', async () => {
    const userId = (await manager.me()).id;
    const olivine = await manager.createSession({ name: 'olivine structure analysis', metadata: { project: 'cathode_materials_discovery' } });
    await olivine.start();
    const notStarted = await manager.createSession({ name: 'spinel screening', metadata: { project: 'cathode_materials_discovery' } });

    // List user sessions
    const sessions = await manager.listSessions({ userId, status: 'active', project: 'cathode_materials_discovery' });
    const ids = sessions.map((s) => s.id);
    expect(ids).toContain(olivine.id);
    expect(ids).not.toContain(notStarted.id);
    expect(sessions.every((s) => s.status === 'active' && s.metadata.project === 'cathode_materials_discovery')).toBe(true);

    // Load specific session
    const session = await manager.loadSession(olivine.id);
    expect(session).toMatchObject({ id: olivine.id, name: 'olivine structure analysis', status: 'active', history: [] });

    // Search sessions
    const results = await manager.searchSessions({ query: 'olivine structure analysis', userId });
    expect(results[0]?.id).toBe(olivine.id);
  });

  it('Session Persistence: save() keeps a backup; export(format, includeDiscoveries, includeMolecules, outputPath)', async () => {
    const session = await manager.createSession({ name: 'persistence', metadata: { project: 'cathode_materials_discovery' } });
    await session.addHypothesis('LiFePO4 is stable to 400 C');

    // Manual save
    const backup = await session.save();
    expect(session.lastBackup).toBe(backup);
    expect(backup.events?.map((e) => e.type)).toEqual(['SessionCreated', 'HypothesisAdded']);

    // Export session
    const outputPath = join(scratch, 'session_export.json');
    const exported = await session.export({ format: 'json', includeDiscoveries: true, includeMolecules: true, outputPath });
    expect(JSON.parse(await readFile(outputPath, 'utf8'))).toEqual(exported);
    expect(exported.session).toMatchObject({ id: session.id, name: 'persistence' });
    expect(exported.workspace).toHaveProperty('discoveries');
    expect(exported.workspace).toHaveProperty('materials');
    expect(exported).not.toHaveProperty('events');
    expect((await session.export({ includeMolecules: false })).workspace).not.toHaveProperty('materials');
  });

  describe('Error Handling › Session Recovery', () => {
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

    let session: Session;
    beforeEach(async () => {
      session = await manager.createSession({ name: 'recovery' });
      await session.start();
      await session.addContext('good', 'a state worth keeping');
      await session.saveCheckpoint('last_good_state');
      await session.save();
      await session.addContext('half_done', 'the analysis that failed');
    });

    it('a recoverable SessionError: recoverFromCheckpoint()', async () => {
      // Starting an active session is refused (409) and recoverable: the session is still usable.
      const error = await caught(session.start());
      expect(error).toMatchObject({ name: 'SessionError', code: 'illegal_transition', recoverable: true });

      const after = await attempt(session, () => session.start());
      expect(after.id).toBe(session.id);
      expect((await session.getContext()).items.map((i) => i.key)).toEqual(['good']);
    });

    it('an unrecoverable one: createFromBackup(session.lastBackup)', async () => {
      const error = await caught(session.restoreCheckpoint('never_saved'));
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error).toMatchObject({ recoverable: false, message: 'checkpoint never_saved not found' });

      const newSession = await attempt(session, () => session.restoreCheckpoint('never_saved'));
      expect(newSession.id).not.toBe(session.id);
      expect(newSession).toMatchObject({ name: 'recovery', status: 'active' });
      expect((await newSession.getContext()).items.map((i) => i.key)).toEqual(['good']);
      expect(await newSession.verify()).toMatchObject({ ok: true });
    });
  });

  describe('Error Handling › Conflict Resolution', () => {
    let mine: Session;
    let theirs: Session;
    beforeEach(async () => {
      // Two clients with optimistic concurrency, both holding the same session at the same revision.
      const alice = api.client({ optimisticConcurrency: true });
      const bob = api.client({ optimisticConcurrency: true });
      mine = await alice.createSession({ name: 'team_materials_exploration', metadata: { phase: 'screening' } });
      theirs = await bob.loadSession(mine.id, { lazyLoad: true });
    });

    it("the second rename gets a ConflictError; resolveConflicts({ strategy: 'merge' }) keeps the remote name", async () => {
      await mine.rename('lfp_cathodes');
      const refused = await caught(theirs.rename('spinel_cathodes'));
      expect(refused).toBeInstanceOf(ConflictError);

      // Handle collaborative conflicts: the refused change is unsaved, so save() raises it again.
      const e = await caught(theirs.save());
      expect(e).toBeInstanceOf(ConflictError);
      const shown = (e as ConflictError).conflicts.map((conflict) => `Conflict in ${conflict.field}: yours ${String(conflict.local)}, remote ${String(conflict.remote)}`);
      expect(shown).toEqual(['Conflict in governance.name: yours spinel_cathodes, remote lfp_cathodes']);

      // Resolve: a rename has no other part to merge, so the remote name stands.
      const result = await theirs.resolveConflicts({ strategy: 'merge' });
      expect(result).toMatchObject({ applied: null, discarded: [{ field: 'governance.name', local: 'spinel_cathodes', remote: 'lfp_cathodes', base: 'team_materials_exploration' }] });
      expect(theirs.name).toBe('lfp_cathodes');
      expect((await theirs.save()).session.name).toBe('lfp_cathodes');
    });

    it("'merge' re-sends the metadata keys that did not conflict", async () => {
      await mine.updateMetadata({ phase: 'synthesis' });
      await expect(theirs.updateMetadata({ phase: 'characterisation', reviewer: 'bob' })).rejects.toBeInstanceOf(ConflictError);

      const result = await theirs.resolveConflicts({ strategy: 'merge' });
      expect(result.discarded.map((c) => c.field)).toEqual(['governance.metadata.phase']);
      expect(result.applied?.events).toEqual(['SessionMetadataUpdated']);
      expect(theirs.metadata).toEqual({ phase: 'synthesis', reviewer: 'bob' });
      // Another client's change: read at the server's head, not at this client's last write.
      expect((await mine.refresh({ latest: true })).metadata).toEqual({ phase: 'synthesis', reviewer: 'bob' });
    });

    it("'ours' writes the local value over the remote one", async () => {
      await mine.rename('lfp_cathodes');
      await expect(theirs.rename('spinel_cathodes')).rejects.toMatchObject({ conflicts: [{ field: 'governance.name' }] });
      await theirs.resolveConflicts({ strategy: 'ours' });
      expect(theirs.name).toBe('spinel_cathodes');
      expect((await mine.refresh({ latest: true })).name).toBe('spinel_cathodes');
    });
  });

  it('Lazy Loading: loadSession(id, { lazyLoad: true }), then getHistory({ lastN: 50 })', async () => {
    const { id: sessionId } = await manager.createSession({ name: 'lazy' });

    // Load session without full history
    const session = await manager.loadSession(sessionId, { lazyLoad: true });
    expect(session.history).toBeUndefined();
    expect(session.counts).toMatchObject({ queries: 0, checkpoints: 0 });

    // Load history on demand
    const history = await session.getHistory({ lastN: 50 });
    expect(history).toEqual({ revision: 0, total: 0, items: [], nextBefore: null });
  });

  it('beyond the guide: time travel and audit (stateAt, diff, events, verify)', async () => {
    const session = await manager.createSession({ name: 'audit' });
    await session.setFocus('LiFePO4');
    await session.rename('audit trail');

    expect((await session.stateAt(0)).governance).toMatchObject({ name: 'audit' });
    expect((await session.stateAt(new Date('2000-01-01T00:00:00Z'))).atRevision).toBe(-1);
    const diff = await session.diff(0);
    expect(diff).toMatchObject({ from: 0, to: 2 });
    expect(diff.diff.workspace.focus?.changed).toEqual([expect.objectContaining({ from: null, to: 'LiFePO4' })]);
    const page = await session.events({ from: 1, limit: 1 });
    expect(page).toMatchObject({ revision: 2, next: 2, items: [{ type: 'FocusSet', revision: 1 }] });
    expect(await session.verify()).toMatchObject({ ok: true, eventsChecked: 3 });
  });
});
