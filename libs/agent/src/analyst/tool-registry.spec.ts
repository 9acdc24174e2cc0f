import { KNOWN_MATERIALS, ToolInputError, type MaterialsTool } from '../tools/index.js';
import { emptyContext, type AnalystProgress } from './analyst.port.js';
import { DuplicateToolError, ToolRegistry, createDefaultToolRegistry } from './tool-registry.js';
import { ToolSession } from './tool-session.js';

const noSession = { recentMaterials: [], discoveries: [], toolStates: {} };

// The seed's session-aware custom tool: reads the session and keeps a state of its own.
const visualisation: MaterialsTool<{ structure: string }, { loaded: string; previous: string | null; recent: string[] }, { loaded: string }> = {
  name: 'visualization',
  description: 'Load a structure for viewing',
  inputSchema: { type: 'object', properties: { structure: { type: 'string' } }, required: ['structure'], additionalProperties: false },
  execute(input, context) {
    if (input.structure === 'none') throw new ToolInputError('nothing to load');
    if (input.structure === 'crash') throw new Error('renderer exploded');
    return { result: { loaded: input.structure, previous: context.toolState?.loaded ?? null, recent: context.recentMaterials }, state: { loaded: input.structure } };
  },
};

describe('ToolRegistry', () => {
  it('holds the built-in tools and describes them as OpenAI function tools', () => {
    const registry = createDefaultToolRegistry();
    expect(registry.names()).toEqual(['composition', 'oxidation_states', 'known_materials', 'similar_materials']);
    const [composition] = registry.definitions();
    expect(composition).toEqual({
      type: 'function',
      function: { name: 'composition', description: expect.stringContaining('molar mass'), parameters: registry.get('composition')!.inputSchema },
    });
  });

  it('registers custom tools and refuses duplicate or invalid names', () => {
    const registry = createDefaultToolRegistry().register(visualisation);
    expect(registry.has('visualization')).toBe(true);
    expect(() => registry.register(visualisation)).toThrow(DuplicateToolError);
    expect(() => registry.register({ ...visualisation, name: 'known materials' })).toThrow('invalid tool name');
  });

  it('passes each tool its own session state and returns the new one, with timing', async () => {
    let t = 100;
    const registry = new ToolRegistry(() => (t += 4)).register(visualisation);
    const execution = await registry.execute('visualization', { structure: '1ABC' }, {
      recentMaterials: ['LiCoO2', 'LiFePO4'],
      discoveries: [],
      toolStates: { visualization: { loaded: '2XYZ' }, composition: { lastFormula: 'NaCl' } },
    });
    expect(execution).toEqual({
      tool: 'visualization',
      input: { structure: '1ABC' },
      output: { loaded: '1ABC', previous: '2XYZ', recent: ['LiCoO2', 'LiFePO4'] },
      durationMs: 4,
      state: { loaded: '1ABC' },
    });
  });

  it('captures failures instead of throwing', async () => {
    const registry = createDefaultToolRegistry().register(visualisation);
    const run = (name: string, input: unknown) => registry.execute(name, input, noSession);
    expect(await run('docking', {})).toMatchObject({ output: null, error: expect.stringContaining('unknown tool "docking"; available: composition') });
    expect(await run('composition', { formula: 42 })).toMatchObject({ output: null, error: 'invalid input: input.formula must be a string' });
    expect(await run('composition', { formula: 'NaCl', colour: 'blue' })).toMatchObject({ error: 'invalid input: input.colour is not a known parameter' });
    expect(await run('known_materials', { application: 'spaceship' })).toMatchObject({ error: expect.stringContaining('input.application must be one of') });
    expect(await run('visualization', {})).toMatchObject({ error: 'invalid input: input.structure is required' });
    expect(await run('visualization', { structure: 'none' })).toMatchObject({ output: null, error: 'nothing to load' });
    expect(await run('visualization', { structure: 'crash' })).toMatchObject({ output: null, error: 'tool failed: renderer exploded' });
    expect(await run('composition', { formula: 'Xy2' })).toMatchObject({ error: "unknown element 'Xy' at position 0" });
    expect((await run('composition', { formula: 'Xy2' })).state).toBeUndefined();
  });

  it('returns plain JSON copies, never the curated table’s own objects', async () => {
    const execution = await createDefaultToolRegistry().execute('known_materials', { formula: 'LiFePO4' }, noSession);
    const output = execution.output as { matches: Array<{ properties: { averageVoltage: { value: number } } }> };
    output.matches[0]!.properties.averageVoltage.value = 99;
    expect(KNOWN_MATERIALS.find((m) => m.id === 'LiFePO4-olivine')!.properties.averageVoltage!.value).toBe(3.45);
  });
});

describe('ToolSession', () => {
  it('threads tool states through one query and reports only the tools that changed', async () => {
    const tools = new ToolSession(createDefaultToolRegistry(), emptyContext({ toolStates: { composition: { lastFormula: 'NaCl', history: ['NaCl'] }, docking: { pose: 1 } } }));
    await tools.run('composition', { formula: 'LiFePO4' });
    await tools.run('composition', { formula: 'LiCoO2' });
    expect(tools.toolStates()).toEqual({ composition: { lastFormula: 'LiCoO2', history: ['LiCoO2', 'LiFePO4', 'NaCl'] } });
    expect(tools.invocations.map((i) => (i.output as { formula: string }).formula)).toEqual(['LiFePO4', 'LiCoO2']);
  });

  it('gives tools the recent materials oldest first, this query’s formulas last', async () => {
    const tools = new ToolSession(createDefaultToolRegistry().register(visualisation), emptyContext({ recentMaterials: ['LiCoO2', 'LiFePO4'] }));
    const withoutFormula = await tools.run<{ formula: string }>('composition', {});
    expect(withoutFormula.output!.formula).toBe('LiCoO2');
    await tools.run('composition', { formula: 'NaCl' });
    const seen = await tools.run<{ recent: string[] }>('visualization', { structure: '1ABC' });
    expect(seen.output!.recent).toEqual(['LiFePO4', 'LiCoO2', 'NaCl']);
  });

  it('keeps going when a progress listener throws', async () => {
    const seen: AnalystProgress[] = [];
    const tools = new ToolSession(createDefaultToolRegistry(), emptyContext(), (p) => {
      seen.push(p);
      throw new Error('listener bug');
    });
    const run = await tools.run('composition', { formula: 'NaCl' });
    expect(run).toMatchObject({ index: 0, output: { molarMass: 58.4428 } });
    expect(seen.map((p) => p.kind)).toEqual(['tool_call', 'tool_result']);
  });
});
