import { KNOWN_MATERIALS, SIMILARITY_WEIGHTS, rankSimilar, type ApplicationClass, type PropertyName, type SimilarMaterialsResult } from '../tools/index.js';
import { PROPERTY_LABELS, assignmentText, formatProperty, molarMassValue, num } from './format.js';
import { factsRecord, invalidFormulaAnswer, type AnswerPart } from './offline-answers.js';
import { factSources, title, type MaterialFacts } from './material-facts.js';
import type { ToolSession } from './tool-session.js';

const WEIGHTS_TEXT = `composition ${SIMILARITY_WEIGHTS.composition}, structure ${SIMILARITY_WEIGHTS.structure}, stoichiometry type ${SIMILARITY_WEIGHTS.prototype}, application ${SIMILARITY_WEIGHTS.application}, anion chemistry ${SIMILARITY_WEIGHTS.anion}`;

/**
 * Ranks table materials similar to `formula` with the similar_materials tool. With an application
 * class ("similar cathode materials") only that class is ranked; if none qualifies, the search is
 * repeated without the filter and the answer says so.
 */
export async function similarAnswer(tools: ToolSession, formula: string, application: ApplicationClass | undefined, limit: number): Promise<AnswerPart & { invocation: number }> {
  let run = await tools.run<SimilarMaterialsResult>('similar_materials', { formula, ...(application ? { application } : {}), limit });
  let unfiltered = false;
  if (application && run.output && run.output.results.length === 0) {
    run = await tools.run<SimilarMaterialsResult>('similar_materials', { formula, limit });
    unfiltered = true;
  }
  if (!run.output) {
    return { text: `I could not rank materials similar to "${formula}": ${run.error}.`, facts: {}, extra: { similarError: run.error }, sources: [], invocation: run.index };
  }
  const { basis, results } = run.output;
  const known = basis.knownAs ? KNOWN_MATERIALS.find((m) => m.id === basis.knownAs) : undefined;
  const described = known ? `${formula} (${known.structureType}${known.spaceGroup ? `, ${known.spaceGroup}` : ''})` : `${formula} (not a table entry: compared by composition only)`;
  const among = application && !unfiltered ? `among ${application.replace('-', ' ')} materials in the curated table` : 'in the curated table';
  const lines = [`Materials similar to ${described} ${among}, ranked by the similar_materials tool (score 0–1; weights: ${WEIGHTS_TEXT}):`];
  if (unfiltered) lines.unshift(`No ${application!.replace('-', ' ')} material in the curated table is similar to ${formula}; showing the closest materials of any class.`);
  const sources: string[] = [];
  results.forEach((r, i) => {
    const entry = KNOWN_MATERIALS.find((m) => m.id === r.id);
    const highlights = Object.entries(entry?.properties ?? {})
      .slice(0, 2)
      .map(([name, p]) => `${PROPERTY_LABELS[name as PropertyName]} ${num(p.value)} ${p.unit}`);
    if (entry?.sources[0]) sources.push(entry.sources[0]);
    const group = r.spaceGroup ? `, ${r.spaceGroup}` : '';
    lines.push(`${i + 1}. ${r.formula}, ${r.name} (${r.structureType}${group}), score ${num(r.score)}: ${r.reasons.join('; ')}${highlights.length ? `. ${highlights.join('; ')}` : ''}`);
  });
  if (results.length === 0) lines.push('No similar material found.');
  return {
    text: lines.join('\n'),
    facts: {},
    extra: { basis, similar: results.map((r) => ({ formula: r.formula, id: r.id, score: r.score, reasons: r.reasons })) },
    sources: [...new Set(sources)],
    invocation: run.index,
  };
}

/** Side by side: computed values, structure and the table properties either material has. */
export function compareAnswer(a: MaterialFacts, b: MaterialFacts): AnswerPart {
  for (const f of [a, b]) if (f.error || !f.composition) return invalidFormulaAnswer(f);
  const [ea, eb] = [a.known[0], b.known[0]];
  const cell = (f: MaterialFacts, pick: (f: MaterialFacts) => string | undefined) => pick(f) ?? 'n/a';
  const lines = [`${title(a)} compared with ${title(b)}:`];
  lines.push(`- Molar mass: ${molarMassValue(a.composition!.molarMass)} vs ${molarMassValue(b.composition!.molarMass)} g/mol`);
  const states = (f: MaterialFacts) => (f.oxidation?.assignments[0] ? assignmentText(f.oxidation.assignments[0]) : 'no charge-balanced assignment');
  lines.push(`- Oxidation states: ${states(a)} vs ${states(b)}`);
  const structure = (f: MaterialFacts) => (f.known[0] ? `${f.known[0].structureType}${f.known[0].spaceGroup ? ` (${f.known[0].spaceGroup})` : ''}` : 'not in the curated table');
  lines.push(`- Structure: ${structure(a)} vs ${structure(b)}`);
  const names = [...new Set([...Object.keys(ea?.properties ?? {}), ...Object.keys(eb?.properties ?? {})])] as PropertyName[];
  for (const name of names) {
    const value = (f: MaterialFacts) => {
      const p = f.known[0]?.properties[name];
      return p ? `${num(p.value)} ${p.unit}` : undefined;
    };
    lines.push(`- ${PROPERTY_LABELS[name]}: ${cell(a, value)} vs ${cell(b, value)}`);
  }
  const sharedApps = (ea?.applications ?? []).filter((x) => eb?.applications.includes(x));
  if (sharedApps.length > 0) lines.push(`- Both are ${sharedApps.map((x) => x.replace('-', ' ')).join(', ')} materials`);
  // The similarity score needs b to be a table entry (only those are ranked). It is computed with the
  // similar_materials scoring directly, not the tool: a ranking of the whole table would otherwise
  // become the tool's state and fill the answer's materials.
  let similarity: Record<string, unknown> | undefined;
  if (eb) {
    const hit = rankSimilar(a.formula, { limit: KNOWN_MATERIALS.length }).results.find((r) => r.material.id === eb.id);
    if (hit) {
      lines.push(`- Similarity of ${b.formula} to ${a.formula} (similar_materials scoring): ${num(hit.score)} (${hit.reasons.join('; ')})`);
      similarity = { score: hit.score, reasons: hit.reasons };
    }
  }
  const details = [a, b].flatMap((f) => Object.entries(f.known[0]?.properties ?? {}).map(([name, p]) => `${f.formula} ${PROPERTY_LABELS[name as PropertyName]}: ${formatProperty(p)}`));
  if (details.length > 0) lines.push('', 'Values and sources:', ...details.map((d) => `- ${d}`));
  return {
    text: lines.join('\n'),
    facts: { [a.formula]: factsRecord(a), [b.formula]: factsRecord(b) },
    ...(similarity ? { extra: { similarity } } : {}),
    sources: [...new Set([...factSources(a), ...factSources(b)])],
  };
}
