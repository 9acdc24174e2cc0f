import type { KnownMaterial, ApplicationClass } from './known-materials.types.js';
import { APPLICATION_CLASSES } from './known-materials.tool.js';
import { rankSimilar, type Basis, type SimilarityWeights, WEIGHTS } from './similarity.js';
import { readState, resolveFormula, type MaterialsTool } from './tool.js';

export interface SimilarMaterialsInput {
  /** Composition to compare; defaults to the session's most recent material. */
  formula?: string;
  /** Only rank materials of this application class (e.g. "similar cathode materials"). */
  application?: ApplicationClass;
  /** Structure type of the query, when it is not a table entry (or to pick a polymorph). */
  structureType?: string;
  limit?: number;
}

export interface SimilarMaterialsResult {
  basis: Basis;
  weights: SimilarityWeights;
  results: Array<{ id: string; formula: string; name: string; structureType: string; spaceGroup?: string; applications: KnownMaterial['applications']; score: number; components: SimilarityWeights; reasons: string[] }>;
}

/** Per-session state: the last query and the ids ranked, so "the second one" can be resolved. */
export interface SimilarMaterialsState {
  lastFormula: string;
  ranked: string[];
}

// `satisfies` keeps execute's synchronous return type for direct callers and tests.
export const similarMaterialsTool = {
  name: 'similar_materials',
  description:
    'Rank known materials by similarity to a composition: shared structure type, element substitution (periodic group, Shannon ionic radius, charge), shared application class and anion chemistry. Each result has a score (0–1), its components and the reasons.',
  inputSchema: {
    type: 'object',
    properties: {
      formula: { type: 'string', description: 'Composition to compare, e.g. LiFePO4' },
      application: { type: 'string', enum: APPLICATION_CLASSES, description: 'Only rank materials with this application class' },
      structureType: { type: 'string', description: 'Structure type of the query (e.g. olivine), if known' },
      limit: { type: 'integer', minimum: 1, maximum: 50, description: 'Number of results (default 10)' },
    },
    additionalProperties: false,
  },
  execute(input, context) {
    const previous = readState<SimilarMaterialsState>(context.toolState, (s) => typeof s.lastFormula === 'string' && Array.isArray(s.ranked));
    const formula = resolveFormula(input.formula, previous?.lastFormula, context);
    const limit = Math.min(50, Math.max(1, Math.floor(input.limit ?? 10)));
    const { basis, results } = rankSimilar(formula, { application: input.application, structureType: input.structureType, limit });
    const ranked = results.map(({ material: m, score, components, reasons }) => ({
      id: m.id,
      formula: m.formula,
      name: m.name,
      structureType: m.structureType,
      ...(m.spaceGroup ? { spaceGroup: m.spaceGroup } : {}),
      applications: m.applications,
      score,
      components,
      reasons,
    }));
    return { result: { basis, weights: WEIGHTS, results: ranked }, state: { lastFormula: formula, ranked: ranked.map((r) => r.id) } };
  },
} satisfies MaterialsTool<SimilarMaterialsInput, SimilarMaterialsResult, SimilarMaterialsState>;
