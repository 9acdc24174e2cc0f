import { analyseOxidationStates, type OxidationAnalysis } from './chemistry/oxidation-states.js';
import { readState, resolveFormula, type MaterialsTool } from './tool.js';

export interface OxidationStatesInput {
  /** Chemical formula; defaults to the session's most recent material. */
  formula?: string;
  /** How many assignments to return (default 5). */
  maxResults?: number;
}

/** Per-session state: the last verdict, so a follow-up can refer to it without recomputing. */
export interface OxidationStatesState {
  lastFormula: string;
  plausible: boolean;
  assignment?: string;
}

// `satisfies` keeps execute's synchronous return type for direct callers and tests.
export const oxidationStatesTool = {
  name: 'oxidation_states',
  description:
    'Enumerate oxidation-state assignments from common oxidation states; report whether the composition can be charge-neutral and whether the more electronegative elements carry the negative charge (SMACT-style plausibility). Mixed valence (e.g. Fe3O4 = Fe2+ + 2 Fe3+) is found by per-site mixing, with average states.',
  inputSchema: {
    type: 'object',
    properties: {
      formula: { type: 'string', description: 'Chemical formula, e.g. LiFePO4, Fe3O4, SO4^2-' },
      maxResults: { type: 'integer', minimum: 1, maximum: 50, description: 'Number of assignments to return' },
    },
    additionalProperties: false,
  },
  execute(input, context) {
    const previous = readState<OxidationStatesState>(context.toolState, (s) => typeof s.lastFormula === 'string');
    const formula = resolveFormula(input.formula, previous?.lastFormula, context);
    const maxResults = Math.min(50, Math.max(1, Math.floor(input.maxResults ?? 5)));
    const result = analyseOxidationStates(formula, maxResults);
    const best = result.assignments[0]?.text;
    return { result, state: { lastFormula: result.formula, plausible: result.plausible, ...(best ? { assignment: best } : {}) } };
  },
} satisfies MaterialsTool<OxidationStatesInput, OxidationAnalysis, OxidationStatesState>;
