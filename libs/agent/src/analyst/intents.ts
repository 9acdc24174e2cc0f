import { KNOWN_MATERIALS, findFormulas, formulaKey, tryParseFormula, type ApplicationClass, type PropertyName } from '../tools/index.js';
import type { AnalystContext } from './analyst.port.js';
import { QUESTION_START, REQUEST_START } from './discovery-rules.js';

/*
 * How the offline analyst reads a question: simple keyword rules, applied in this order.
 *
 * 1. statement  no question mark, and it does not open with a question word or a request verb
 *               ("The olivine structure seems crucial for Li+ mobility"): acknowledged; the
 *               discovery detector looks at it.
 * 2. compare    "compare", "versus", "vs", "difference between", "better than", with two materials
 *               (a single named one is compared with the context's subject).
 * 3. similar    "similar", "alternative", "analogue", "substitute", "related materials", "like it";
 *               an application word narrows the search ("cathode" → battery-cathode, see APPLICATIONS).
 * 4. property   a property word (see TOPICS): conductivity, band gap, voltage, capacity, structure,
 *               space group, oxidation states, stability, molar mass, composition, density, ...
 * 5. overview   anything else about a material ("Analyse LiFePO4", "LiCoO2").
 * 6. help       no material named and none in the context.
 *
 * The subject is the formulas named in the question (or a table name: "LFP", "NMC811"); otherwise,
 * for follow-ups ("What about its ionic conductivity?"), the context: the most recent material
 * (what "its" refers to: the subject of the last answer, which analysts list last), else the
 * focus if it names a formula, else a formula in the previous question.
 */

export type Intent = 'overview' | 'property' | 'similar' | 'compare' | 'statement' | 'help';
export type Topic = PropertyName | 'molarMass' | 'composition' | 'oxidationStates' | 'stability' | 'structure' | 'density';
export type SubjectSource = 'question' | 'focus' | 'recent material' | 'previous question' | 'none';

export interface QuestionPlan {
  intent: Intent;
  topics: Topic[];
  application?: ApplicationClass;
  subjects: string[];
  subjectFrom: SubjectSource;
  /** Tokens that look like formulas but cannot be parsed ("Xy2O3"). */
  invalid: string[];
  limit: number;
}

const TOPICS: Array<[RegExp, Topic[]]> = [
  [/ionic conductiv|ion(ic)? (transport|conduction)|\b(li|na|k|mg)\+? ?(ion )?(mobility|transport)/, ['ionicConductivity']],
  [/diffusiv|diffusion/, ['lithiumDiffusivity']],
  [/electronic conductiv|electrical conductiv/, ['electronicConductivity']],
  [/band ?gap/, ['bandGap']],
  [/voltage|redox potential|standard potential|electrode potential/, ['averageVoltage', 'standardPotential']],
  [/capacity|mah/, ['theoreticalCapacity']],
  [/structure|crystal|space ?group|polymorph|lattice|symmetry/, ['structure']],
  [/oxidation state|valence|charge[- ]?(balance|neutral)|plausib/, ['oxidationStates']],
  [/\bstab(le|ility|ili[sz])|decompos|degrad/, ['stability']],
  [/molar mass|molecular weight|formula weight|\bmass\b|\bweight\b/, ['molarMass']],
  [/composition|mass fraction|weight percent|wt ?%|stoichiometr|which elements/, ['composition']],
  [/density/, ['density']],
  [/\bzt\b|figure of merit/, ['zT']],
  [/curie/, ['curieTemperature']],
  [/n[eé]el/, ['neelTemperature']],
  [/critical temperature|\btc\b|superconducting transition/, ['superconductingTc']],
  [/transition temperature|metal[- ]insulator/, ['transitionTemperature']],
];

// Specific words before general ones: "photocatalyst" must not read as "catalyst".
const APPLICATIONS: Array<[RegExp, ApplicationClass]> = [
  [/electrocataly/, 'electrocatalyst'],
  [/photocataly/, 'photocatalyst'],
  [/cataly/, 'catalyst'],
  [/cathode/, 'battery-cathode'],
  [/anode/, 'battery-anode'],
  [/electrolyte|ion(ic)? conductors?\b/, 'solid-electrolyte'],
  [/photovoltaic|solar|absorber/, 'photovoltaic'],
  [/thermoelectric/, 'thermoelectric'],
  [/optoelectronic|\bleds?\b|light[- ]emitt/, 'optoelectronic'],
  [/semiconductor/, 'semiconductor'],
  [/multiferroic/, 'multiferroic'],
  [/ferroelectric/, 'ferroelectric'],
  [/piezoelectric/, 'piezoelectric'],
  [/dielectric/, 'dielectric'],
  [/superconduct/, 'superconductor'],
  [/topological/, 'topological-insulator'],
  [/transparent conduct/, 'transparent-conductor'],
  [/phase[- ]change/, 'phase-change'],
  [/biomaterial|bioactive|implant/, 'biomaterial'],
  [/magnet/, 'magnet'],
];

// A claim has a verb: "LiFePO4 band gap" is a terse question, "LiFePO4 shows a flat plateau." is a claim.
const CLAIM_VERB =
  /\b(is|are|was|were|seems?|appears?|shows?|has|have|had|increases?|decreases?|improves?|reduces?|enhances?|enables?|leads?|results?|makes?|forms?|becomes?|remains?|exhibits?|demonstrates?|suggests?|indicates?|found|observed|synthesi[sz]ed|prepared|grown|think|believe|noticed?|causes?|drives?|limits?|controls?|governs?|depends?|transforms?|coexists?|degrades?|decomposes?)\b/;
