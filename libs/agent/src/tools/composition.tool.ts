import { analyseComposition, type Composition } from './chemistry/composition.js';
import { readState, resolveFormula, type MaterialsTool } from './tool.js';

export interface CompositionInput {
  /** Chemical formula; defaults to the session's most recent material. */
  formula?: string;
}

/** Per-session state: the last formula analysed and up to ten recent ones (reduced formulas). */
export interface CompositionState {
  lastFormula: string;
  history: string[];
}

const HISTORY = 10;

// `satisfies` keeps execute's synchronous return type for direct callers and tests.
export const compositionTool = {
  name: 'composition',
  description:
    'Parse a chemical formula (parentheses, hydrates such as CuSO4·5H2O, fractional stoichiometry, ionic charges) and return element counts, molar mass (g/mol, IUPAC atomic weights), mass and atomic fractions.',
  inputSchema: {
    type: 'object',
    properties: { formula: { type: 'string', description: 'Chemical formula, e.g. LiFePO4, Ca5(PO4)3OH, SO4^2-' } },
    additionalProperties: false,
  },
  execute(input, context) {
    const previous = readState<CompositionState>(context.toolState, (s) => typeof s.lastFormula === 'string' && Array.isArray(s.history));
    const formula = resolveFormula(input.formula, previous?.lastFormula, context);
    const result = analyseComposition(formula);
    const history = [result.reducedFormula, ...(previous?.history ?? []).filter((f) => f !== result.reducedFormula)].slice(0, HISTORY);
    return { result, state: { lastFormula: result.formula, history } };
  },
} satisfies MaterialsTool<CompositionInput, Composition, CompositionState>;
