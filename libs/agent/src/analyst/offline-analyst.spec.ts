import { AnalystError, emptyContext, type AnalystProgress, type AnalystResult } from './analyst.port.js';
import { OfflineAnalyst } from './offline-analyst.js';
import { SessionSimulator } from './testing/session-simulator.js';

const fixedClock = () => 1000;
const analyst = () => new OfflineAnalyst({ now: fixedClock });
const ask = (question: string, context = emptyContext()) => analyst().analyse({ question, context });
const formulas = (r: AnalystResult) => r.materials.map((m) => m.formula);

describe('offline analyst: the seed conversation about LiFePO4', () => {
  const session = new SessionSimulator(analyst());
  let first: AnalystResult;
  let second: AnalystResult;
  let third: AnalystResult;

  beforeAll(async () => {
    first = await session.ask('Analyse LiFePO4');
    second = await session.ask('What about its ionic conductivity?');
    third = await session.ask('Show me similar cathode materials');
  });

  it('"Analyse LiFePO4" gives computed facts and the table entry with sources', () => {
    expect(first.text).toMatch(/^LiFePO4, lithium iron phosphate \(LFP\): olivine structure, space group Pnma; molar mass 157\.76 g\/mol; charge-balanced as Li\+ Fe2\+ P5\+ O2-\./);
    for (const part of ['157.76 g/mol', 'Fe2+', 'olivine', 'Pnma']) expect(first.text).toContain(part);
    expect(first.text).toContain('mass fractions Li 4.40 %, Fe 35.40 %, P 19.63 %, O 40.57 %');
    expect(first.text).toContain('Average voltage: 3.45 V vs Li/Li+');
    expect(first.text).toContain('Theoretical capacity: 170 mAh/g');
    expect(first.text).toContain('J. Electrochem. Soc. 144, 1188 (1997)');
    expect(first.text).toContain('no language model was used');
    const facts = (first.analysis.facts as Record<string, Record<string, unknown>>).LiFePO4!;
    // The structured fact keeps the composition tool's precision (157.7574); the text quotes 157.76.
    expect(facts.molarMass as number).toBeCloseTo(157.76, 1);
    expect(facts).toMatchObject({ oxidationStates: 'Li+ Fe2+ P5+ O2-', chargeBalanced: true, plausible: true, structureType: 'olivine', spaceGroup: 'Pnma', knownMaterialId: 'LiFePO4-olivine' });
    expect(first.toolInvocations.map((i) => i.tool)).toEqual(['composition', 'oxidation_states', 'known_materials']);
    expect(first.toolStates).toEqual({
      composition: { lastFormula: 'LiFePO4', history: ['LiFePO4'] },
      oxidation_states: { lastFormula: 'LiFePO4', plausible: true, assignment: 'Li+1 Fe+2 P+5 O-2' },
      known_materials: { lastFormula: 'LiFePO4', lastIds: ['LiFePO4-olivine'] },
    });
    expect(first.materials).toHaveLength(1);
    expect(first.materials[0]).toMatchObject({ formula: 'LiFePO4', name: 'lithium iron phosphate (LFP)', toolInvocationIndex: 0 });
    expect(first.materials[0]!.source).toContain('Padhi');
    expect(first.materials[0]!.properties).toMatchObject({ molarMass: { value: 157.7574, unit: 'g/mol' }, averageVoltage: { value: 3.45 }, structureType: { value: 'olivine' } });
    expect(first).toMatchObject({ offline: true, model: 'offline-rules-1', usage: { totalTokens: 0 }, discoveries: [] });
    expect((first.analysis.sources as string[]).some((s) => s.includes('Chung'))).toBe(true);
  });

  it('"What about its ionic conductivity?" is about LiFePO4 and says the table has no value', () => {
    expect(second.analysis).toMatchObject({ intent: 'property', subjects: ['LiFePO4'], subjectFrom: 'recent material', topics: ['ionicConductivity'] });
    expect(second.text).toMatch(/^Ionic conductivity of LiFePO4, lithium iron phosphate \(LFP\): not in the curated table/);
    expect(second.text).toContain('Li diffusivity: 1.8e-14 cm²/s');
    expect(second.text).toContain('Prosini');
    expect(second.text).toContain('Electronic conductivity: 1e-9 S/cm');
    expect(second.text).toContain('taken from the session context: recent material LiFePO4');
    expect(second.discoveries).toEqual([]);
  });

  it('"Show me similar cathode materials" ranks olivine cathodes first, with reasons', () => {
    expect(third.analysis).toMatchObject({ intent: 'similar', subjects: ['LiFePO4'], application: 'battery-cathode' });
    const ranked = (third.analysis as unknown as { similar: Array<{ formula: string; id: string; score: number }> }).similar;
    expect(ranked.slice(0, 3).map((r) => r.formula).sort()).toEqual(['LiCoPO4', 'LiMnPO4', 'LiNiPO4']);
    expect(ranked.map((r) => r.score)).toEqual([...ranked.map((r) => r.score)].sort((a, b) => b - a));
    expect(third.text).toMatch(/^Materials similar to LiFePO4 \(olivine, Pnma\) among battery cathode materials/);
    expect(third.text).toMatch(/LiMnPO4, lithium manganese phosphate \(olivine, Pnma\), score 0\.9\d+: same olivine structure.*Mn2\+ substitutes Fe2\+/);
    expect(ranked).toHaveLength(5);
    expect(third.analysis.facts).toMatchObject({ LiFePO4: { molarMass: { value: 157.7574 }, structureType: { value: 'olivine' } } });
    expect(third.toolStates).toEqual({ similar_materials: { lastFormula: 'LiFePO4', ranked: ranked.map((r) => r.id) } });
    // The subject is listed last, so it stays the session's most recent material.
    expect(formulas(third).at(-1)).toBe('LiFePO4');
    expect(formulas(third)).toEqual(expect.arrayContaining(['LiMnPO4', 'LiCoPO4', 'LiNiPO4']));
    expect(third.materials.find((m) => m.formula === 'LiMnPO4')!.properties).toMatchObject({
      similarity: { to: 'LiFePO4' },
      molarMass: { value: 156.8504, unit: 'g/mol' },
      averageVoltage: { value: 4.1, source: expect.stringContaining('Padhi') },
    });
  });

  it('then records the seed statement as a structure–property insight about LiFePO4', async () => {
    const result = await session.ask('The olivine structure seems crucial for Li+ mobility');
    expect(result.analysis.intent).toBe('statement');
    expect(result.discoveries).toEqual([
      {
        category: 'structure_property',
        description: 'The olivine structure seems crucial for Li+ mobility',
        materials: ['LiFePO4'],
        confidence: 0.85,
        evidence: { text: 'The olivine structure seems crucial for Li+ mobility', toolInvocationIndexes: [0] },
      },
    ]);
    expect(result.text).toMatch(/^Noted: a candidate structure–property insight about LiFePO4 \(confidence 0\.85\): "The olivine structure seems crucial for Li\+ mobility"\./);
    expect(result.text).toContain('The curated table agrees that LiFePO4 has the olivine structure');
    // Said again, it is already a session discovery and is not detected twice.
    expect((await session.ask('The olivine structure seems crucial for Li+ mobility')).discoveries).toEqual([]);
  });

  it('summarises the exchanges extractively', async () => {
    const summary = await analyst().summarise(session.context.conversation.slice(0, 3), 120);
    expect(summary.offline).toBe(true);
    expect(summary.text).toContain('Materials discussed: LiFePO4');
    expect(summary.text).toContain('1) Analyse LiFePO4 → LiFePO4, lithium iron phosphate (LFP): olivine structure, space group Pnma; molar mass 157.76 g/mol');
    expect(summary.text.split(/\s+/).length).toBeLessThanOrEqual(121);
  });
});

