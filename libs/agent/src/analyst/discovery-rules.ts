import type { DiscoveryCategory } from './analyst.port.js';

/*
 * Rules of the offline discovery detector, one sentence at a time.
 *
 * A sentence is considered only if it is a claim: not a question (no "?", no leading question
 * word) and not a request ("Show me…", "Analyse…"). Then the first rule that matches decides:
 *
 * | category           | needs                                                        | base |
 * |--------------------|--------------------------------------------------------------|------|
 * | novel_synthesis    | a synthesis word and an outcome word or a quantity           | 0.65 |
 * | phase_relationship | a phase word (transition, two-phase, solid solution, …)      | 0.70 |
 * | stability_insight  | a stability word and a relation or an evaluation             | 0.70 |
 * | structure_property | a structure word, a property word and a relation             | 0.65 |
 *
 * Confidence = base + 0.10 for a named structure type (olivine, not just "structure") + 0.10 for a
 * strong relation ("crucial", "governs", "responsible for") + 0.10 for a quantity ("10-fold",
 * "at 700 °C") + 0.05 when a formula is named − 0.05 for a hedge ("seems", "may"), kept in
 * 0.30..0.95. So the seed's "The olivine structure seems crucial for Li+ mobility" is
 * structure_property at 0.80, and "Olivine structure increases ionic conductivity 10-fold" 0.85.
 *
 * Not discoveries (see the spec): "What about its ionic conductivity?", "Show me similar cathode
 * materials", "Is olivine crucial for Li+ mobility?", "LiFePO4 has an olivine structure." (no
 * property), "The ionic conductivity is 1e-4 S/cm." (no structure, no relation).
 */

export const SPECIFIC_STRUCTURES =
  /\b(olivine|perovskite|anti-?perovskite|spinel|layered|garnet|nasicon|fluorite|anti-?fluorite|rock ?salt|rutile|anatase|wurtzite|zinc ?blende|chalcopyrite|kesterite|tavorite|argyrodite|skutterudite|tetradymite|corundum|scheelite|pyrochlore|delafossite|apatite|hcp|fcc|bcc|α-NaFeO2|cdi2)\b/i;
const GENERIC_STRUCTURE =
  /\b(structures?|structural|framework|lattice|crystal|polyhedr\w*|octahedr\w*|tetrahedr\w*|channels?|tunnels?|interlayer|coordination|grain boundar\w*|vacanc\w*|dop(ing|ant|ed)|disorder\w*|cation ordering|polymorphs?|1d|2d|3d pathways?)\b/i;
const PROPERTY =
  /\b(conductivit\w*|mobility|diffusi\w*|transport|band ?gaps?|capacity|voltage|rate capability|migration|hopping|activation energy|energy barrier|magneti\w*|ferroelectric\w*|piezoelectric\w*|thermal conductivity|zt|hardness|strength|catalytic activity|activity|absorption|luminescence|efficiency|kinetics)\b|\b(li|na|k|mg|zn)\+? ?(ion )?(mobility|diffusion|transport|conduction)/i;
const STRONG_RELATION = /\b(crucial|key|essential|responsible for|govern\w*|controls?|determin\w*|dictat\w*|critical|the reason|explains?|decisive)\b/i;
const RELATION =
  /\b(increas\w*|decreas\w*|improv\w*|enhanc\w*|reduc\w*|suppress\w*|limit\w*|boost\w*|lower\w*|rais\w*|leads? to|results? in|caus\w*|correlat\w*|affect\w*|influenc\w*|depends? on|due to|because|allows?|facilitat\w*|hinder\w*|important for|favou?r\w*|promot\w*|enabl\w*|driv\w*|impede\w*|block\w*)\b/i;
const STABILITY =
  /\b(stable|stability|stabili[sz]\w*|decompos\w*|degrad\w*|capacity fad\w*|fading|thermal runaway|oxygen release|dissolution|moisture|air-sensitive|hygroscopic|metastable|above (the )?(convex )?hull|cycle life|cycling|corrosion)\b/i;
const EVALUATION = /\b(is|are|remains?|shows?|exhibits?|displays?|retains?)\b.*\b(high|low|poor|excellent|good|enhanced|improved|superior|remarkable|limited)\b|\b(enhanced|improved|superior|excellent|poor)\b/i;
const SYNTHESIS =
  /\b(synthesi[sz]\w*|prepar\w*|grown|growth|sol-gel|solid-state (reaction|route)|hydrothermal\w*|solvothermal\w*|calcin\w*|anneal\w*|sinter\w*|ball-mill\w*|co-?precipitat\w*|precursors?|cvd|chemical vapou?r deposition|sputter\w*|spin-coat\w*|carbon coating|quench\w*)\b/i;
