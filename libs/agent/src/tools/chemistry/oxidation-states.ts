import { isMetal, requireElement } from './elements.js';
import { parseFormula, type ParsedFormula } from './formula.js';
import { integerMultiplier, reducedFormula } from './formula-format.js';

export interface SiteAssignment {
  element: string;
  /** Atoms of this element at each state, per formula unit (fractional for fractional formulas). */
  states: Array<{ state: number; count: number }>;
  /** Mean oxidation state of the element (e.g. Fe in Fe3O4: 2.667). */
  average: number;
}

export interface OxidationAssignment {
  sites: SiteAssignment[];
  /** Elements whose atoms are split over two states (per-site mixed valence). */
  mixedElements: string[];
  /** SMACT-style Pauling test: every cation is less electronegative than every anion. */
  electronegativityOk: boolean;
  /** Charge left over per formula unit (non-zero only within the tolerance for fractional formulas). */
  residual: number;
  text: string;
}

export interface OxidationAnalysis {
  formula: string;
  reducedFormula: string;
  charge: number;
  chargeNeutral: boolean;
  electronegativityOk: boolean;
  /** Charge-balanced and passing the electronegativity test in the same assignment. */
  plausible: boolean;
  /**
   * uniform: one state per element suffices; mixed-valence: some element's atoms must be split
   * between two of its common states (per-site mixing, e.g. Fe3O4 = Fe2+ Fe3+2 O4); the averages
   * give the fractional mean state as well.
   */
  mode: 'elemental' | 'uniform' | 'mixed-valence' | 'none';
  assignments: OxidationAssignment[];
  notes: string[];
}

interface Option { parts: Array<{ state: number; n: number }>; charge: number; mixed: boolean; rank: number }

const COLLECT_LIMIT = 200;
const NODE_BUDGET = 300_000;

export function analyseOxidationStates(formulaOrParsed: string | ParsedFormula, maxResults = 10): OxidationAnalysis {
  const parsed = typeof formulaOrParsed === 'string' ? parseFormula(formulaOrParsed) : formulaOrParsed;
  const elements = Object.keys(parsed.counts);
  const base = { formula: parsed.input.trim(), reducedFormula: reducedFormula(parsed), charge: parsed.charge };
  if (elements.length === 1 && parsed.charge === 0) {
    const assignment = { sites: [{ element: elements[0]!, states: [{ state: 0, count: parsed.counts[elements[0]!]! }], average: 0 }], mixedElements: [], electronegativityOk: true, residual: 0, text: `${elements[0]}0` };
    return { ...base, chargeNeutral: true, electronegativityOk: true, plausible: true, mode: 'elemental', assignments: [assignment], notes: ['a pure element: oxidation state 0'] };
  }
  const m = integerMultiplier(parsed.counts);
  const scaled = elements.map((el) => Math.round(parsed.counts[el]! * m));
  // Fractional (non-stoichiometric) formulas given to two decimals rarely balance exactly.
  const tolerance = m > 1 ? Math.floor(0.01 * m + 1e-9) : 0;
  const notes: string[] = [];
  const stateless = elements.filter((el) => requireElement(el).states.length === 0);
  if (stateless.length > 0) notes.push(`no common oxidation states for ${stateless.join(', ')}`);
  if (!elements.some((el) => requireElement(el).states.some((s) => s < 0)) && parsed.charge >= 0) {
    notes.push('no element here commonly takes a negative oxidation state: probably an alloy or intermetallic, where formal oxidation states do not apply');
  }
  // Mixing is tried only when fewer mixed elements give no assignment that passes the Pauling test.
  const found: OxidationAssignment[] = [];
  for (const maxMixed of [0, 1, 2]) {
    const solutions = search(elements, scaled, parsed.charge * m, tolerance, maxMixed);
    solutions.sort((a, b) => cost(elements, a) - cost(elements, b));
    found.push(...solutions.map((options) => describe(elements, options, m, parsed.charge)));
    if (found.some((a) => a.electronegativityOk)) break;
  }
  found.sort((a, b) => Number(b.electronegativityOk) - Number(a.electronegativityOk));
  const chargeNeutral = found.length > 0;
  const electronegativityOk = found.some((a) => a.electronegativityOk);
  if (!chargeNeutral && stateless.length === 0) notes.push('no combination of common oxidation states balances the charge');
  if (chargeNeutral && !electronegativityOk) notes.push('every charge-balanced assignment puts a negative charge on a less electronegative element');
  const mixed = found[0]?.mixedElements ?? [];
  if (mixed.length > 0) notes.push(`${mixed.join(', ')} in mixed valence: per-site mixing of two common states; the averages give the mean state`);
  if (found.some((a) => a.residual !== 0)) notes.push('fractional formula balanced within ±0.01 e per formula unit');
  return {
    ...base,
    chargeNeutral,
    electronegativityOk,
    plausible: electronegativityOk,
    mode: !chargeNeutral ? 'none' : mixed.length > 0 ? 'mixed-valence' : 'uniform',
    assignments: found.slice(0, maxResults),
    notes,
  };
}

