import { requireElement } from './elements.js';
import type { SiteAssignment } from './oxidation-states.js';

const SIMPLE_ANIONS: Record<string, string> = {
  O: 'oxide', S: 'sulfide', Se: 'selenide', Te: 'telluride', F: 'fluoride', Cl: 'chloride', Br: 'bromide', I: 'iodide',
  N: 'nitride', C: 'carbide', H: 'hydride', P: 'phosphide', As: 'arsenide', Sb: 'antimonide', Si: 'silicide', Ge: 'germanide',
};

// Oxyanion formers: with oxide they make phosphate, sulfate...; with sulfide, thiophosphate etc.
const POLYANION_FORMERS: Record<string, string> = { P: 'phosphate', S: 'sulfate', Si: 'silicate', B: 'borate', C: 'carbonate', N: 'nitrate', Ge: 'germanate' };

/**
 * Anion chemistry of a composition, from an oxidation-state assignment: 'phosphate', 'oxide',
 * 'thiophosphate', 'chloride'... A polyanion replaces the simple anion it contains (LiFePO4 is a
 * phosphate, not an oxide). C and N in organic cations (with H+) are not counted as anions.
 * Without an assignment, the most electronegative nonmetal is taken as the anion.
 */
export function anionClasses(elements: readonly string[], sites?: readonly SiteAssignment[]): string[] {
  if (!sites) return fallback(elements);
  const stateOf = (el: string) => sites.find((s) => s.element === el)?.average ?? 0;
  const negative = sites.filter((s) => s.average < 0).map((s) => s.element);
  if (negative.length === 0) return elements.length === 1 ? ['elemental'] : ['intermetallic'];
  const organic = stateOf('H') > 0;
  const labels = new Set<string>();
  const consumed = new Set<string>();
  for (const anion of ['O', 'S']) {
    if (!negative.includes(anion)) continue;
    for (const [former, name] of Object.entries(POLYANION_FORMERS)) {
      if (former !== anion && stateOf(former) > 0) {
        labels.add(anion === 'S' ? `thio${name}` : name);
        consumed.add(anion);
      }
    }
  }
  for (const el of negative) {
    if (consumed.has(el) || (organic && (el === 'C' || el === 'N'))) continue;
    labels.add(SIMPLE_ANIONS[el] ?? `${requireElement(el).name.toLowerCase()} anion`);
  }
  return [...labels];
}

function fallback(elements: readonly string[]): string[] {
  const nonmetals = elements.filter((el) => SIMPLE_ANIONS[el] && el !== 'H');
  if (nonmetals.length === 0) return elements.length === 1 ? ['elemental'] : ['intermetallic'];
  const anion = nonmetals.reduce((a, b) => ((requireElement(a).chi ?? 0) >= (requireElement(b).chi ?? 0) ? a : b));
  return [SIMPLE_ANIONS[anion]!];
}