describe('offline analyst: other materials', () => {
  it('answers for LiCoO2 with its own computed facts', async () => {
    const r = await ask('Analyse LiCoO2');
    expect(r.text).toMatch(/^LiCoO2, lithium cobalt oxide \(LCO\): layered α-NaFeO2 structure, space group R-3m; molar mass 97\.87 g\/mol; charge-balanced as Li\+ Co3\+ O2-\./);
    expect(r.text).toContain('Theoretical capacity: 274 mAh/g');
    expect(r.materials[0]!.source).toContain('Mizushima');
    expect(r.toolStates.composition).toEqual({ lastFormula: 'LiCoO2', history: ['LiCoO2'] });
  });

  it('answers for NaCl', async () => {
    const r = await ask('Tell me about NaCl');
    expect(r.text).toMatch(/^NaCl, sodium chloride \(halite\): rock salt structure, space group Fm-3m; molar mass 58\.44 g\/mol; charge-balanced as Na\+ Cl-\./);
  });

  it('analyses a valid formula outside the table from composition and oxidation states', async () => {
    const r = await ask('Analyse Li2FeSiO4');
    expect(r.text).toContain('Li2FeSiO4 is not in the curated table');
    expect(r.text).toContain('charge-balanced as Li+ Fe2+ Si4+ O2-');
    expect(r.text).toContain('molar mass 161.81 g/mol');
    expect(r.text).toContain('Closest known materials (similar_materials)');
    expect(r.materials.at(-1)).toMatchObject({ formula: 'Li2FeSiO4', source: 'computed' });
    expect(r.toolStates.known_materials).toEqual({ lastFormula: 'Li2FeSiO4', lastIds: [] });
  });

  it('explains an invalid formula instead of failing', async () => {
    const r = await ask('Analyse Xy2O3');
    expect(r.text).toContain(`I could not read "Xy2O3" as a chemical formula: unknown element 'Xy' at position 0`);
    expect(r.toolInvocations).toEqual([expect.objectContaining({ tool: 'composition', output: null, error: "unknown element 'Xy' at position 0" })]);
    expect(r.materials).toEqual([]);
    expect(r.analysis.intent).toBe('help');
  });

  it('reports an unclosed bracket even when the context has a material', async () => {
    const r = await ask('Analyse Li2Fe(PO4', emptyContext({ recentMaterials: ['LiCoO2'] }));
    expect(r.text).toContain(`unclosed '(' opened at position 5`);
    expect(r.text).not.toContain('LiCoO2');
  });

  it('acknowledges a stability claim in its own words', async () => {
    const r = await ask('LiCoO2 degrades because oxygen is released above 4.5 V.');
    expect(r.text).toMatch(/^Noted: a candidate stability insight about LiCoO2 \(confidence 0\.85\)/);
  });

  it('notes a composition that cannot be charge-balanced as a stability insight', async () => {
    const r = await ask('Analyse NaCl2');
    expect(r.text).toContain('no charge-balanced assignment from common oxidation states');
    expect(r.discoveries).toEqual([expect.objectContaining({ category: 'stability_insight', materials: ['NaCl2'], confidence: 0.7, evidence: { toolInvocationIndexes: [1] } })]);
  });

  it('answers a property question with the table value and its source', async () => {
    const r = await ask('What is the band gap of GaAs?');
    const [answer, note] = r.text.split('\n\n');
    expect(answer).toBe('Band gap of GaAs, gallium arsenide: 1.42 eV (direct, 300 K); source: I. Vurgaftman, J. R. Meyer, L. R. Ram-Mohan, J. Appl. Phys. 89, 5815 (2001), doi:10.1063/1.1368156.');
    expect(note).toMatch(/^Offline analysis: no language model was used/);
  });

  it('compares two materials side by side', async () => {
    const r = await ask('Compare LiCoO2 and LiMn2O4');
    expect(r.text).toContain('- Molar mass: 97.87 vs 180.81 g/mol');
    expect(r.text).toContain('- Structure: layered α-NaFeO2 (R-3m) vs spinel (Fd-3m)');
    expect(r.text).toContain('- Average voltage: 3.9 V vs Li/Li+ vs 4.1 V vs Li/Li+');
    expect(formulas(r)).toEqual(['LiMn2O4', 'LiCoO2']);
  });

  it('explains what it can do when there is no material to work on', async () => {
    const r = await ask('How are you?');
    expect(r.text).toMatch(/^I can analyse materials offline/);
    expect(r.toolInvocations).toEqual([]);
  });

  it('takes the subject from the focus when no material is recent', async () => {
    const r = await ask('What is its space group?', emptyContext({ focus: 'LiMnPO4 cathode work' }));
    expect(r.analysis).toMatchObject({ subjects: ['LiMnPO4'], subjectFrom: 'focus' });
    expect(r.text).toContain('space group Pnma');
  });
});

