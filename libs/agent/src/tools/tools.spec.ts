import {
  BUILT_IN_TOOLS,
  compositionTool,
  FormulaError,
  knownMaterialsTool,
  oxidationStatesTool,
  similarMaterialsTool,
  ToolInputError,
  type ToolContext,
} from './index.js';

// ToolContext<never> fits every tool's context; the state passed in is whatever a tool stored.
const context = (toolState?: unknown, recentMaterials: string[] = []) => ({ recentMaterials, discoveries: [], toolState }) as ToolContext<never>;
const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('built-in tools', () => {
  it('have unique snake_case names, descriptions and object input schemas', () => {
    expect(BUILT_IN_TOOLS.map((t) => t.name)).toEqual(['composition', 'oxidation_states', 'known_materials', 'similar_materials']);
    for (const tool of BUILT_IN_TOOLS) {
      expect(tool.name).toMatch(/^[a-z_]+$/);
      expect(tool.description.length).toBeGreaterThan(40);
      expect(tool.inputSchema).toMatchObject({ type: 'object', additionalProperties: false });
    }
  });

  it('return plain JSON results and states, as events record them', async () => {
    const inputs: Record<string, object> = { composition: { formula: 'LiFePO4' }, oxidation_states: { formula: 'Fe3O4' }, known_materials: { formula: 'LiFePO4' }, similar_materials: { formula: 'LiFePO4', limit: 3 } };
    for (const tool of BUILT_IN_TOOLS) {
      const outcome = await tool.execute(inputs[tool.name], context());
      expect(json(outcome)).toEqual(outcome);
    }
  });
});

describe('composition tool', () => {
  it('analyses the given formula and remembers it', () => {
    const { result, state } = compositionTool.execute({ formula: 'LiFePO4' }, context());
    expect(result.molarMass).toBeCloseTo(157.757, 3);
    expect(state).toEqual({ lastFormula: 'LiFePO4', history: ['LiFePO4'] });
  });

  it('falls back to the session’s most recent material (newest last), then to its own last formula', () => {
    expect(compositionTool.execute({}, context(undefined, ['LiCoO2', 'LiMn2O4'])).result.formula).toBe('LiMn2O4');
    expect(compositionTool.execute({}, context({ lastFormula: 'H2O', history: ['H2O'] })).result.formula).toBe('H2O');
  });

  it('keeps a short history of distinct formulas, newest first', () => {
    let state = compositionTool.execute({ formula: 'LiFePO4' }, context()).state;
    state = compositionTool.execute({ formula: 'LiCoO2' }, context(state)).state;
    state = compositionTool.execute({ formula: 'Li2Fe2P2O8' }, context(state)).state;
    expect(state!.history).toEqual(['LiFePO4', 'LiCoO2']);
  });

  it('ignores a stored state of the wrong shape', () => {
    const broken = context({ lastFormula: 42 } as never);
    expect(() => compositionTool.execute({}, broken)).toThrow(ToolInputError);
  });

  it('reports invalid formulas and missing input as input errors', () => {
    expect(() => compositionTool.execute({ formula: 'LiXxO2' }, context())).toThrow(FormulaError);
    expect(() => compositionTool.execute({ formula: 'LiXxO2' }, context())).toThrow(/unknown element 'Xx' at position 2/);
    expect(() => compositionTool.execute({}, context())).toThrow(new ToolInputError('no formula given and no recent material in this session'));
  });
});

describe('oxidation_states tool', () => {
  it('returns the verdict and keeps it as state', () => {
    const { result, state } = oxidationStatesTool.execute({ formula: 'LiFePO4' }, context());
    expect(result.plausible).toBe(true);
    expect(state).toEqual({ lastFormula: 'LiFePO4', plausible: true, assignment: 'Li+1 Fe+2 P+5 O-2' });
    expect(oxidationStatesTool.execute({ formula: 'NaCl2' }, context()).state).toEqual({ lastFormula: 'NaCl2', plausible: false });
  });

  it('bounds the number of assignments', () => {
    expect(oxidationStatesTool.execute({ formula: 'CH3NH3PbI3', maxResults: 1 }, context()).result.assignments).toHaveLength(1);
    expect(oxidationStatesTool.execute({ formula: 'CH3NH3PbI3', maxResults: 0 }, context()).result.assignments).toHaveLength(1);
  });
});

describe('known_materials tool', () => {
  it('looks up by formula, whatever the normalisation', () => {
    const { result, state } = knownMaterialsTool.execute({ formula: 'LiFe(PO4)' }, context());
    expect(result).toMatchObject({ mode: 'lookup', total: 1, matches: [{ id: 'LiFePO4-olivine', match: 'exact', structureType: 'olivine' }] });
    expect(result.matches[0]).not.toHaveProperty('fractions');
    expect(state).toEqual({ lastFormula: 'LiFe(PO4)', lastIds: ['LiFePO4-olivine'] });
  });

  it('answers a follow-up about the session’s current material', () => {
    const { result } = knownMaterialsTool.execute({}, context(undefined, ['LiFePO4']));
    expect(result.matches[0]!.properties.electronicConductivity!.unit).toBe('S/cm');
  });

  it('searches by application and structure type', () => {
    const { result } = knownMaterialsTool.execute({ application: 'battery-cathode', structureType: 'olivine', limit: 2 }, context());
    expect(result).toMatchObject({ mode: 'search', total: 4 });
    expect(result.matches.map((m) => m.formula)).toEqual(['LiFePO4', 'LiMnPO4']);
  });

  it('returns no match, not an error, for an unknown material', () => {
    expect(knownMaterialsTool.execute({ formula: 'NaFePO4' }, context()).result).toMatchObject({ matches: [], total: 0 });
  });
});

describe('similar_materials tool', () => {
  it('ranks similar materials for the session’s material and remembers the ranking', async () => {
    const { result, state } = await similarMaterialsTool.execute({ limit: 3 }, context(undefined, ['LiFePO4']));
    expect(result.results.slice(0, 2).map((r) => r.formula).sort()).toEqual(['LiCoPO4', 'LiMnPO4']);
    expect(result.weights.composition + result.weights.structure + result.weights.prototype + result.weights.application + result.weights.anion).toBeCloseTo(1, 9);
    expect(state!.lastFormula).toBe('LiFePO4');
    expect(state!.ranked).toHaveLength(3);
  });

  it('filters by application ("similar cathode materials")', async () => {
    const { result } = await similarMaterialsTool.execute({ formula: 'LiCoO2', application: 'battery-cathode', limit: 10 }, context());
    expect(result.results.every((r) => r.applications.includes('battery-cathode'))).toBe(true);
  });
});
