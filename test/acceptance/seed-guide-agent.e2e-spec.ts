// The seed guide's examples that ask the agent questions (docs: session-management.md), through the
// TypeScript SDK against the real app on a real port, offline: no OPENAI_API_KEY, so the offline
// analyst answers with the built-in materials tools. Each `it` mirrors one of the guide's examples
// in camelCase; where the guide prints, the test asserts. The `it`s of a describe share one session
// and run in order, as the guide's sections build on each other.
import { SessionManager, type QueryResponse, type Session } from '@crystalyse/sdk';
import { openSdkTarget, SDK_MODES, type SdkTarget } from './sdk-modes.js';

describe.each(SDK_MODES)('%s mode: the seed guide through the SDK: questions, context, discoveries, analytics', (mode) => {
  let api: SdkTarget;
  let manager: SessionManager;

  beforeAll(async () => {
    api = await openSdkTarget(mode);
    manager = api.manager;
  });
  afterAll(() => api.close());

  describe('Session Interaction, then Context Building', () => {
    let session: Session;
    const responses: QueryResponse[] = [];

    it('Session Interaction: "Analyse LiFePO4", then two follow-ups that keep LiFePO4 in context', async () => {
      session = await manager.createSession({ metadata: { project: 'cathode_materials_discovery' } });
      expect(session.status).toBe('created');

      // Start conversation
      let response = await session.query('Analyse LiFePO4');
      responses.push(response);
      for (const fact of ['157.76 g/mol', 'Fe2+', 'olivine', 'Pnma']) expect(response.answer).toContain(fact);
      expect(response).toMatchObject({ status: 'answered', offline: true, question: 'Analyse LiFePO4', materials: expect.arrayContaining(['LiFePO4']) });
      expect(response.toolInvocations.map((i) => i.tool)).toEqual(expect.arrayContaining(['composition', 'oxidation_states']));
      expect(session.status).toBe('active'); // the first question started it

      // Follow-up with context
      response = await session.query('What about its ionic conductivity?');
      responses.push(response);
      expect(response.answer).toContain('LiFePO4');
      expect(response.answer!.toLowerCase()).toContain('conductivity');
      expect(response.analysis?.subjects?.[0]).toBe('LiFePO4');

      // The session maintains context of LiFePO4
      response = await session.query('Show me similar cathode materials');
      responses.push(response);
      expect(response.answer).toMatch(/LiMnPO4|LiCoPO4/);
      expect(session.revision).toBe(response.revision);
    });

    it('Context Building: recentMaterials, activeTools, discoveries and conversation.slice(-10)', async () => {
      // Automatic context includes:
      const context = await session.getContext();
      expect(context.recentMaterials).toContain('LiFePO4'); // Recently analysed materials
      expect(context.activeTools.length).toBeGreaterThan(0); // Currently active tools
      expect(context.activeTools).toEqual(expect.arrayContaining(['composition', 'similar_materials']));
      expect(context.discoveries).toEqual([]); // Session discoveries: no insight was stated yet
      const lastTen = context.conversation.slice(-10); // Last 10 exchanges
      expect(lastTen.map((turn) => turn.question)).toEqual(['Analyse LiFePO4', 'What about its ionic conductivity?', 'Show me similar cathode materials']);
      expect(lastTen.map((turn) => turn.queryId)).toEqual(responses.map((r) => r.queryId));
      expect(lastTen.every((turn) => turn.status === 'answered' && turn.answer !== null)).toBe(true);
    });
  });

  describe('Discovery Tracking, then Session Analytics', () => {
    let session: Session;
    let insight: QueryResponse;
    let detectedId: string;
    let manualId: string;

    it('Automatic Discovery Detection: configureDiscoveries, then the olivine insight is stored', async () => {
      session = await manager.createSession({ name: 'olivine insights' });
      // Configure discovery detection
      await session.configureDiscoveries({
        autoDetect: true,
        minConfidence: 0.75,
        categories: ['structure_property', 'novel_synthesis', 'stability_insight', 'phase_relationship'],
      });
      await session.query('Analyse LiFePO4');

      // Discoveries are automatically tracked
      insight = await session.query('The olivine structure seems crucial for Li+ mobility');
      // System detects and stores this structure-property insight
      const detected = insight.discoveries.find((d) => d.category === 'structure_property');
      expect(detected).toBeDefined();
      expect(detected!.confidence).toBeGreaterThanOrEqual(0.75);
      detectedId = detected!.id;

      const { items, config } = await session.getDiscoveries();
      expect(config).toEqual({ autoDetect: true, minConfidence: 0.75, categories: ['structure_property', 'novel_synthesis', 'stability_insight', 'phase_relationship'] });
      expect(items).toEqual([expect.objectContaining({ id: detectedId, origin: 'detected', status: 'detected', evidence: expect.objectContaining({ queryId: insight.queryId }) })]);
      expect((await session.getContext()).discoveries.map((d) => d.id)).toEqual([detectedId]);
    });

    it('Manual Discovery Recording: recordDiscovery(evidence = response.analysis), linkDiscoveries with the two ids', async () => {
      const response = insight;
      // Explicitly mark a discovery
      manualId = await session.recordDiscovery({
        type: 'structure_property',
        description: 'Olivine structure increases ionic conductivity 10-fold',
        materials: ['LiFePO4', 'LiMnPO4'],
        evidence: response.analysis,
        confidence: 0.9,
      });
      // Link discoveries
      const { linkId } = await session.linkDiscoveries({
        discoveryIds: [detectedId, manualId],
        relationship: 'supports',
        notes: 'Both show same structure-property pattern',
      });

      const { items, links } = await session.getDiscoveries();
      const manual = items.find((d) => d.id === manualId)!;
      expect(manual).toMatchObject({ origin: 'recorded', category: 'structure_property', materials: ['LiFePO4', 'LiMnPO4'], confidence: 0.9, linkIds: [linkId] });
      expect(manual.evidence.detail).toEqual(response.analysis);
      expect(links).toEqual([expect.objectContaining({ id: linkId, discoveryIds: [detectedId, manualId], relationship: 'supports', notes: 'Both show same structure-property pattern' })]);
    });

    it('Best Practices › Discovery Management: validate, tag and reject discoveries', async () => {
      await session.validateDiscovery(manualId, 'matches the literature');
      await session.tagDiscovery(manualId, ['olivine', 'cathode']);
      const duplicate = await session.recordDiscovery({ type: 'stability_insight', description: 'LiFePO4 is stable', materials: ['LiFePO4'], confidence: 0.5 });
      await session.rejectDiscovery(duplicate, 'not supported by the data');

      const { items } = await session.getDiscoveries();
      expect(items.find((d) => d.id === manualId)).toMatchObject({ status: 'validated', tags: ['olivine', 'cathode'], review: { note: 'matches the literature' } });
      expect(items.find((d) => d.id === duplicate)).toMatchObject({ status: 'rejected', review: { note: 'not supported by the data' } });
      expect((await session.getContext()).discoveries.map((d) => d.id)).toEqual([detectedId, manualId]);
    });

    it('Session Analytics: getStatistics() and generateSummary()', async () => {
      // Get session statistics
      const stats = await session.getStatistics();
      const printed = [
        `Duration: ${stats.durationMinutes} minutes`,
        `Queries: ${stats.queryCount}`,
        `Materials analysed: ${stats.materialCount}`,
        `Discoveries: ${stats.discoveryCount}`,
        `Tools used: ${JSON.stringify(stats.toolUsage)}`,
      ];
      expect(printed[1]).toBe('Queries: 2');
      expect(stats.durationMinutes).toBeGreaterThanOrEqual(0);
      expect(stats).toMatchObject({ queryCount: 2, answeredCount: 2, failedCount: 0, discoveryCount: 2 }); // the rejected one is not counted
      expect(stats.materialCount).toBeGreaterThanOrEqual(1);
      expect(stats.toolUsage.composition).toBeGreaterThanOrEqual(1);

      // Generate session summary
      const summary = await session.generateSummary();
      expect(summary.keyFindings[0]).toContain('Olivine structure increases ionic conductivity 10-fold'); // validated first
      expect(summary.materialsOfInterest).toContain('LiFePO4');
      expect(summary.nextSteps.some((step) => step.includes(detectedId))).toBe(true); // the detected one awaits review
      expect(summary.events).toEqual(['SessionSummaryGenerated']);
    });
  });
});
