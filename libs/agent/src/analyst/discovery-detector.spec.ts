import { emptyContext } from './analyst.port.js';
import { detectDiscoveries, toDiscovery } from './discovery-detector.js';
import { classifyClaim, isClaim, sentences } from './discovery-rules.js';
import { createDefaultToolRegistry } from './tool-registry.js';
import { ToolSession } from './tool-session.js';

const detect = (text: string, contextMaterials: string[] = ['LiFePO4']) => detectDiscoveries({ text, contextMaterials }).map(toDiscovery);

async function invocations(calls: Array<[tool: string, input: unknown]>) {
  const tools = new ToolSession(createDefaultToolRegistry(() => 0), emptyContext());
  for (const [tool, input] of calls) await tools.run(tool, input);
  return tools.invocations;
}

describe('discovery detection in the user’s text', () => {
  it('recognises the seed statement as a structure–property insight about the context material', () => {
    expect(detect('The olivine structure seems crucial for Li+ mobility')).toEqual([
      {
        category: 'structure_property',
        description: 'The olivine structure seems crucial for Li+ mobility',
        materials: ['LiFePO4'],
        confidence: 0.8,
        evidence: { text: 'The olivine structure seems crucial for Li+ mobility', toolInvocationIndexes: [] },
      },
    ]);
  });

  it.each([
    ['Olivine structure increases ionic conductivity 10-fold in LiFePO4 and LiMnPO4.', 'structure_property', 0.9, ['LiFePO4', 'LiMnPO4']],
    ['The olivine structure is crucial for Li+ mobility.', 'structure_property', 0.85, ['LiFePO4']],
    ['This crystal structure shows enhanced stability.', 'stability_insight', 0.8, ['LiFePO4']],
    ['LiCoO2 degrades because oxygen is released above 4.5 V.', 'stability_insight', 0.85, ['LiCoO2']],
    ['LiFePO4 was synthesised by a hydrothermal route at 180 °C, yielding phase-pure olivine.', 'novel_synthesis', 0.8, ['LiFePO4']],
    ['A novel sol-gel synthesis gives LiMnPO4 nanoplates at a lower temperature.', 'novel_synthesis', 0.8, ['LiMnPO4']],
    ['LiFePO4 and FePO4 coexist in a two-phase reaction during delithiation.', 'phase_relationship', 0.75, ['LiFePO4', 'FePO4']],
    ['MAPbI3 transforms from tetragonal to cubic above 330 K.', 'phase_relationship', 0.85, ['CH3NH3PbI3']],
  ])('%s → %s (%s)', (text, category, confidence, materials) => {
    expect(detect(text)).toEqual([expect.objectContaining({ category, confidence, materials })]);
  });

  it.each([
    'What about its ionic conductivity?',
    'Show me similar cathode materials',
    'Analyse LiFePO4',
    'Is the olivine structure crucial for Li+ mobility?',
    'Could the olivine structure be crucial for Li+ mobility',
    'LiFePO4 has an olivine structure.',
    'The ionic conductivity is 1e-4 S/cm.',
    'I will synthesise LiFePO4 tomorrow.',
    'Thanks, that helps.',
  ])('does not detect anything in "%s"', (text) => {
    expect(detect(text)).toEqual([]);
  });

  it('hedging lowers the confidence, a named formula and a quantity raise it', () => {
    const score = (s: string) => classifyClaim(s, /LiFePO4/.test(s))?.confidence;
    expect(score('The olivine structure seems crucial for Li+ mobility')).toBe(0.8);
    expect(score('The olivine structure is crucial for Li+ mobility')).toBe(0.85);
    expect(score('The olivine structure of LiFePO4 is crucial for Li+ mobility')).toBe(0.9);
    expect(score('The olivine structure of LiFePO4 raises Li+ mobility 10-fold')).toBe(0.9);
  });

  it('reads claims sentence by sentence, skipping the questions around them', () => {
    const found = detect('Interesting. The layered structure governs Li+ diffusion in LiCoO2, e.g. along the planes. What about LiNiO2?');
    expect(found).toEqual([expect.objectContaining({ category: 'structure_property', materials: ['LiCoO2'] })]);
    expect(found[0]!.description).toBe('The layered structure governs Li+ diffusion in LiCoO2, e.g. along the planes');
    expect(sentences('One. Two, e.g. three. Four?')).toEqual(['One.', 'Two, e.g. three.', 'Four?']);
    expect(isClaim('Show me the data')).toBe(false);
  });

  it('does not detect a discovery the session already has', () => {
    const existing = [{ description: 'the olivine structure seems crucial for Li+ mobility.' }];
    expect(detectDiscoveries({ text: 'The olivine structure seems crucial for Li+ mobility', contextMaterials: ['LiFePO4'], existing })).toEqual([]);
  });
});

describe('checking claims and reading tool results', () => {
  it('cites a table lookup that agrees with the claimed structure, and doubts one that does not', async () => {
    const lookups = await invocations([['known_materials', { formula: 'LiFePO4' }]]);
    const [agrees] = detectDiscoveries({ text: 'The olivine structure seems crucial for Li+ mobility', contextMaterials: ['LiFePO4'], invocations: lookups });
    expect(agrees).toMatchObject({ confidence: 0.85, evidence: { toolInvocationIndexes: [0] }, check: { formula: 'LiFePO4', tableStructure: 'olivine', agrees: true } });
    const [contradicts] = detectDiscoveries({ text: 'The perovskite structure seems crucial for Li+ mobility', contextMaterials: ['LiFePO4'], invocations: lookups });
    expect(contradicts).toMatchObject({ confidence: 0.65, check: { agrees: false } });
  });

  it('records polymorphs found in the table as a phase relationship', async () => {
    const found = detectDiscoveries({ text: 'Analyse TiO2', contextMaterials: [], invocations: await invocations([['known_materials', { formula: 'TiO2' }]]) });
    expect(found.map(toDiscovery)).toEqual([
      {
        category: 'phase_relationship',
        description: 'TiO2 occurs as 2 polymorphs in the curated table: anatase (I41/amd), rutile (P42/mnm)',
        materials: ['TiO2'],
        confidence: 0.9,
        evidence: { toolInvocationIndexes: [0] },
      },
    ]);
  });

  it('flags a composition without a charge-balanced assignment, but not an intermetallic', async () => {
    const calls = await invocations([
      ['oxidation_states', { formula: 'NaCl2' }],
      ['oxidation_states', { formula: 'Cu3Au' }],
      ['oxidation_states', { formula: 'LiFePO4' }],
    ]);
    const found = detectDiscoveries({ text: 'Check these', contextMaterials: [], invocations: calls });
    expect(found.map((d) => [d.category, d.materials, d.evidence.toolInvocationIndexes])).toEqual([['stability_insight', ['NaCl2'], [0]]]);
  });

  it('proposes a solid solution between isostructural neighbours at a low confidence', async () => {
    const found = detectDiscoveries({ text: 'Show me similar cathode materials', contextMaterials: ['LiFePO4'], invocations: await invocations([['similar_materials', { formula: 'LiFePO4', application: 'battery-cathode' }]]) });
    expect(found).toEqual([expect.objectContaining({ category: 'phase_relationship', confidence: 0.6, materials: ['LiFePO4', expect.stringMatching(/^Li(Co|Mn)PO4$/)] })]);
    expect(found[0]!.description).toMatch(/are isostructural \(olivine\) with (Co|Mn)2\+ substituting for Fe2\+: a solid solution between them is plausible$/);
  });
});