describe('offline analyst: determinism and progress', () => {
  it('gives the same result for the same input', async () => {
    const context = emptyContext({ recentMaterials: ['LiFePO4'] });
    const [a, b] = [await ask('Show me similar cathode materials', context), await ask('Show me similar cathode materials', context)];
    expect(a).toEqual(b);
  });

  it('reads the clock only for latency and durations', async () => {
    let t = 0;
    const ticking = new OfflineAnalyst({ now: () => (t += 7) });
    const [a, b] = [await ticking.analyse({ question: 'Analyse LiFePO4', context: emptyContext() }), await ask('Analyse LiFePO4')];
    const strip = (r: AnalystResult) => ({ ...r, latencyMs: 0, toolInvocations: r.toolInvocations.map((i) => ({ ...i, durationMs: 0 })) });
    expect(strip(a)).toEqual(strip(b));
    expect(a.latencyMs).toBeGreaterThan(0);
    expect(a.toolInvocations[0]!.durationMs).toBe(7);
  });

  it('reports status, each tool call and result, then the text', async () => {
    const progress: AnalystProgress[] = [];
    const r = await analyst().analyse({ question: 'Analyse LiCoO2', context: emptyContext() }, (p) => progress.push(p));
    expect(progress.map((p) => p.kind)).toEqual(['status', 'tool_call', 'tool_result', 'tool_call', 'tool_result', 'tool_call', 'tool_result', 'text']);
    expect(progress[1]).toEqual({ kind: 'tool_call', tool: 'composition', input: { formula: 'LiCoO2' } });
    expect(progress.at(-1)).toEqual({ kind: 'text', delta: r.text });
  });

  it('refuses a cancelled request', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(analyst().analyse({ question: 'Analyse LiFePO4', context: emptyContext(), signal: controller.signal })).rejects.toEqual(expect.any(AnalystError));
  });
});
