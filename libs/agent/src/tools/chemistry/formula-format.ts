import { parseFormula, type ParsedFormula } from './formula.js';

export type Counts = Readonly<Record<string, number>>;

/** Smallest multiplier (≤ 1000) that makes every amount whole; fractional formulas need one. */
export function integerMultiplier(counts: Counts): number {
  const values = Object.values(counts);
  for (let m = 1; m <= 1000; m++) {
    if (values.every((v) => Math.abs(v * m - Math.round(v * m)) < 1e-6)) return m;
  }
  return 1000;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Whole-number amounts divided by their common divisor: Li2Fe2P2O8 → Li1 Fe1 P1 O4. */
export function reducedIntegerCounts(counts: Counts, divide = true): Record<string, number> {
  const m = integerMultiplier(counts);
  const ints = Object.entries(counts).map(([el, n]) => [el, Math.max(1, Math.round(n * m))] as const);
  const divisor = divide ? ints.reduce((g, [, n]) => gcd(g, n), 0) || 1 : 1;
  return Object.fromEntries(ints.map(([el, n]) => [el, n / divisor]));
}

export function formatAmount(n: number): string {
  if (n === 1) return '';
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(4)));
}

export function formatFormula(counts: Counts, order: readonly string[] = Object.keys(counts)): string {
  return order.map((el) => el + formatAmount(counts[el]!)).join('');
}

/** Hill order: C, then H, then the rest alphabetically; without carbon, all alphabetically. */
export function hillOrder(counts: Counts): string[] {
  const symbols = Object.keys(counts).sort();
  if (!('C' in counts)) return symbols;
  return ['C', ...('H' in counts ? ['H'] : []), ...symbols.filter((s) => s !== 'C' && s !== 'H')];
}

export function chargeSuffix(charge: number): string {
  if (charge === 0) return '';
  return `^${Math.abs(charge) === 1 ? '' : Math.abs(charge)}${charge > 0 ? '+' : '-'}`;
}

/**
 * Reduced formula in the order the formula was written: integer formulas are divided by their
 * common divisor (Li2Fe2P2O8 → LiFePO4); fractional ones are kept as written (LiNi0.8Mn0.1Co0.1O2).
 */
export function reducedFormula(parsed: Pick<ParsedFormula, 'counts' | 'charge'>): string {
  const fractional = integerMultiplier(parsed.counts) > 1;
  // An ion is not reduced: O2^2- (peroxide) is not O^2-.
  const counts = fractional || parsed.charge !== 0 ? parsed.counts : reducedIntegerCounts(parsed.counts);
  return formatFormula(counts) + chargeSuffix(parsed.charge);
}

/**
 * Normalisation-insensitive key: alphabetical elements with reduced whole-number amounts, so
 * "LiFePO4", "LiFe(PO4)", "FeLiPO4" and "Li2Fe2P2O8" share the key "FeLiO4P".
 */
export function formulaKey(formulaOrParsed: string | Pick<ParsedFormula, 'counts' | 'charge'>): string {
  const parsed = typeof formulaOrParsed === 'string' ? parseFormula(formulaOrParsed) : formulaOrParsed;
  const counts = reducedIntegerCounts(parsed.counts, parsed.charge === 0);
  return formatFormula(counts, Object.keys(counts).sort()) + chargeSuffix(parsed.charge);
}

/** Stoichiometry pattern with element names removed (pymatgen's "anonymized formula"): LiFePO4 → ABCD4. */
export function anonymousFormula(counts: Counts): string {
  const amounts = Object.values(reducedIntegerCounts(counts)).sort((a, b) => a - b);
  return amounts.map((n, i) => String.fromCharCode(65 + (i % 26)) + formatAmount(n)).join('');
}
