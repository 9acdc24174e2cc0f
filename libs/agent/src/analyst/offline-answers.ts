import type { PropertyName, SimilarMaterialsResult } from '../tools/index.js';
import { PROPERTY_LABELS, assignmentText, formatProperty, ion, molarMassValue, num } from './format.js';
import type { Topic } from './intents.js';
import { compositionLine, factSources, molarMassLine, oxidationLine, structureLine, title, type MaterialFacts } from './material-facts.js';

/** One part of an offline answer: its text, facts per formula, other structured results, citations. */
export interface AnswerPart {
  text: string;
  facts: Record<string, Record<string, unknown>>;
  extra?: Record<string, unknown>;
  sources: string[];
}

// Asked for one of these and it is missing: show the neighbours the table does have.
const RELATED: Partial<Record<PropertyName, PropertyName[]>> = {
  ionicConductivity: ['lithiumDiffusivity', 'electronicConductivity'],
  lithiumDiffusivity: ['ionicConductivity', 'electronicConductivity'],
  electronicConductivity: ['ionicConductivity', 'lithiumDiffusivity'],
  averageVoltage: ['theoreticalCapacity', 'standardPotential'],
  theoreticalCapacity: ['averageVoltage'],
  standardPotential: ['averageVoltage'],
};

/** The structured facts of one material, as they go into `analysis.facts`. */
export function factsRecord(f: MaterialFacts): Record<string, unknown> {
  const entry = f.known[0];
  return {
    formula: f.formula,
    ...(f.error ? { error: f.error } : {}),
    ...(f.composition
      ? {
          reducedFormula: f.composition.reducedFormula,
          molarMass: f.composition.molarMass,
          massFractions: Object.fromEntries(f.composition.elements.map((e) => [e.element, e.massFraction])),
        }
      : {}),
    ...(f.oxidation
      ? { oxidationStates: f.oxidation.assignments[0] ? assignmentText(f.oxidation.assignments[0]) : null, chargeBalanced: f.oxidation.chargeNeutral, plausible: f.oxidation.plausible }
      : {}),
    inCuratedTable: f.known.length > 0,
    ...(entry ? { knownMaterialId: entry.id, structureType: entry.structureType, ...(entry.spaceGroup ? { spaceGroup: entry.spaceGroup } : {}), properties: entry.properties } : {}),
    toolInvocationIndexes: f.invocations,
  };
}

export function invalidFormulaAnswer(f: MaterialFacts): AnswerPart {
  return {
    text: `I could not read "${f.formula}" as a chemical formula: ${f.error}. Write a formula with element symbols and counts, for example LiFePO4, Ca5(PO4)3OH, Li1.3Al0.3Ti1.7(PO4)3 or CuSO4·5H2O.`,
    facts: { [f.formula]: factsRecord(f) },
    sources: [],
  };
}

export function overviewAnswer(f: MaterialFacts, closest?: SimilarMaterialsResult): AnswerPart {
  if (f.error || !f.composition) return invalidFormulaAnswer(f);
  const c = f.composition;
  const entry = f.known[0];
  const best = f.oxidation?.assignments[0];
  const headline = [
    entry ? `${entry.structureType} structure${entry.spaceGroup ? `, space group ${entry.spaceGroup}` : ''}` : undefined,
    `molar mass ${molarMassValue(c.molarMass)} g/mol`,
    best ? `charge-balanced as ${assignmentText(best)}` : 'no charge-balanced assignment from common oxidation states',
  ].filter(Boolean);
  const lines = [`${title(f)}: ${headline.join('; ')}.`];
  if (!entry) lines.push(`${f.formula} is not in the curated table of known materials, so its structure and measured properties are not known here: the analysis below comes from its composition and oxidation states only.`);
  lines.push('', 'Computed by the built-in tools:', `- ${molarMassLine(c)}`, `- ${compositionLine(c)}`);
  if (f.oxidation) lines.push(`- ${oxidationLine(f.oxidation)}`);
  if (entry) {
    lines.push('', `From the curated table (entry ${entry.id}):`, `- ${structureLine(entry)}`);
    if (entry.oxidationStates) lines.push(`- Formal oxidation states in the literature: ${Object.entries(entry.oxidationStates).map(([el, s]) => ion(el, s)).join(' ')}`);
    for (const [name, p] of Object.entries(entry.properties)) lines.push(`- ${PROPERTY_LABELS[name as PropertyName] ?? name}: ${formatProperty(p)}`);
    if (entry.notes) lines.push(`- Note: ${entry.notes}`);
    for (const other of f.known.slice(1)) lines.push(`- Also in the table with this composition: ${other.name}, ${other.structureType}${other.spaceGroup ? ` (${other.spaceGroup})` : ''}`);
  }
  if (!entry && closest && closest.results.length > 0) {
    lines.push('', 'Closest known materials (similar_materials):');
    for (const r of closest.results) lines.push(`- ${r.formula}, ${r.name} (${r.structureType}), score ${num(r.score)}: ${r.reasons.slice(0, 3).join('; ')}`);
  }
  return { text: lines.join('\n'), facts: { [f.formula]: factsRecord(f) }, sources: factSources(f) };
}

