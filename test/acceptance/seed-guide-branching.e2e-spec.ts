// The seed guide's Advanced Features (docs: session-management.md) through the TypeScript SDK,
// against the real app on a real port, offline (no OPENAI_API_KEY: the offline analyst answers):
// Session Branching, Session Templates, Best Practices › Session Hygiene, and Error Handling ›
// Conflict Resolution for a merge. Each `it` mirrors one of the guide's examples in camelCase;
// where the guide prints, the test asserts. (Conflict Resolution between two clients with
// optimistic concurrency is in seed-guide.e2e-spec.ts.)
import { Branch, ConflictError, SessionError, SessionManager, type Session } from '@crystalyse/sdk';
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

const questions = (turns: Array<{ question: string }>) => turns.map((turn) => turn.question);

describe.each(SDK_MODES)('%s mode: the seed guide through the SDK: branching, templates, hygiene', (mode) => {
  let api: SdkTarget;
  let manager: SessionManager;

  beforeAll(async () => {
    api = await openSdkTarget(mode);
    manager = api.manager;
  });
  afterAll(() => api.close());

  describe('Advanced Features › Session Branching', () => {
    let session: Session;
    beforeEach(async () => {
      session = await manager.createSession({ name: 'cathode structures', metadata: { project: 'cathode_materials_discovery' } });
      await session.query('Analyse LiFePO4');
    });

    it('createBranch("explore_different_structure"), branch.query(...), then session.mergeBranch(branch.id)', async () => {
      // Create a branch to explore alternative hypothesis
      const branch = await session.createBranch('explore_different_structure');
      expect(branch).toBeInstanceOf(Branch);
      expect(branch).toMatchObject({ sessionId: session.id, name: 'explore_different_structure', parentBranchId: null, status: 'open' });

      // Work in branch
      const response = await branch.query('What if we use a spinel structure instead?');
      expect(response).toMatchObject({ status: 'answered', branchId: branch.id, question: 'What if we use a spinel structure instead?' });
      expect(response.answer).toBeTruthy();
      expect(questions((await branch.getHistory()).items)).toEqual(['Analyse LiFePO4', 'What if we use a spinel structure instead?']);
      // Nothing reaches the session until the merge.
      expect(questions((await session.getHistory()).items)).toEqual(['Analyse LiFePO4']);

      // Merge successful branch
      const merged = await session.mergeBranch(branch.id);
      expect(merged.events).toEqual(['BranchMerged']);
      expect(session.revision).toBe(merged.revision);
      expect(questions((await session.getHistory()).items)).toEqual(['Analyse LiFePO4', 'What if we use a spinel structure instead?']);
      expect(questions((await session.getContext()).conversation)).toContain('What if we use a spinel structure instead?');
      expect(await session.listBranches()).toEqual([
        expect.objectContaining({ branchId: branch.id, name: 'explore_different_structure', status: 'merged', merges: [expect.objectContaining({ strategy: 'merge' })] }),
      ]);
      // Merging again brings only what is new: nothing.
      expect((await session.mergeBranch(branch.id)).events).toEqual([]);
    });

    it('Or discard unsuccessful exploration: branch.discard(); the branch then refuses work with a SessionError', async () => {
      const branch = await session.createBranch('explore_garnets');
      await branch.addHypothesis('A garnet framework would stabilise the cathode');

      // Or discard unsuccessful exploration
      await branch.discard();
      expect(branch.status).toBe('discarded');

      const refused = await caught(branch.query('What about Li7La3Zr2O12?'));
      expect(refused).toBeInstanceOf(SessionError);
      expect(refused).not.toBeInstanceOf(ConflictError);
      expect(refused).toMatchObject({ status: 409, message: expect.stringContaining('discarded') });
      await expect(branch.addTask('compare garnets')).rejects.toMatchObject({ status: 409 });
      await expect(session.mergeBranch(branch.id)).rejects.toMatchObject({ status: 409, message: expect.stringContaining('discarded') });
      // What it did stays readable in its log, and never reached the session.
      expect((await branch.getContext()).hypotheses.map((h) => h.statement)).toEqual(['A garnet framework would stabilise the cathode']);
      expect((await session.getContext()).hypotheses).toEqual([]);
      expect((await session.listBranches()).map((b) => [b.name, b.status])).toEqual([['explore_garnets', 'discarded']]);
    });

    it('beyond the guide: a branch from a checkpoint, a branch of that branch merged into it, getBranch', async () => {
      await session.saveCheckpoint('after_lifepo4');
      await session.addContext('late_note', 'added after the checkpoint');
      const branch = await session.createBranch('from_checkpoint', { from: { checkpoint: 'after_lifepo4' } });
      expect((await branch.getContext()).items).toEqual([]);

      const nested = await branch.createBranch('nested');
      expect(nested.parentBranchId).toBe(branch.id);
      await nested.addContext('nested_note', 'made in the nested branch');
      await expect(session.mergeBranch(nested.id)).rejects.toMatchObject({ code: 'invalid_argument', field: 'branchId' });
      await branch.mergeBranch(nested.id);
      expect((await branch.getContext()).items.map((i) => i.key)).toEqual(['nested_note']);
      expect((await session.getContext()).items.map((i) => i.key)).toEqual(['late_note']);

      const loaded = await session.getBranch(branch.id);
      expect(loaded).toMatchObject({ id: branch.id, name: 'from_checkpoint', revision: branch.revision });
      expect(loaded.detail?.divergence.branch.contextItems?.added).toHaveLength(1);
      expect(await loaded.verify()).toMatchObject({ ok: true });
    });
  });

  it('Advanced Features › Session Templates: createFromTemplate(...), then saveTemplate({ name, fromSession: session.id })', async () => {
    // Create from template
    const session = await manager.createFromTemplate({
      template: 'materials_discovery_workflow',
      parameters: { application: 'solid state battery', structure: 'perovskite' },
    });
    expect(session).toMatchObject({ name: 'perovskite materials for solid state battery', type: 'research', status: 'created' });
    expect(session.metadata).toMatchObject({ application: 'solid state battery', structure: 'perovskite' });
    const context = await session.getContext();
    expect(context.focus).toBe('perovskite materials for solid state battery');
    expect(context.openTasks.map((t) => t.title)).toEqual([
      'Screen perovskite candidates for solid state battery',
      'Check charge balance and stability',
      'Compare ionic conductivity with known solid state battery materials',
      'Validate and link the discoveries worth keeping',
    ]);
    expect(context.hypotheses.map((h) => h.statement)).toEqual(['A perovskite structure can combine the ionic conductivity and the stability that solid state battery needs']);
    expect(context.items.map((i) => [i.key, i.value])).toEqual(expect.arrayContaining([['application', 'solid state battery'], ['target_structure', 'perovskite']]));
    expect(JSON.stringify(context)).not.toContain('{{');

    // Save custom template
    const saved = await manager.saveTemplate({ name: 'my_materials_screening_workflow', fromSession: session.id });
    expect(saved).toMatchObject({ name: 'my_materials_screening_workflow', version: 1, parameters: [] });
    expect((await manager.listTemplates()).map((t) => t.name)).toEqual(expect.arrayContaining(['materials_discovery_workflow', 'my_materials_screening_workflow']));
    expect((await manager.getTemplate('my_materials_screening_workflow')).content.focus).toBe('perovskite materials for solid state battery');

    // Beyond the guide: saving again with a parameter makes version 2, and it fills in like the built-in one.
    const v2 = await manager.saveTemplate({ name: 'my_materials_screening_workflow', fromSession: session.id, parameters: { structure: 'perovskite' } });
    expect(v2).toMatchObject({ version: 2, parameters: ['structure'] });
    const garnets = await manager.createFromTemplate({ template: 'my_materials_screening_workflow', parameters: { structure: 'garnet' } });
    expect((await garnets.getContext()).focus).toBe('garnet materials for solid state battery');
    await expect(manager.createFromTemplate({ template: 'materials_discovery_workflow', parameters: { application: 'solid state battery' } })).rejects.toMatchObject({
      status: 400,
      field: 'parameters.structure',
    });
  });

  it('Best Practices › Session Hygiene: cleanupOldContext({ days: 7 }), compressHistory(), archiveCompletedTasks()', async () => {
    const session = await manager.createSession({ name: 'hygiene' });
    await session.addContext('screening_notes', 'first pass over the phosphates');
    const formulas = ['LiFePO4', 'LiMnPO4', 'LiCoPO4', 'LiNiPO4', 'LiCoO2', 'LiMn2O4', 'NaFePO4'];
    for (const formula of formulas) await session.query(`Analyse ${formula}`);
    const { taskId } = await session.addTask('Analyse the olivine phosphates');
    await session.completeTask(taskId);
    await session.addTask('Compare the spinels');

    // Regular cleanup
    const cleaned = await session.cleanupOldContext({ days: 7 });
    const compressed = await session.compressHistory();
    const archived = await session.archiveCompletedTasks();

    // Nothing in the context is a week old yet; the two oldest turns of seven (all but the newest 5) are summarised.
    expect(cleaned.events).toEqual([]);
    expect(compressed).toMatchObject({ compressed: 2, events: ['HistorySummarised'] });
    expect(archived.events).toEqual(['TasksArchived']);
    const context = await session.getContext();
    expect(context.items.map((i) => i.key)).toEqual(['screening_notes']);
    expect(context.summary).toContain('LiFePO4');
    expect(questions(context.conversation)).toEqual(formulas.slice(2).map((f) => `Analyse ${f}`));
    expect(context.tasks.map((t) => [t.title, t.status])).toEqual([['Compare the spinels', 'pending']]);

    // The cut-off is an age: with days 0 every item is old enough.
    expect((await session.cleanupOldContext({ days: 0 })).events).toEqual(['ContextItemsExpired']);
    expect((await session.getContext()).items).toEqual([]);
    // The log keeps everything: the history, the completed task.
    expect((await session.getHistory()).total).toBe(7);
    const types = (await session.events({ limit: 1000 })).items.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['ContextItemAdded', 'TaskCompleted', 'ContextItemsExpired', 'HistorySummarised', 'TasksArchived']));
  });

  describe('Error Handling › Conflict Resolution, for a merge', () => {
    let session: Session;
    let branch: Branch;
    beforeEach(async () => {
      // The session and a branch of it set different focuses after the fork.
      session = await manager.createSession({ name: 'focus' });
      await session.setFocus('olivine cathodes');
      branch = await session.createBranch('try_spinels');
      await session.setFocus('layered oxide cathodes');
      await branch.setFocus('spinel cathodes');
      await branch.addHypothesis('Spinel LiMn2O4 conducts Li+ in three dimensions');
    });

    it("mergeBranch throws a ConflictError listing field, local and remote; resolveConflicts({ strategy: 'theirs' }) applies the branch's focus", async () => {
      let e: unknown;
      try {
        await session.mergeBranch(branch.id);
      } catch (error) {
        e = error;
      }
      expect(e).toBeInstanceOf(ConflictError);
      // Show conflicts
      const shown = (e as ConflictError).conflicts.map((conflict) => `Conflict in ${conflict.field}: your version ${String(conflict.local)}, remote version ${String(conflict.remote)}`);
      expect(shown).toEqual(['Conflict in workspace.focus: your version layered oxide cathodes, remote version spinel cathodes']);
      // Nothing was merged, and the refused merge is unsaved until it is resolved.
      expect((await session.getContext()).hypotheses).toEqual([]);
      await expect(session.save()).rejects.toBeInstanceOf(ConflictError);

      // Resolve
      const result = await session.resolveConflicts({ strategy: 'theirs' });
      expect(result).toMatchObject({
        strategy: 'theirs',
        applied: { events: ['BranchMerged'] },
        discarded: [{ field: 'workspace.focus', local: 'layered oxide cathodes', remote: 'spinel cathodes', base: 'olivine cathodes' }],
      });
      const context = await session.getContext();
      expect(context.focus).toBe('spinel cathodes');
      expect(context.hypotheses.map((h) => h.statement)).toEqual(['Spinel LiMn2O4 conducts Li+ in three dimensions']);
      expect((await session.listBranches())[0]).toMatchObject({ status: 'merged', merges: [{ strategy: 'theirs' }] });
      expect((await session.save()).events?.map((event) => event.type)).toContain('BranchMerged');
    });

    it("resolveConflicts({ strategy: 'merge' }) merges what did not conflict, keeps the session's focus and reports the branch's", async () => {
      await expect(session.mergeBranch(branch.id)).rejects.toBeInstanceOf(ConflictError);
      const result = await session.resolveConflicts({ strategy: 'merge' });
      expect(result.discarded).toEqual([expect.objectContaining({ field: 'workspace.focus', remote: 'spinel cathodes' })]);
      const context = await session.getContext();
      expect(context.focus).toBe('layered oxide cathodes');
      expect(context.hypotheses.map((h) => h.statement)).toEqual(['Spinel LiMn2O4 conducts Li+ in three dimensions']);
    });
  });
});
