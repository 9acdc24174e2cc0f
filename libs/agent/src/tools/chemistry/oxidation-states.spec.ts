import { analyseOxidationStates } from './oxidation-states.js';

// [formula, first assignment reported] for compositions that are charge-balanced and pass the
// electronegativity test with common oxidation states.
const PLAUSIBLE: Array<[string, string]> = [
  ['NaCl', 'Na+1 Cl-1'],
  ['LiFePO4', 'Li+1 Fe+2 P+5 O-2'],
  ['H2O', 'H+1 O-2'],
  ['CH4', 'C-4 H+1'],
  ['CO2', 'C+4 O-2'],
  ['CO', 'C+2 O-2'],
  ['SiO2', 'Si+4 O-2'],
  ['Al2O3', 'Al+3 O-2'],
  ['Fe2O3', 'Fe+3 O-2'],
  ['LiCoO2', 'Li+1 Co+3 O-2'],
  ['TiO2', 'Ti+4 O-2'],
  ['Li4Ti5O12', 'Li+1 Ti+4 O-2'],
  ['Li7La3Zr2O12', 'Li+1 La+3 Zr+4 O-2'],
  ['Li10GeP2S12', 'Li+1 Ge+4 P+5 S-2'],
  ['Li6PS5Cl', 'Li+1 P+5 S-2 Cl-1'],
  ['Ca5(PO4)3OH', 'Ca+2 P+5 O-2 H+1'],
  ['CuSO4·5H2O', 'Cu+2 S+6 O-2 H+1'],
  ['CH3NH3PbI3', 'C-2 H+1 N-3 Pb+2 I-1'],
  ['HC(NH2)2PbI3', 'H+1 C+2 N-3 Pb+2 I-1'],
  ['CsPbI3', 'Cs+1 Pb+2 I-1'],
  ['GaAs', 'Ga+3 As-3'],
  ['GaN', 'Ga+3 N-3'],
  ['CdTe', 'Cd+2 Te-2'],
  ['PbTe', 'Pb+2 Te-2'],
  ['Bi2Te3', 'Bi+3 Te-2'],
  ['MoS2', 'Mo+4 S-2'],
  ['SrTiO3', 'Sr+2 Ti+4 O-2'],
  ['Cu2O', 'Cu+1 O-2'],
  ['Cu2ZnSnS4', 'Cu+1 Zn+2 Sn+4 S-2'],
  ['XeF2', 'Xe+2 F-1'],
  ['SO4^2-', 'S+6 O-2'],
  ['NH4+', 'N-3 H+1'],
  ['[Fe(CN)6]4-', 'Fe+2 C+2 N-3'],
  ['Fe3+', 'Fe+3'],
];

