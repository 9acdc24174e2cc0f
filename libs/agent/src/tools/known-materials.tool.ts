import { findKnownMaterials, searchKnownMaterials, type IndexedMaterial } from './known-materials.js';
import type { ApplicationClass, KnownMaterial } from './known-materials.types.js';
import { readState, resolveFormula, type MaterialsTool } from './tool.js';

export const APPLICATION_CLASSES: readonly ApplicationClass[] = [
  'battery-cathode', 'battery-anode', 'solid-electrolyte', 'photovoltaic', 'semiconductor', 'optoelectronic', 'thermoelectric',
  'catalyst', 'electrocatalyst', 'photocatalyst', 'ferroelectric', 'piezoelectric', 'multiferroic', 'dielectric', 'magnet',
  'superconductor', 'topological-insulator', 'transparent-conductor', 'phase-change', 'biomaterial', 'reference',
];

export interface KnownMaterialsInput {
  /** Look up by composition (element order and grouping do not matter). */
  formula?: string;
  /** Or search: words in the name/formula/structure, an application class, a structure type. */
  text?: string;
  application?: ApplicationClass;
  structureType?: string;
  limit?: number;
}

export interface KnownMaterialsResult {
  mode: 'lookup' | 'search';
  formula?: string;
  matches: Array<KnownMaterial & { match: 'exact' | 'approximate' | 'search' }>;
  /** Total number of matches before `limit`. */
  total: number;
}

/** Per-session state: what was looked up last and which entries it returned. */
export interface KnownMaterialsState {
  lastFormula?: string;
  lastIds: string[];
}

const strip = ({ key: _key, fractions: _fractions, ...material }: IndexedMaterial): KnownMaterial => material;

// `satisfies` keeps execute's synchronous return type for direct callers and tests.
export const knownMaterialsTool = {
  name: 'known_materials',
  description:
    'Look up well-known functional materials (battery cathodes/anodes, solid electrolytes, photovoltaics, thermoelectrics, catalysts, perovskites, ...) by formula, or search by name, application class or structure type. Returns structure type, space group, applications and key properties with units and their public sources.',
  inputSchema: {
    type: 'object',
    properties: {
      formula: { type: 'string', description: 'Composition to look up, e.g. LiFePO4' },
      text: { type: 'string', description: 'Words to search in names, formulas and structure types, e.g. "garnet"' },
      application: { type: 'string', enum: APPLICATION_CLASSES, description: 'Application class filter' },
      structureType: { type: 'string', description: 'Structure type filter, e.g. olivine, perovskite, spinel' },
      limit: { type: 'integer', minimum: 1, maximum: 100, description: 'Maximum number of materials returned (default 20)' },
    },
    additionalProperties: false,
  },
  execute(input, context) {
    const previous = readState<KnownMaterialsState>(context.toolState, (s) => Array.isArray(s.lastIds));
    const limit = Math.min(100, Math.max(1, Math.floor(input.limit ?? 20)));
    const searching = input.text !== undefined || input.application !== undefined || input.structureType !== undefined;
    if (searching && !input.formula) {
      const found = searchKnownMaterials({ text: input.text, application: input.application, structureType: input.structureType });
      const matches = found.slice(0, limit).map((m) => ({ ...strip(m), match: 'search' as const }));
      return { result: { mode: 'search', matches, total: found.length }, state: { ...(previous?.lastFormula ? { lastFormula: previous.lastFormula } : {}), lastIds: matches.map((m) => m.id) } };
    }
    const formula = resolveFormula(input.formula, previous?.lastFormula, context);
    const found = findKnownMaterials(formula).filter(({ material }) => !input.application || material.applications.includes(input.application));
    const matches = found.slice(0, limit).map(({ material, match }) => ({ ...strip(material), match }));
    return { result: { mode: 'lookup', formula, matches, total: found.length }, state: { lastFormula: formula, lastIds: matches.map((m) => m.id) } };
  },
} satisfies MaterialsTool<KnownMaterialsInput, KnownMaterialsResult, KnownMaterialsState>;
