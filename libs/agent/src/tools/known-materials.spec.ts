import { analyseOxidationStates } from './chemistry/oxidation-states.js';
import { parseFormula } from './chemistry/formula.js';
import { findKnownMaterials, KNOWN_MATERIALS, searchKnownMaterials } from './known-materials.js';
import type { ApplicationClass } from './known-materials.types.js';

const byId = (id: string) => KNOWN_MATERIALS.find((m) => m.id === id)!;
const ids = (formula: string) => findKnownMaterials(formula).map((m) => m.material.id);

describe('known materials table', () => {
  it('has at least 60 materials with unique ids and parseable formulas', () => {
    expect(KNOWN_MATERIALS.length).toBeGreaterThanOrEqual(60);
    expect(new Set(KNOWN_MATERIALS.map((m) => m.id)).size).toBe(KNOWN_MATERIALS.length);
    for (const m of KNOWN_MATERIALS) expect(() => parseFormula(m.formula)).not.toThrow();
  });

  it('covers every application area the product promises', () => {
    const classes: ApplicationClass[] = ['battery-cathode', 'battery-anode', 'solid-electrolyte', 'photovoltaic', 'thermoelectric', 'catalyst', 'electrocatalyst', 'photocatalyst', 'superconductor', 'magnet'];
    for (const c of classes) expect(KNOWN_MATERIALS.filter((m) => m.applications.includes(c)).length).toBeGreaterThanOrEqual(2);
    expect(KNOWN_MATERIALS.filter((m) => m.structureType === 'perovskite').length).toBeGreaterThanOrEqual(8);
  });

  it('gives every entry a structure type, applications and a source', () => {
    for (const m of KNOWN_MATERIALS) {
      expect(m.structureType).not.toBe('');
      expect(m.applications.length).toBeGreaterThan(0);
      expect(m.sources.length).toBeGreaterThan(0);
      if (m.spaceGroup) expect(m.spaceGroup).toMatch(/^[PIFCRA][-\d/a-z]+$/);
      if (m.materialsProjectId) expect(m.sources).toContain(`Materials Project ${m.materialsProjectId}`);
    }
  });

  it('gives every property a finite value, a unit and a public source', () => {
    for (const m of KNOWN_MATERIALS) {
      for (const [name, p] of Object.entries(m.properties)) {
        expect({ id: m.id, name, finite: Number.isFinite(p.value) }).toEqual({ id: m.id, name, finite: true });
        expect(p.unit).not.toBe('');
        expect(p.source).toMatch(/doi:10\.|\d{4}\)|Handbook|calculated/);
      }
    }
  });

  it('records LiFePO4 as olivine Pnma with Fe2+, 3.45 V, 170 mAh/g and its conductivity, with sources', () => {
    const lfp = byId('LiFePO4-olivine');
    expect(lfp).toMatchObject({ structureType: 'olivine', spaceGroup: 'Pnma', materialsProjectId: 'mp-19017', applications: ['battery-cathode'] });
    expect(lfp.oxidationStates).toEqual({ Li: 1, Fe: 2, P: 5, O: -2 });
    expect(lfp.properties.averageVoltage).toMatchObject({ value: 3.45, unit: 'V vs Li/Li+' });
    expect(lfp.properties.averageVoltage!.source).toContain('doi:10.1149/1.1837571');
    expect(lfp.properties.theoreticalCapacity).toMatchObject({ value: 170, unit: 'mAh/g' });
    expect(lfp.properties.electronicConductivity).toMatchObject({ value: 1e-9, unit: 'S/cm' });
    expect(lfp.properties.electronicConductivity!.source).toContain('doi:10.1038/nmat732');
    expect(lfp.properties.lithiumDiffusivity).toMatchObject({ unit: 'cm²/s' });
  });

  it.each([
    ['LiCoO2-layered', 274],
    ['LiMn2O4-spinel', 148],
    ['C-graphite', 372],
    ['Li4Ti5O12-spinel', 175],
    ['Si-diamond', 3579],
    ['S8-alpha', 1672],
  ])('computes the theoretical capacity of %s as %i mAh/g', (id, capacity) => {
    expect(byId(id).properties.theoreticalCapacity!.value).toBe(capacity);
  });

  it.each([
    ['LLZO-garnet', 3e-4],
    ['LGPS', 1.2e-2],
    ['beta-Li3PS4', 1.6e-4],
    ['LATP-NASICON', 7e-4],
  ])('records the room-temperature ionic conductivity of %s', (id, sigma) => {
    expect(byId(id).properties.ionicConductivity).toMatchObject({ value: sigma, unit: 'S/cm' });
  });

  it('records oxidation states consistent with the oxidation-state tool', () => {
    for (const m of KNOWN_MATERIALS.filter((x) => x.oxidationStates)) {
      const texts = analyseOxidationStates(m.formula).assignments.map((a) => a.sites.map((s) => [s.element, s.average]));
      expect(texts).toContainEqual(Object.entries(m.oxidationStates!));
    }
  });

  it('is charge-balanced with common oxidation states, except intermetallics and Zintl compounds', () => {
    const implausible = KNOWN_MATERIALS.filter((m) => !analyseOxidationStates(m.formula).plausible).map((m) => m.id);
    expect(implausible.sort()).toEqual(['CoSb3-skutterudite', 'MgB2', 'Nd2Fe14B']);
  });
});