describe('analyseOxidationStates', () => {
  it.each(PLAUSIBLE)('%s is plausible as %s', (formula, text) => {
    const result = analyseOxidationStates(formula);
    expect(result).toMatchObject({ chargeNeutral: true, electronegativityOk: true, plausible: true, mode: 'uniform' });
    expect(result.assignments[0]!.text).toBe(text);
    expect(result.assignments[0]!.electronegativityOk).toBe(true);
  });

  it('finds LiFePO4 with Fe2+ and no other balanced assignment', () => {
    const result = analyseOxidationStates('LiFePO4');
    expect(result.assignments).toHaveLength(1);
    expect(result.assignments[0]!.sites.find((s) => s.element === 'Fe')).toEqual({ element: 'Fe', states: [{ state: 2, count: 1 }], average: 2 });
  });

  it.each(['NaCl2', 'LiFePO5', 'MgCl', 'Na2Cl', 'CaF'])('%s cannot be charge-neutral', (formula) => {
    const result = analyseOxidationStates(formula);
    expect(result).toMatchObject({ chargeNeutral: false, electronegativityOk: false, plausible: false, mode: 'none', assignments: [] });
    expect(result.notes).toContain('no combination of common oxidation states balances the charge');
  });

  it('finds Fe3O4 as mixed valence Fe2+/Fe3+ by per-site mixing, with the average', () => {
    const result = analyseOxidationStates('Fe3O4');
    expect(result).toMatchObject({ plausible: true, mode: 'mixed-valence' });
    const [first] = result.assignments;
    expect(first!.text).toBe('Fe(+2×1, +3×2) O-2');
    expect(first!.mixedElements).toEqual(['Fe']);
    expect(first!.sites[0]).toEqual({ element: 'Fe', states: [{ state: 2, count: 1 }, { state: 3, count: 2 }], average: 2.667 });
    expect(result.notes).toContain('Fe in mixed valence: per-site mixing of two common states; the averages give the mean state');
  });

  it.each([
    ['Co3O4', 'Co(+2×1, +3×2) O-2'],
    ['LiMn2O4', 'Li+1 Mn(+3×1, +4×1) O-2'],
    ['YBa2Cu3O7', 'Y+3 Ba+2 Cu(+2×2, +3×1) O-2'],
  ])('finds the mixed valence of %s', (formula, text) => {
    const result = analyseOxidationStates(formula);
    expect(result.mode).toBe('mixed-valence');
    expect(result.assignments[0]!.text).toBe(text);
  });

  it('rejects NaCl3: only Cl−/Cl+ mixing balances it, and chlorine cannot be cation and anion at once', () => {
    const result = analyseOxidationStates('NaCl3');
    expect(result).toMatchObject({ chargeNeutral: true, electronegativityOk: false, plausible: false });
    expect(result.assignments.map((a) => a.text)).toEqual(['Na+1 Cl(-1×2, +1×1)']);
  });

  it('reports a balanced composition that fails the electronegativity test', () => {
    // S+4 Se2− balances SSe2, but selenium (χ 2.55) is less electronegative than sulfur (χ 2.58).
    const result = analyseOxidationStates('SSe2');
    expect(result).toMatchObject({ chargeNeutral: true, electronegativityOk: false, plausible: false });
    expect(result.assignments[0]!.text).toBe('S+4 Se-2');
  });

  it('lists electronegativity-consistent assignments before the others', () => {
    const result = analyseOxidationStates('[Fe(CN)6]4-');
    expect(result.assignments.map((a) => [a.text, a.electronegativityOk])).toEqual([
      ['Fe+2 C+2 N-3', true],
      ['Fe+2 C-4 N+3', false],
    ]);
  });

  it('balances fractional formulas, within ±0.01 e for compositions given to two decimals', () => {
    const nmc = analyseOxidationStates('LiNi0.8Mn0.1Co0.1O2');
    expect(nmc.plausible).toBe(true);
    expect(nmc.assignments[0]!.residual).toBe(0);
    const llto = analyseOxidationStates('Li0.34La0.51TiO2.94');
    expect(llto.plausible).toBe(true);
    expect(llto.assignments[0]!.residual).toBeCloseTo(-0.01, 6);
    expect(llto.notes).toContain('fractional formula balanced within ±0.01 e per formula unit');
  });

  it('treats a pure element as oxidation state 0', () => {
    expect(analyseOxidationStates('Si')).toMatchObject({ mode: 'elemental', plausible: true, assignments: [{ text: 'Si0' }] });
  });

  it('says when oxidation states do not apply (intermetallics) or are unknown (noble gases)', () => {
    const magnet = analyseOxidationStates('Nd2Fe14B');
    expect(magnet.plausible).toBe(false);
    expect(magnet.notes[0]).toMatch(/alloy or intermetallic/);
    expect(analyseOxidationStates('HeNe').notes[0]).toBe('no common oxidation states for He, Ne');
  });

  it('documents the limits of common oxidation states: persulfides, Zintl anions, superoxides', () => {
    // FeS2 (S2 2−), CoSb3 (Sb4 4− rings) and KO2 (O2−) need states outside the common lists.
    for (const formula of ['FeS2', 'CoSb3', 'KO2']) expect(analyseOxidationStates(formula).plausible).toBe(false);
  });

  it('caps the number of assignments returned', () => {
    expect(analyseOxidationStates('CH3NH3PbI3', 1).assignments).toHaveLength(1);
  });
});