const SYNTHESIS_OUTCOME = /\b(new|novel|first|successfully|yield\w*|produc\w*|gives?|obtain\w*|phase-pure|single-phase|lower temperature|enables?|route|method)\b/i;
const NOVELTY = /\b(new|novel|first)\b/i;
const PHASE =
  /\b(phase transitions?|transforms?|transformation|two-phase|solid solutions?|miscib\w*|immiscib\w*|phase boundar\w*|phase diagram|coexist\w*|eutectic|exsolution|order-disorder|transitions? (to|into|from)|phase separation|intermediate phase|end ?members?|polymorphic)\b/i;
const QUANTITY = /\b\d+(\.\d+)?\s*(-fold|fold|x|×|times|%|°c|k|s\/cm|ev|v|mah\/g|orders? of magnitude)(?![a-z])|\b(ten|two|three|several)-?fold\b|orders? of magnitude/i;
const HEDGE = /\b(seems?|appears?|may|might|could|possibly|perhaps|likely|probably|suggests?|i think|i believe)\b/i;

// Openings of questions and requests (shared with the question reader in intents.ts).
export const QUESTION_START = /^(what|which|how|why|when|where|who|whose|is|are|was|were|does|do|did|can|could|would|should|will|has|have|any)\b/i;
export const REQUEST_START = new RegExp(
  '^(please|analy[sz]e|show|list|find|give|tell|compare|explain|describe|calculate|compute|search|suggest|recommend|look|rank|get|check|' +
    "summari[sz]e|identify|predict|estimate|evaluate|assess|characteri[sz]e|display|let's|lets|i want|i'd like|i need)\\b",
  'i',
);

/** A sentence that asserts something, as opposed to a question or a request. */
export function isClaim(sentence: string): boolean {
  const s = sentence.trim();
  return s.length > 0 && !/\?\s*$/.test(s) && !QUESTION_START.test(s) && !REQUEST_START.test(s);
}

export interface RuleMatch {
  category: DiscoveryCategory;
  confidence: number;
  /** The named structure type, for checking against the curated table. */
  structureType?: string;
}

/** The category and confidence of a claim, or undefined when no rule matches. */
export function classifyClaim(sentence: string, namesFormula: boolean): RuleMatch | undefined {
  if (!isClaim(sentence)) return undefined;
  const has = (re: RegExp) => re.test(sentence);
  const specific = SPECIFIC_STRUCTURES.exec(sentence)?.[1]?.toLowerCase();
  const bonus = (0.1 * Number(has(QUANTITY)) + 0.05 * Number(namesFormula) - 0.05 * Number(has(HEDGE)));
  const match = (category: DiscoveryCategory, base: number, extra = 0): RuleMatch => ({
    category,
    confidence: Math.min(0.95, Math.max(0.3, Math.round((base + extra + bonus) * 100) / 100)),
    ...(specific ? { structureType: specific } : {}),
  });
  const structure = !!specific || has(GENERIC_STRUCTURE);
  if (has(SYNTHESIS) && (has(SYNTHESIS_OUTCOME) || has(QUANTITY))) return match('novel_synthesis', 0.65, 0.1 * Number(has(NOVELTY)));
  if (has(PHASE)) return match('phase_relationship', 0.7);
  if (has(STABILITY) && (has(RELATION) || has(STRONG_RELATION) || has(EVALUATION))) return match('stability_insight', 0.7, 0.1 * Number(has(STRONG_RELATION) || structure));
  if (structure && has(PROPERTY) && (has(RELATION) || has(STRONG_RELATION))) {
    return match('structure_property', 0.65, 0.1 * Number(!!specific) + 0.1 * Number(has(STRONG_RELATION)));
  }
  return undefined;
}

/** Sentences of a text; "e.g." and "et al." do not end a sentence. */
export function sentences(text: string): string[] {
  const parts = text.split(/(?<=[.!?])\s+(?=[A-Z0-9(“"])|\n+/);
  const merged: string[] = [];
  for (const part of parts) {
    const previous = merged[merged.length - 1];
    if (previous !== undefined && /\b(e\.g|i\.e|et al|vs|approx|ca|cf|Fig)\.$/i.test(previous)) merged[merged.length - 1] = `${previous} ${part}`;
    else merged.push(part);
  }
  return merged.map((s) => s.trim()).filter(Boolean);
}