describe('findKnownMaterials', () => {
  it.each(['LiFePO4', 'LiFe(PO4)', 'FeLiPO4', 'Li2Fe2P2O8', 'O4PFeLi'])('finds LiFePO4 written as %s', (formula) => {
    expect(findKnownMaterials(formula)).toEqual([{ material: byId('LiFePO4-olivine'), match: 'exact' }]);
  });

  it('returns every polymorph of a composition', () => {
    expect(ids('TiO2')).toEqual(['TiO2-anatase', 'TiO2-rutile']);
    expect(ids('C')).toEqual(['C-graphite', 'C-diamond']);
  });

  it('matches fractional formulas approximately (0.33 for 1/3)', () => {
    expect(ids('LiNi1/3Mn1/3Co1/3O2')).toEqual(['NMC111-layered']);
    expect(findKnownMaterials('LiNi0.33Mn0.33Co0.33O2')).toEqual([{ material: byId('NMC111-layered'), match: 'approximate' }]);
    expect(ids('LiCo0.33Mn0.33Ni0.33O2')).toEqual(['NMC111-layered']);
  });

  it.each([
    ['MAPbI3 written out', 'CH3NH3PbI3', 'MAPbI3'],
    ['formamidinium', 'CH5N2PbI3', 'FAPbI3'],
    ['hydroxyapatite', 'Ca5HO13P3', 'hydroxyapatite'],
    ['LATP', 'Li1.3Al0.3Ti1.7P3O12', 'LATP-NASICON'],
  ])('finds %s', (_label, formula, id) => {
    expect(ids(formula)).toEqual([id]);
  });

  it('finds nothing for unknown compositions', () => {
    expect(findKnownMaterials('NaFePO4')).toEqual([]);
    expect(findKnownMaterials('LiFePO4^-')).toEqual([]);
  });
});

describe('searchKnownMaterials', () => {
  it('searches by words, application and structure type', () => {
    expect(searchKnownMaterials({ text: 'garnet' }).map((m) => m.id)).toEqual(['LLZO-garnet']);
    expect(searchKnownMaterials({ structureType: 'olivine' }).map((m) => m.formula)).toEqual(['LiFePO4', 'LiMnPO4', 'LiCoPO4', 'LiNiPO4']);
    expect(searchKnownMaterials({ application: 'thermoelectric', structureType: 'tetradymite' }).map((m) => m.formula)).toEqual(['Bi2Te3', 'Bi2Se3']);
    expect(searchKnownMaterials({ text: 'lithium iron' }).map((m) => m.id)).toEqual(['LiFePO4-olivine', 'LiFeSO4F-tavorite']);
  });
});
