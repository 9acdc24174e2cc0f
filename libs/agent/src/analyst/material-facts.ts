import type { Composition, KnownMaterialsResult, OxidationAnalysis } from '../tools/index.js';
import { assignmentText, listText, molarMassValue, percent, num } from './format.js';
import type { ToolSession } from './tool-session.js';

export type KnownMatch = KnownMaterialsResult['matches'][number];

/** What the built-in tools say about one formula, with the invocations that said it. */
export interface MaterialFacts {
  formula: string;
  composition?: Composition;
  oxidation?: OxidationAnalysis;
  known: KnownMatch[];
  /** Why the formula could not be analysed (the composition tool's message). */
  error?: string;
  invocations: number[];
}

/**
 * Runs composition, then (unless told not to) oxidation_states and known_materials for a formula.
 * A formula the composition tool rejects stops there: the other tools would only repeat the error.
 */
export async function gatherFacts(tools: ToolSession, formula: string, parts: { oxidation?: boolean; known?: boolean } = {}): Promise<MaterialFacts> {
  const facts: MaterialFacts = { formula, known: [], invocations: [] };
  const composition = await tools.run<Composition>('composition', { formula });
  facts.invocations.push(composition.index);
  if (!composition.output) return { ...facts, error: composition.error ?? 'the formula could not be analysed' };
  facts.composition = composition.output;
  if (parts.oxidation !== false) {
    const oxidation = await tools.run<OxidationAnalysis>('oxidation_states', { formula, maxResults: 3 });
    facts.invocations.push(oxidation.index);
    if (oxidation.output) facts.oxidation = oxidation.output;
  }
  if (parts.known !== false) {
    const known = await tools.run<KnownMaterialsResult>('known_materials', { formula });
    facts.invocations.push(known.index);
    if (known.output) facts.known = known.output.matches;
  }
  return facts;
}

/** Display name: "LiFePO4, lithium iron phosphate (LFP)" or just the formula. */
export function title(facts: MaterialFacts): string {
  const name = facts.known[0]?.name;
  return name ? `${facts.formula}, ${name}` : facts.formula;
}

export function molarMassLine(c: Composition): string {
  return `Molar mass: ${molarMassValue(c.molarMass)} g/mol (IUPAC standard atomic weights)${c.approximateMass ? ' (approximate: an element without a standard atomic weight)' : ''}`;
}

export function compositionLine(c: Composition): string {
  const counts = c.elements.map((e) => `${e.element} ${num(e.count)}`).join(', ');
  const fractions = c.elements.map((e) => `${e.element} ${percent(e.massFraction)}`).join(', ');
  return `Composition: ${counts} (${num(c.totalAtoms)} atoms per formula unit); mass fractions ${fractions}`;
}

/** The best charge-balanced assignment in words, with the tool's verdict and notes. */
export function oxidationLine(o: OxidationAnalysis): string {
  const best = o.assignments[0];
  if (!best) return `Oxidation states: no charge-balanced assignment from common oxidation states${o.notes.length ? ` (${o.notes.join('; ')})` : ''}`;
  const verdict = o.plausible
    ? 'charge-balanced, and the more electronegative elements carry the negative charge (plausible)'
    : 'charge-balanced, but a less electronegative element would carry negative charge (implausible as an ionic compound)';
  const others = o.assignments.length > 1 ? `; other assignments: ${o.assignments.slice(1).map(assignmentText).join(' | ')}` : '';
  return `Oxidation states: ${assignmentText(best)}: ${verdict}${others}${o.notes.length ? ` (${o.notes.join('; ')})` : ''}`;
}

export function structureLine(m: KnownMatch): string {
  const group = m.spaceGroup ? `, space group ${m.spaceGroup}` : '';
  const mp = m.materialsProjectId ? `; Materials Project ${m.materialsProjectId}` : '';
  const approximate = m.match === 'approximate' ? ' (approximate composition match)' : '';
  return `Structure: ${m.structureType}${group}${approximate}; applications: ${listText(m.applications.map((a) => a.replace('-', ' ')))}${mp}; source: ${m.sources[0] ?? 'curated table'}`;
}

/** Citations the facts rest on, without repeats, in the order they appear. */
export function factSources(facts: MaterialFacts): string[] {
  const sources = facts.known.flatMap((m) => [...m.sources, ...Object.values(m.properties).map((p) => p.source)]);
  return [...new Set(sources)];
}
