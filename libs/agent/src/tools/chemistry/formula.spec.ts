import { FormulaError, parseFormula } from './formula.js';
import { anonymousFormula, formulaKey, reducedFormula } from './formula-format.js';
import { ToolInputError } from '../tool.js';

const counts = (formula: string) => parseFormula(formula).counts;

function formulaError(formula: string): FormulaError {
  try {
    parseFormula(formula);
  } catch (error) {
    if (error instanceof FormulaError) return error;
    throw error;
  }
  throw new Error(`expected '${formula}' to be rejected`);
}

describe('parseFormula', () => {
  it.each([
    ['LiFePO4', { Li: 1, Fe: 1, P: 1, O: 4 }],
    ['Ca5(PO4)3OH', { Ca: 5, P: 3, O: 13, H: 1 }],
    ['(NH4)2SO4', { N: 2, H: 8, S: 1, O: 4 }],
    ['K4[Fe(CN)6]', { K: 4, Fe: 1, C: 6, N: 6 }],
    ['Mg3{(PO4)2}', { Mg: 3, P: 2, O: 8 }],
    ['CH3NH3PbI3', { C: 1, H: 6, N: 1, Pb: 1, I: 3 }],
    ['HC(NH2)2PbI3', { H: 5, C: 1, N: 2, Pb: 1, I: 3 }],
    ['Li10GeP2S12', { Li: 10, Ge: 1, P: 2, S: 12 }],
    ['Co', { Co: 1 }],
    ['CO', { C: 1, O: 1 }],
  ])('counts the atoms of %s', (formula, expected) => {
    expect(counts(formula)).toEqual(expected);
  });

  it('keeps the order of first appearance', () => {
    expect(Object.keys(counts('LiFePO4'))).toEqual(['Li', 'Fe', 'P', 'O']);
  });

  it.each(['CuSO4·5H2O', 'CuSO4.5H2O', 'CuSO4*5H2O', 'CuSO4•5H2O', 'CuSO4∙5H2O', 'CuSO4 · 5 H2O'])('reads the hydrate %s', (formula) => {
    expect(counts(formula)).toEqual({ Cu: 1, S: 1, O: 9, H: 10 });
  });

  it('reads fractional hydrates and a hydrate without multiplier', () => {
    expect(counts('CaSO4·0.5H2O')).toEqual({ Ca: 1, S: 1, O: 4.5, H: 1 });
    expect(counts('CaSO4.0.5H2O')).toEqual({ Ca: 1, S: 1, O: 4.5, H: 1 });
    expect(counts('LiCl.H2O')).toEqual({ Li: 1, Cl: 1, H: 2, O: 1 });
  });

  it('reads decimal and fractional stoichiometry', () => {
    expect(counts('LiNi0.8Mn0.1Co0.1O2')).toEqual({ Li: 1, Ni: 0.8, Mn: 0.1, Co: 0.1, O: 2 });
    expect(counts('Li1.3Al0.3Ti1.7(PO4)3')).toEqual({ Li: 1.3, Al: 0.3, Ti: 1.7, P: 3, O: 12 });
    expect(counts('LiNi1/3Mn1/3Co1/3O2').Ni).toBeCloseTo(1 / 3, 9);
    // A decimal point between digits is not a hydrate dot unless water follows.
    expect(counts('Li0.33La0.56TiO3')).toEqual({ Li: 0.33, La: 0.56, Ti: 1, O: 3 });
  });

  it.each([
    ['Fe3+', { Fe: 1 }, 3],
    ['Fe2+', { Fe: 1 }, 2],
    ['O2-', { O: 1 }, -2],
    ['Cl-', { Cl: 1 }, -1],
    ['Fe+++', { Fe: 1 }, 3],
    ['Fe^+3', { Fe: 1 }, 3],
    ['SO4^2-', { S: 1, O: 4 }, -2],
    ['SO4 2-', { S: 1, O: 4 }, -2],
    ['NO3-', { N: 1, O: 3 }, -1],
    ['NH4+', { N: 1, H: 4 }, 1],
    ['H2PO4-', { H: 2, P: 1, O: 4 }, -1],
    ['[Fe(CN)6]4-', { Fe: 1, C: 6, N: 6 }, -4],
    ['[Fe(CN)6]^3-', { Fe: 1, C: 6, N: 6 }, -3],
    ['SO₄²⁻', { S: 1, O: 4 }, -2],
    ['LiFePO₄', { Li: 1, Fe: 1, P: 1, O: 4 }, 0],
  ])('reads the charge of %s', (formula, expected, charge) => {
    const parsed = parseFormula(formula);
    expect(parsed.counts).toEqual(expected);
    expect(parsed.charge).toBe(charge);
  });
});