const THANKS = /^(thanks|thank you|ok|okay|great|noted|good)\b/;
const COMPARE = /\bcompare|\bversus\b|\bvs\.?(?=\s)|difference(s)? between|better than|\bdiffer\b/;
const SIMILAR = /similar|alternative|analog|analogue|substitut|related materials|like it\b|comparable|other \w+ materials/;

export function interpret(question: string, context: AnalystContext): QuestionPlan {
  const text = question.trim();
  const lower = text.toLowerCase();
  const named = namedSubjects(text);
  const topics = [...new Set(TOPICS.filter(([re]) => re.test(lower)).flatMap(([, t]) => t))];
  const application = APPLICATIONS.find(([re]) => re.test(lower))?.[1];
  const limit = Math.min(20, Number(/\btop (\d{1,2})\b/.exec(lower)?.[1] ?? 5) || 5);
  const invalid = invalidTokens(text);
  const fromContext = contextSubject(context);
  const base = { topics, ...(application ? { application } : {}), invalid, limit };
  const withSubjects = (subjects: string[], subjectFrom: SubjectSource) => ({ ...base, subjects, subjectFrom });

  if (isStatement(text, lower)) {
    return { intent: 'statement', ...withSubjects(named.length > 0 ? named : fromContext.subjects, named.length > 0 ? 'question' : fromContext.from) };
  }
  if (named.length === 0 && invalid.length > 0) return { intent: 'help', ...withSubjects([], 'none') };
  const subjects = named.length > 0 ? named : fromContext.subjects;
  const subjectFrom: SubjectSource = named.length > 0 ? 'question' : fromContext.from;
  if (COMPARE.test(lower)) {
    if (named.length >= 2) return { intent: 'compare', ...withSubjects(named, 'question') };
    const other = fromContext.subjects.filter((f) => !sameComposition(f, named[0]));
    if (named.length === 1 && other.length > 0) return { intent: 'compare', ...withSubjects([named[0]!, other[0]!], 'question') };
  }
  if (subjects.length === 0) return { intent: 'help', ...withSubjects([], 'none') };
  if (SIMILAR.test(lower)) return { intent: 'similar', ...withSubjects(subjects, subjectFrom) };
  if (topics.length > 0) return { intent: 'property', ...withSubjects(subjects, subjectFrom) };
  return { intent: 'overview', ...withSubjects(subjects, subjectFrom) };
}

/** Formulas named in the text, then table names ("LFP", "NMC811"), without repeats. */
export function namedSubjects(text: string): string[] {
  const subjects = findFormulas(text);
  for (const token of text.match(/(?<![A-Za-z0-9])[A-Za-z0-9]*[A-Z][A-Za-z0-9]*[A-Z0-9][A-Za-z0-9]*/g) ?? []) {
    if ((token.match(/[A-Z]/g) ?? []).length < 2) continue;
    const entry = KNOWN_MATERIALS.find((m) => words(`${m.name} ${m.id}`).includes(token.toLowerCase()));
    if (entry && !subjects.some((s) => sameComposition(s, entry.formula))) subjects.push(entry.formula);
  }
  return subjects;
}

function isStatement(text: string, lower: string): boolean {
  if (/\?\s*$/.test(text) || QUESTION_START.test(lower) || REQUEST_START.test(lower)) return false;
  return THANKS.test(lower) || (text.split(/\s+/).length >= 3 && CLAIM_VERB.test(lower));
}

// Tokens shaped like formulas (a capital, then a digit or bracket somewhere) that do not parse and
// are not a table name: "Xy2O3", "Li2Fe(PO4". Reported instead of silently answering about the context.
function invalidTokens(text: string): string[] {
  const candidates = (text.match(/(?<![A-Za-z0-9])[A-Z][A-Za-z0-9()[\]]*[0-9()[\]][A-Za-z0-9()[\]]*/g) ?? []).map(unwrap);
  return [...new Set(candidates)].filter((t) => !tryParseFormula(t) && !KNOWN_MATERIALS.some((m) => words(`${m.name} ${m.id}`).includes(t.toLowerCase())));
}

function contextSubject(context: AnalystContext): { subjects: string[]; from: SubjectSource } {
  const recent = context.recentMaterials.find((f) => tryParseFormula(f));
  if (recent) return { subjects: [recent], from: 'recent material' };
  const focus = context.focus ? namedSubjects(context.focus)[0] : undefined;
  if (focus) return { subjects: [focus], from: 'focus' };
  const previous = [...context.conversation].reverse().map((t) => namedSubjects(t.question)[0]).find(Boolean);
  return previous ? { subjects: [previous], from: 'previous question' } : { subjects: [], from: 'none' };
}

export function sameComposition(a: string | undefined, b: string | undefined): boolean {
  const [pa, pb] = [a && tryParseFormula(a), b && tryParseFormula(b)];
  return !!pa && !!pb && formulaKey(pa) === formulaKey(pb);
}

// "(LiFePO4)" → "LiFePO4": drop sentence punctuation and brackets the token does not balance.
function unwrap(token: string): string {
  let t = token.replace(/[.,;:!?]+$/, '');
  const count = (re: RegExp) => (t.match(re) ?? []).length;
  while (/^[([]/.test(t) && count(/[([]/g) > count(/[)\]]/g)) t = t.slice(1);
  while (/[)\]]$/.test(t) && count(/[)\]]/g) > count(/[([]/g)) t = t.slice(0, -1);
  return t;
}

const words = (s: string) => s.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
