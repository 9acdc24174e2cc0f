import { profileOf, rankSimilar, substitution } from './similarity.js';

const top = (formula: string, n: number, options = {}) => rankSimilar(formula, { limit: n, ...options }).results.map((r) => r.material.id);

describe('rankSimilar', () => {
  it('ranks LiMnPO4 and LiCoPO4 first for LiFePO4, then LiNiPO4, with reasons', () => {
    const { basis, results } = rankSimilar('LiFePO4', { limit: 5 });
    expect(basis).toEqual({ formula: 'LiFePO4', knownAs: 'LiFePO4-olivine', structureType: 'olivine', applications: ['battery-cathode'] });
    expect(results.slice(0, 2).map((r) => r.material.id).sort()).toEqual(['LiCoPO4-olivine', 'LiMnPO4-olivine']);
    expect(results[2]!.material.id).toBe('LiNiPO4-olivine');
    const mn = results.find((r) => r.material.id === 'LiMnPO4-olivine')!;
    expect(mn.reasons).toEqual(
      expect.arrayContaining([
        'same olivine structure',
        'shared application: battery-cathode',
        'shared phosphate anion chemistry',
        'Mn2+ substitutes Fe2+ (same group: no, neighbouring group; similar Shannon radius 0.83 vs 0.78 Å)',
      ]),
    );
    expect(mn.score).toBeGreaterThan(0.9);
    expect(mn.components).toMatchObject({ structure: 1, prototype: 1, application: 1, anion: 1 });
    expect(results[3]!.score).toBeLessThan(0.6);
  });

  it('never lists the query material itself, and keeps scores between 0 and 1 in descending order', () => {
    const { results } = rankSimilar('LiFePO4', { limit: 100 });
    expect(results.map((r) => r.material.id)).not.toContain('LiFePO4-olivine');
    results.forEach((r, i) => {
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(1);
      if (i > 0) expect(r.score).toBeLessThanOrEqual(results[i - 1]!.score);
    });
  });

  it.each([
    ['LiCoO2', 'LiNiO2-layered'],
    ['LiNiO2', 'LiCoO2-layered'],
    ['Bi2Te3', 'Bi2Se3-tetradymite'],
    ['GaAs', 'InP-zincblende'],
    ['IrO2', 'RuO2-rutile'],
    ['BaTiO3', 'SrTiO3-perovskite'],
    ['Li10GeP2S12', 'LSiPSCl'],
    ['Co3O4', 'Fe3O4-spinel'],
  ])('ranks the closest analogue of %s first (%s)', (formula, id) => {
    expect(top(formula, 1)).toEqual([id]);
  });

  it('ranks the hybrid perovskites first for CsPbI3, and a ferroelectric perovskite close to BaTiO3', () => {
    expect(top('CsPbI3', 2).sort()).toEqual(['FAPbI3', 'MAPbI3']);
    expect(top('BaTiO3', 3)).toContain('PbTiO3-perovskite');
  });

  it('lists the other polymorph of a composition', () => {
    const { results } = rankSimilar('TiO2', { limit: 1 });
    expect(results[0]!.material.id).toBe('TiO2-rutile');
    expect(results[0]!.reasons).toContain('same composition, different structure (polymorph)');
  });

  it('ranks an unknown composition by substitution, stoichiometry and anion chemistry', () => {
    const { basis, results } = rankSimilar('NaFePO4', { limit: 4 });
    expect(basis).toEqual({ formula: 'NaFePO4', applications: [] });
    expect(results.map((r) => r.material.structureType)).toEqual(['olivine', 'olivine', 'olivine', 'olivine']);
    expect(results[0]!.material.id).toBe('LiFePO4-olivine');
    expect(results[0]!.reasons).toContain('Li+ substitutes Na+ (same group: yes; Shannon radius 0.76 vs 1.02 Å)');
  });

  it('restricts the ranking to an application class ("similar cathode materials")', () => {
    const { results } = rankSimilar('LiFePO4', { application: 'battery-cathode', limit: 20 });
    expect(results.every((r) => r.material.applications.includes('battery-cathode'))).toBe(true);
    expect(top('Li7La3Zr2O12', 3, { application: 'solid-electrolyte' })[0]).toBe('LLTO-perovskite');
  });

  it('uses a structure type given for an unknown composition', () => {
    const { results } = rankSimilar('LiMgPO4', { structureType: 'olivine', limit: 4 });
    expect(results.every((r) => r.reasons.includes('same olivine structure'))).toBe(true);
  });
});

describe('substitution', () => {
  const species = (element: string, state: number) => ({ element, state, fraction: 0.1 });

  it('prefers same-group, same-charge ions of similar size', () => {
    expect(substitution(species('Fe', 2), species('Fe', 2)).score).toBe(1);
    expect(substitution(species('Na', 1), species('K', 1)).score).toBeGreaterThan(substitution(species('Na', 1), species('Ca', 2)).score);
    expect(substitution(species('Fe', 2), species('Mn', 2)).score).toBeGreaterThan(substitution(species('Fe', 2), species('Ni', 2)).score);
  });

  it('never puts a cation in place of an anion', () => {
    expect(substitution(species('O', -2), species('Fe', 2)).score).toBe(0);
  });
});

describe('profileOf', () => {
  it.each([
    ['LiFePO4', ['phosphate']],
    ['LiCoO2', ['oxide']],
    ['LiFeSO4F', ['sulfate', 'fluoride']],
    ['Li6PS5Cl', ['thiophosphate', 'chloride']],
    ['CH3NH3PbI3', ['iodide']],
    ['Ca5(PO4)3OH', ['phosphate']],
    ['CaCO3', ['carbonate']],
    ['GaN', ['nitride']],
    ['Nd2Fe14B', ['intermetallic']],
    ['Si', ['elemental']],
  ])('classifies the anion chemistry of %s', (formula, anions) => {
    expect(profileOf(formula).anions).toEqual(anions);
  });
});
