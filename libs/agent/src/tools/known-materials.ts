import { analyseComposition } from './chemistry/composition.js';
import { parseFormula, type ParsedFormula } from './chemistry/formula.js';
import { formulaKey } from './chemistry/formula-format.js';
import { KNOWN_MATERIAL_ROWS } from './data/known-materials.data.js';
import type { ApplicationClass, KnownMaterial, KnownMaterialRow } from './known-materials.types.js';

const FARADAY = 96485.33212; // C/mol (CODATA 2018, exact since the 2019 SI)

export interface IndexedMaterial extends KnownMaterial {
  key: string;
  /** Atomic fractions, for approximate matching of fractional formulas. */
  fractions: Record<string, number>;
}

function build(row: KnownMaterialRow): IndexedMaterial {
  const { capacity, properties, ...rest } = row;
  const composition = analyseComposition(row.formula);
  const derived = { ...properties };
  if (capacity) {
    // mAh/g = n·F / (3.6 · M): F in C/mol, 1 mAh = 3.6 C.
    derived.theoreticalCapacity = {
      value: Math.round((capacity.electrons * FARADAY) / (3.6 * composition.molarMass)),
      unit: 'mAh/g',
      conditions: capacity.reaction,
      source: `calculated: n·F/(3.6·M), n = ${Number(capacity.electrons.toFixed(4))} e− per formula unit, M = ${composition.molarMass.toFixed(2)} g/mol`,
    };
  }
  return {
    ...rest,
    properties: derived,
    key: composition.key,
    fractions: Object.fromEntries(composition.elements.map((e) => [e.element, e.atomicFraction])),
  };
}

export const KNOWN_MATERIALS: readonly IndexedMaterial[] = KNOWN_MATERIAL_ROWS.map(build);

const BY_KEY = new Map<string, IndexedMaterial[]>();
for (const material of KNOWN_MATERIALS) BY_KEY.set(material.key, [...(BY_KEY.get(material.key) ?? []), material]);

export interface MaterialMatch {
  material: IndexedMaterial;
  /** exact: same reduced formula; approximate: same elements, atomic fractions within 0.005 (e.g. 0.33 for 1/3). */
  match: 'exact' | 'approximate';
}

/** Known materials with this composition, whatever the element order or grouping of the formula. */
export function findKnownMaterials(formula: string | ParsedFormula): MaterialMatch[] {
  const parsed = typeof formula === 'string' ? parseFormula(formula) : formula;
  const exact = BY_KEY.get(formulaKey(parsed));
  if (exact) return exact.map((material) => ({ material, match: 'exact' }));
  if (parsed.charge !== 0) return []; // the table holds neutral compounds only
  const fractions = analyseComposition(parsed).elements;
  return KNOWN_MATERIALS.filter(
    (m) => Object.keys(m.fractions).length === fractions.length && fractions.every((e) => Math.abs((m.fractions[e.element] ?? -1) - e.atomicFraction) < 0.005),
  ).map((material) => ({ material, match: 'approximate' }));
}

export function isKnownMaterial(formula: string | ParsedFormula): boolean {
  return findKnownMaterials(formula).length > 0;
}

export interface MaterialSearch {
  /** Words matched against name, formula, id and structure type (all must match). */
  text?: string;
  application?: ApplicationClass;
  structureType?: string;
}

export function searchKnownMaterials(query: MaterialSearch): IndexedMaterial[] {
  const words = (query.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const structure = query.structureType?.toLowerCase();
  return KNOWN_MATERIALS.filter((m) => {
    const haystack = `${m.name} ${m.formula} ${m.id} ${m.structureType}`.toLowerCase();
    return (
      words.every((w) => haystack.includes(w)) &&
      (!query.application || m.applications.includes(query.application)) &&
      (!structure || m.structureType.toLowerCase().includes(structure))
    );
  });
}
