import {
  KNOWN_MATERIALS,
  analyseComposition,
  findKnownMaterials,
  formulaKey,
  tryParseFormula,
  type Composition,
  type KnownMaterial,
  type KnownMaterialsResult,
  type OxidationAnalysis,
  type SimilarMaterialsResult,
} from '../tools/index.js';
import type { AnalysedMaterial, ToolInvocation } from './analyst.port.js';

export const COMPUTED = 'computed';
const MASS_SOURCE = 'computed: IUPAC standard atomic weights (composition tool)';
const OXIDATION_SOURCE = 'computed: charge balance over common oxidation states (oxidation_states tool)';

/** A property value as both analysts report it: table values already have this shape. */
export interface PropertyValue {
  value: unknown;
  unit?: string;
  conditions?: string;
  source: string;
}

/**
 * Collects the materials of one answer, merged by composition (LiFePO4 = FeLiPO4), from what the
 * tools returned and from formulas named in the text. A table citation wins over 'computed' as the
 * material's source. Both analysts use it, so a material looks the same whoever answered.
 */
export class MaterialsCollector {
  private readonly byKey = new Map<string, AnalysedMaterial>();

  add(formula: string, fields: { name?: string; source?: string; properties?: Record<string, unknown>; invocation?: number } = {}): void {
    const parsed = tryParseFormula(formula);
    if (!parsed) return;
    const key = formulaKey(parsed);
    const current = this.byKey.get(key) ?? { formula, properties: {}, source: COMPUTED };
    this.byKey.set(key, {
      ...current,
      ...(current.name === undefined && fields.name !== undefined ? { name: fields.name } : {}),
      ...(current.toolInvocationIndex === undefined && fields.invocation !== undefined ? { toolInvocationIndex: fields.invocation } : {}),
      properties: { ...fields.properties, ...current.properties },
      source: current.source === COMPUTED && fields.source ? fields.source : current.source,
    });
  }

  addComposition(c: Composition, invocation?: number): void {
    const massFractions = Object.fromEntries(c.elements.map((e) => [e.element, e.massFraction]));
    this.add(c.formula, {
      invocation,
      properties: {
        molarMass: { value: c.molarMass, unit: 'g/mol', source: MASS_SOURCE },
        massFractions: { value: massFractions, source: MASS_SOURCE },
      },
    });
  }

  addOxidation(o: OxidationAnalysis, invocation?: number): void {
    const best = o.assignments[0];
    this.add(o.formula, {
      invocation,
      properties: {
        chargeBalanced: { value: o.chargeNeutral, source: OXIDATION_SOURCE },
        ...(best ? { oxidationStates: { value: Object.fromEntries(best.sites.map((s) => [s.element, s.average])), source: OXIDATION_SOURCE } } : {}),
      },
    });
  }

  addKnown(m: KnownMaterial, extra: Record<string, unknown> = {}, invocation?: number): void {
    const citation = m.sources[0] ?? COMPUTED;
    this.add(m.formula, {
      invocation,
      name: m.name,
      source: citation,
      properties: {
        knownMaterialId: m.id,
        structureType: { value: m.structureType, source: citation },
        ...(m.spaceGroup ? { spaceGroup: { value: m.spaceGroup, source: citation } } : {}),
        applications: m.applications,
        ...m.properties,
        ...extra,
      },
    });
  }

  /** A formula named in a question or an answer: computed values, plus its table entry if any. */
  addNamed(formula: string): void {
    const parsed = tryParseFormula(formula);
    if (!parsed) return;
    const known = findKnownMaterials(parsed)[0];
    if (known) this.addKnown(known.material);
    this.addComputed(formula);
  }

  /** Molar mass and mass fractions, computed here when no composition call was made for it. */
  private addComputed(formula: string): void {
    try {
      this.addComposition({ ...analyseComposition(formula), formula });
    } catch {
      // Unparseable, or an element the element table lacks: keep what we have.
    }
  }

  addInvocation(invocation: ToolInvocation, index: number): void {
    if (invocation.error || invocation.output === null) return;
    switch (invocation.tool) {
      case 'composition':
        return this.addComposition(invocation.output as Composition, index);
      case 'oxidation_states':
        return this.addOxidation(invocation.output as OxidationAnalysis, index);
      case 'known_materials':
        for (const m of (invocation.output as KnownMaterialsResult).matches) {
          this.addKnown(m, {}, index);
          this.addComputed(m.formula);
        }
        return;
      case 'similar_materials': {
        const { basis, results } = invocation.output as SimilarMaterialsResult;
        for (const r of results) {
          const entry = KNOWN_MATERIALS.find((m) => m.id === r.id);
          const similarity = { value: r.score, to: basis.formula, reasons: r.reasons, source: 'computed: similar_materials score' };
          if (entry) this.addKnown(entry, { similarity }, index);
          else this.add(r.formula, { name: r.name, properties: { similarity }, invocation: index });
          this.addComputed(r.formula);
        }
        return;
      }
      default:
        return; // custom tools: their outputs have no agreed shape
    }
  }

  /**
   * The materials in the order they came, except the subjects, which go last and the main subject
   * (the first given) at the very end: a session treats the last material as the most recent.
   */
  list(subjects: readonly string[] = []): AnalysedMaterial[] {
    const keys = subjects.map((f) => tryParseFormula(f)).flatMap((p) => (p ? [formulaKey(p)] : []));
    const rank = (key: string) => (keys.includes(key) ? keys.length - keys.indexOf(key) : 0);
    return [...this.byKey.entries()]
      .map(([key, m], i) => ({ key, m, i }))
      .sort((a, b) => rank(a.key) - rank(b.key) || a.i - b.i)
      .map(({ m }) => m);
  }
}
