import { ALL_ELEMENTS, getElement, ionicRadius, isMetal } from './elements.js';

describe('element data', () => {
  it('covers elements 1–118 once each, in order', () => {
    expect(ALL_ELEMENTS).toHaveLength(118);
    ALL_ELEMENTS.forEach((e, i) => expect(e.z).toBe(i + 1));
    expect(new Set(ALL_ELEMENTS.map((e) => e.symbol)).size).toBe(118);
  });

  it('has a plausible atomic mass for every element (about 2–2.6 × Z beyond H)', () => {
    for (const e of ALL_ELEMENTS.slice(1)) {
      expect(e.mass / e.z).toBeGreaterThan(1.9);
      expect(e.mass / e.z).toBeLessThan(2.65);
    }
  });

  it.each([
    ['H', 1.00794, 1, 1, 2.2],
    ['C', 12.0107, 2, 14, 2.55],
    ['O', 15.9994, 2, 16, 3.44],
    ['Fe', 55.845, 4, 8, 1.83],
    ['Zr', 91.224, 5, 4, 1.33],
    ['La', 138.90547, 6, 3, 1.1],
    ['Hf', 178.486, 6, 4, 1.3],
    ['Pb', 207.2, 6, 14, 1.87],
    ['U', 238.02891, 7, 3, 1.38],
    ['Og', 294, 7, 18, null],
  ])('%s: mass %d, period %i, group %i, χ %s', (symbol, mass, period, group, chi) => {
    const e = getElement(symbol)!;
    expect(e.mass).toBe(mass);
    expect(e.period).toBe(period);
    expect(e.group).toBe(group);
    expect(e.chi).toBe(chi);
  });

  it('puts lanthanides and actinides in group 3 and names their series', () => {
    expect(getElement('Gd')).toMatchObject({ group: 3, series: 'lanthanide' });
    expect(getElement('Pu')).toMatchObject({ group: 3, series: 'actinide' });
    expect(getElement('Y')!.series).toBeUndefined();
  });

  it('has Pauling electronegativities and common oxidation states for H..U except noble gases', () => {
    const unknownChi = new Set(['He', 'Ne', 'Ar', 'Rn', 'Pm', 'Eu', 'Tb', 'Yb']);
    for (const e of ALL_ELEMENTS.filter((x) => x.z <= 92)) {
      if (!unknownChi.has(e.symbol)) expect(e.chi).toEqual(expect.any(Number));
      if (!['He', 'Ne', 'Ar', 'Rn'].includes(e.symbol)) expect(e.states.length).toBeGreaterThan(0);
    }
  });

  it('gives Shannon radii (CN VI) for common ions', () => {
    expect(ionicRadius('Fe', 2)).toBe(0.78);
    expect(ionicRadius('Mn', 2)).toBe(0.83);
    expect(ionicRadius('Li', 1)).toBe(0.76);
    expect(ionicRadius('O', -2)).toBe(1.4);
    expect(ionicRadius('Co', 3)).toBe(0.545);
    expect(ionicRadius('Fe', 6)).toBeUndefined();
  });

  it('tells metals from nonmetals and metalloids', () => {
    expect(isMetal('Fe')).toBe(true);
    expect(isMetal('O')).toBe(false);
    expect(isMetal('Si')).toBe(false);
  });
});