// Less common states cost more; a metal's state counts double, because a metal cation's state in a
// solid is better defined than a nonmetal's formal state in a polyatomic ion (Pb2+ in CH3NH3PbI3).
function cost(elements: string[], chosen: Option[]): number {
  return chosen.reduce((sum, option, i) => sum + option.rank * (isMetal(elements[i]!) ? 2 : 1), 0);
}

function optionsFor(states: readonly number[], n: number): Option[] {
  const options: Option[] = states.map((state, rank) => ({ parts: [{ state, n }], charge: state * n, mixed: false, rank }));
  for (let i = 0; i < states.length; i++) {
    for (let j = i + 1; j < states.length; j++) {
      for (let k = 1; k < n; k++) {
        const [a, b] = [states[i]!, states[j]!];
        // Mixing adjacent states (Cu2+/Cu3+) is preferred to distant ones (Cu+/Cu3+).
        const rank = 10 + i + j + 2 * (Math.abs(a - b) - 1);
        options.push({ parts: [{ state: a, n: n - k }, { state: b, n: k }], charge: a * (n - k) + b * k, mixed: true, rank });
      }
    }
  }
  return options;
}

// Depth-first over elements, in each element's order of preference, pruned by the charge still
// reachable by the remaining elements; exactly `maxMixed` elements are split between two states.
function search(elements: string[], counts: number[], target: number, tolerance: number, maxMixed: number): Option[][] {
  const options = elements.map((el, i) => optionsFor(requireElement(el).states, counts[i]!).filter((o) => maxMixed > 0 || !o.mixed));
  const minRest = new Array<number>(elements.length + 1).fill(0);
  const maxRest = new Array<number>(elements.length + 1).fill(0);
  for (let i = elements.length - 1; i >= 0; i--) {
    const charges = options[i]!.map((o) => o.charge);
    minRest[i] = minRest[i + 1]! + (charges.length ? Math.min(...charges) : Infinity);
    maxRest[i] = maxRest[i + 1]! + (charges.length ? Math.max(...charges) : -Infinity);
  }
  const results: Option[][] = [];
  let nodes = 0;
  const walk = (i: number, sum: number, mixedUsed: number, chosen: Option[]): void => {
    if (results.length >= COLLECT_LIMIT || ++nodes > NODE_BUDGET) return;
    if (i === elements.length) {
      if (Math.abs(sum - target) <= tolerance && mixedUsed === maxMixed) results.push([...chosen]);
      return;
    }
    for (const option of options[i]!) {
      if (option.mixed && mixedUsed >= maxMixed) continue;
      const s = sum + option.charge;
      if (s + minRest[i + 1]! > target + tolerance || s + maxRest[i + 1]! < target - tolerance) continue;
      chosen.push(option);
      walk(i + 1, s, mixedUsed + (option.mixed ? 1 : 0), chosen);
      chosen.pop();
    }
  };
  walk(0, 0, 0, []);
  return results;
}

function describe(elements: string[], chosen: Option[], m: number, charge: number): OxidationAssignment {
  const sites = elements.map((element, i) => {
    const parts = chosen[i]!.parts;
    const n = parts.reduce((sum, p) => sum + p.n, 0);
    return {
      element,
      states: parts.map((p) => ({ state: p.state, count: Number((p.n / m).toFixed(6)) })),
      average: Number((chosen[i]!.charge / n).toFixed(3)),
    };
  });
  const sign = (s: number) => (s > 0 ? `+${s}` : String(s));
  const text = sites
    .map((s) => (s.states.length === 1 ? `${s.element}${sign(s.states[0]!.state)}` : `${s.element}(${s.states.map((p) => `${sign(p.state)}×${p.count}`).join(', ')})`))
    .join(' ');
  const total = chosen.reduce((sum, o) => sum + o.charge, 0);
  return { sites, mixedElements: sites.filter((s) => s.states.length > 1).map((s) => s.element), electronegativityOk: paulingTest(sites), residual: 0 + Number((total / m - charge).toFixed(6)), text };
}

/** Cations must all be less electronegative than anions (SMACT's pauling_test); unknown χ fails. */
function paulingTest(sites: SiteAssignment[]): boolean {
  const cations = sites.filter((s) => s.states.some((p) => p.state > 0));
  const anions = sites.filter((s) => s.states.some((p) => p.state < 0));
  if (cations.some((c) => anions.includes(c))) return false;
  const chi = (s: SiteAssignment) => requireElement(s.element).chi;
  if ([...cations, ...anions].some((s) => chi(s) === null)) return false;
  const maxCation = Math.max(...cations.map((s) => chi(s)!));
  const minAnion = Math.min(...anions.map((s) => chi(s)!));
  return maxCation < minAnion;
}
