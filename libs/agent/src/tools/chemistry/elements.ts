import { ELEMENT_RECORDS, type ElementRecord } from '../data/elements.data.js';

export interface Element extends ElementRecord {
  period: number;
  /** 1–18; lanthanides and actinides are reported as group 3 (with `series`), their chemical family. */
  group: number;
  series?: 'lanthanide' | 'actinide';
}

const PERIOD_ENDS = [2, 10, 18, 36, 54, 86, 118];

// Group and period follow from Z, so they are computed rather than typed in by hand.
function placeOf(z: number): Pick<Element, 'period' | 'group' | 'series'> {
  const period = PERIOD_ENDS.findIndex((end) => z <= end) + 1;
  const start = period === 1 ? 1 : PERIOD_ENDS[period - 2]! + 1;
  const pos = z - start + 1;
  if (period === 1) return { period, group: z === 1 ? 1 : 18 };
  if (period <= 3) return { period, group: pos <= 2 ? pos : pos + 10 };
  if (period <= 5) return { period, group: pos };
  if (pos <= 2) return { period, group: pos };
  if (pos <= 17) return { period, group: 3, series: period === 6 ? 'lanthanide' : 'actinide' };
  return { period, group: pos - 14 };
}

const BY_SYMBOL = new Map<string, Element>(ELEMENT_RECORDS.map((r) => [r.symbol, { ...r, ...placeOf(r.z) }]));

export function getElement(symbol: string): Element | undefined {
  return BY_SYMBOL.get(symbol);
}

export function requireElement(symbol: string): Element {
  const element = BY_SYMBOL.get(symbol);
  if (!element) throw new Error(`unknown element ${symbol}`);
  return element;
}

export function isElementSymbol(symbol: string): boolean {
  return BY_SYMBOL.has(symbol);
}

export const ALL_ELEMENTS: readonly Element[] = [...BY_SYMBOL.values()];

const NONMETALS = new Set(['H', 'He', 'C', 'N', 'O', 'F', 'Ne', 'P', 'S', 'Cl', 'Ar', 'Se', 'Br', 'Kr', 'I', 'Xe', 'Rn']);
const METALLOIDS = new Set(['B', 'Si', 'Ge', 'As', 'Sb', 'Te']);

export function isMetal(symbol: string): boolean {
  return !NONMETALS.has(symbol) && !METALLOIDS.has(symbol);
}

/** Shannon radius (Å, CN VI) of the ion in this state, if tabulated. */
export function ionicRadius(symbol: string, state: number): number | undefined {
  return BY_SYMBOL.get(symbol)?.radii[state];
}