describe('invalid formulas', () => {
  it.each([
    ['', 0, undefined, /empty formula/],
    ['   ', 0, undefined, /empty formula/],
    ['(PO4', 0, '(', /unclosed '\(' opened at position 0/],
    ['Ca5(PO4)3)OH', 9, ')', /unmatched '\)' at position 9/],
    ['Li(PO4]', 6, ']', /does not close '\(' opened at position 2/],
    ['Xx2O', 0, 'Xx', /unknown element 'Xx' at position 0/],
    ['LiXxO2', 2, 'Xx', /unknown element 'Xx'/],
    ['Jk', 0, 'Jk', /unknown element 'Jk'/],
    ['feO', 0, 'f', /capital letter/],
    ['lifepo4', 0, 'l', /capital letter/],
    ['H2o', 2, 'o', /capital letter/],
    ['Li$O', 2, '$', /unexpected character '\$'/],
    ['2H2O', 0, '2', /unexpected number/],
    ['H0', 1, '0', /invalid amount '0'/],
    ['()', 0, '(', /empty group/],
    ['SO42-', 2, '42-', /ambiguous charge/],
    ['LiFePO4.', 8, undefined, /nothing after the hydrate separator/],
  ])('rejects %j at position %i', (formula, position, token, message) => {
    const error = formulaError(formula);
    expect(error.position).toBe(position);
    expect(error.token).toBe(token);
    expect(error.message).toMatch(message);
    expect(error.formula).toBe(formula);
  });

  it('is a ToolInputError, so the analyst can report it to the user', () => {
    expect(formulaError('Xx')).toBeInstanceOf(ToolInputError);
  });
});

describe('formula keys', () => {
  it('ignore element order, grouping and multiples', () => {
    const key = formulaKey('LiFePO4');
    expect(key).toBe('FeLiO4P');
    for (const variant of ['LiFe(PO4)', 'FeLiPO4', 'Li2Fe2P2O8', 'Li(Fe)(PO4)1', 'O4PFeLi']) expect(formulaKey(variant)).toBe(key);
  });

  it('match fractional and integer forms of the same composition', () => {
    expect(formulaKey('LiNi0.8Mn0.1Co0.1O2')).toBe(formulaKey('Li10Ni8MnCoO20'));
    expect(formulaKey('LiNi0.8Mn0.1Co0.1O2')).not.toBe(formulaKey('LiNiO2'));
  });

  it('keep the charge of an ion and do not reduce it', () => {
    expect(formulaKey('SO4^2-')).toBe('O4S^2-');
    expect(formulaKey('O2^2-')).toBe('O2^2-');
    expect(formulaKey('SO4^2-')).not.toBe(formulaKey('SO4'));
  });

  it('give reduced formulas and stoichiometry types', () => {
    expect(reducedFormula(parseFormula('Li2Fe2P2O8'))).toBe('LiFePO4');
    expect(reducedFormula(parseFormula('LiNi0.8Mn0.1Co0.1O2'))).toBe('LiNi0.8Mn0.1Co0.1O2');
    expect(anonymousFormula(counts('LiFePO4'))).toBe('ABCD4');
    expect(anonymousFormula(counts('Fe3O4'))).toBe('A3B4');
  });
});