/** Answers the topics asked about one material; a missing table value is said to be missing. */
export function propertyAnswer(f: MaterialFacts, topics: readonly Topic[]): AnswerPart {
  if (f.error || !f.composition) return invalidFormulaAnswer(f);
  const entry = f.known[0];
  const where = entry ? `the curated table (its entry ${entry.id} has no value for it)` : `the curated table (${f.formula} is not a table entry)`;
  const lines: string[] = [];
  const used: string[] = [];
  for (const topic of topics) {
    switch (topic) {
      case 'molarMass':
        lines.push(`${title(f)}. ${molarMassLine(f.composition)}.`);
        break;
      case 'composition':
        lines.push(`${title(f)}. ${compositionLine(f.composition)}.`);
        break;
      case 'oxidationStates':
      case 'stability':
        if (f.oxidation) lines.push(`${title(f)}. ${oxidationLine(f.oxidation)}.`);
        if (entry?.oxidationStates) lines.push(`The literature assigns ${Object.entries(entry.oxidationStates).map(([el, s]) => ion(el, s)).join(' ')} (curated table).`);
        if (topic === 'stability') {
          const pointer = entry?.materialsProjectId ? `; see Materials Project ${entry.materialsProjectId} for computed stability` : '';
          lines.push(
            `Thermodynamic stability (formation energy, energy above the convex hull) is not computed offline: the check above is charge balance and electronegativity order only${pointer}.`,
          );
        }
        break;
      case 'structure':
        if (entry) {
          lines.push(`${title(f)}. ${structureLine(entry)}.`);
          for (const other of f.known.slice(1)) lines.push(`Another table entry with this composition: ${other.name}: ${other.structureType}${other.spaceGroup ? `, ${other.spaceGroup}` : ''}.`);
          if (entry.notes) lines.push(`Note: ${entry.notes}`);
        } else {
          lines.push(`The structure of ${f.formula} is not known offline: it is not in the curated table. Ask for similar materials to see table entries with related compositions.`);
        }
        break;
      case 'density':
        lines.push(`Density of ${title(f)}: not in ${where}, and it cannot be computed offline (it needs the unit-cell volume).`);
        break;
      default: {
        const value = entry?.properties[topic];
        const label = PROPERTY_LABELS[topic];
        if (value) {
          lines.push(`${label} of ${title(f)}: ${formatProperty(value)}.`);
          used.push(value.source);
          break;
        }
        lines.push(`${label} of ${title(f)}: not in ${where}.`);
        const related = (RELATED[topic] ?? []).filter((r) => !topics.includes(r) && entry?.properties[r]);
        if (related.length > 0) {
          lines.push('Related values in the table:');
          for (const r of related) lines.push(`- ${PROPERTY_LABELS[r]}: ${formatProperty(entry!.properties[r]!)}`);
          used.push(...related.map((r) => entry!.properties[r]!.source));
        }
      }
    }
  }
  const sources = [...new Set([...used, ...(topics.includes('structure') && entry ? entry.sources : [])])];
  return { text: lines.join('\n'), facts: { [f.formula]: factsRecord(f) }, sources };
}
