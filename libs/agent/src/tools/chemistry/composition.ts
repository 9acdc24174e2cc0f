import { requireElement } from './elements.js';
import { parseFormula, type ParsedFormula } from './formula.js';
import { formatFormula, formulaKey, hillOrder, reducedFormula, chargeSuffix } from './formula-format.js';

export interface ElementShare {
  element: string;
  count: number;
  atomicMass: number;
  /** Mass of this element in one formula unit, g/mol. */
  mass: number;
  massFraction: number;
  atomicFraction: number;
}

export interface Composition {
  formula: string;
  reducedFormula: string;
  hillFormula: string;
  /** Normalisation-insensitive lookup key (see formulaKey). */
  key: string;
  charge: number;
  totalAtoms: number;
  /** g/mol, from IUPAC standard atomic weights; an ion's electrons are neglected (< 0.001 g/mol each). */
  molarMass: number;
  elements: ElementShare[];
  /** Set when an element has no standard atomic weight and its mass number was used. */
  approximateMass?: true;
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

export function analyseComposition(formulaOrParsed: string | ParsedFormula): Composition {
  const parsed = typeof formulaOrParsed === 'string' ? parseFormula(formulaOrParsed) : formulaOrParsed;
  const entries = Object.entries(parsed.counts);
  const totalAtoms = entries.reduce((sum, [, n]) => sum + n, 0);
  const masses = entries.map(([el, n]) => ({ el, n, atomic: requireElement(el) }));
  const molarMass = masses.reduce((sum, { n, atomic }) => sum + n * atomic.mass, 0);
  return {
    formula: parsed.input.trim(),
    reducedFormula: reducedFormula(parsed),
    hillFormula: formatFormula(parsed.counts, hillOrder(parsed.counts)) + chargeSuffix(parsed.charge),
    key: formulaKey(parsed),
    charge: parsed.charge,
    totalAtoms: round(totalAtoms, 6),
    molarMass: round(molarMass, 4),
    elements: masses.map(({ el, n, atomic }) => ({
      element: el,
      count: n,
      atomicMass: atomic.mass,
      mass: round(n * atomic.mass, 4),
      massFraction: round((n * atomic.mass) / molarMass, 6),
      atomicFraction: round(n / totalAtoms, 6),
    })),
    ...(masses.some(({ atomic }) => atomic.massIsMassNumber) ? { approximateMass: true as const } : {}),
  };
}
