import { compositionTool } from './composition.tool.js';
import { knownMaterialsTool } from './known-materials.tool.js';
import { oxidationStatesTool } from './oxidation-states.tool.js';
import { similarMaterialsTool } from './similar-materials.tool.js';
import type { MaterialsTool } from './tool.js';

export * from './tool.js';
export { FormulaError, parseFormula, tryParseFormula, type ParsedFormula } from './chemistry/formula.js';
export { formulaKey, reducedFormula, anonymousFormula, hillOrder } from './chemistry/formula-format.js';
export { analyseComposition, type Composition, type ElementShare } from './chemistry/composition.js';
export { analyseOxidationStates, type OxidationAnalysis, type OxidationAssignment, type SiteAssignment } from './chemistry/oxidation-states.js';
export { anionClasses } from './chemistry/anions.js';
export { getElement, ALL_ELEMENTS, type Element } from './chemistry/elements.js';
export { ELEMENT_DATA_SOURCES } from './data/elements.data.js';
export type * from './known-materials.types.js';
export { KNOWN_MATERIALS, findKnownMaterials, isKnownMaterial, searchKnownMaterials, type IndexedMaterial, type MaterialMatch, type MaterialSearch } from './known-materials.js';
export { rankSimilar, substitution, WEIGHTS as SIMILARITY_WEIGHTS, type Basis, type SimilarMaterial, type SimilarityWeights } from './similarity.js';
export { findFormulas } from './find-formulas.js';
export { compositionTool, type CompositionInput, type CompositionState } from './composition.tool.js';
export { oxidationStatesTool, type OxidationStatesInput, type OxidationStatesState } from './oxidation-states.tool.js';
export { knownMaterialsTool, APPLICATION_CLASSES, type KnownMaterialsInput, type KnownMaterialsResult, type KnownMaterialsState } from './known-materials.tool.js';
export { similarMaterialsTool, type SimilarMaterialsInput, type SimilarMaterialsResult, type SimilarMaterialsState } from './similar-materials.tool.js';

/** The built-in tools, in the order the offline analyst considers them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- heterogeneous tool list; each tool validates its own input
export const BUILT_IN_TOOLS: ReadonlyArray<MaterialsTool<any, unknown, any>> = [compositionTool, oxidationStatesTool, knownMaterialsTool, similarMaterialsTool];
