import { anionClasses } from './chemistry/anions.js';
import { analyseComposition } from './chemistry/composition.js';
import { getElement, ionicRadius } from './chemistry/elements.js';
import { parseFormula } from './chemistry/formula.js';
import { anonymousFormula } from './chemistry/formula-format.js';
import { analyseOxidationStates } from './chemistry/oxidation-states.js';
import { findKnownMaterials, KNOWN_MATERIALS, type IndexedMaterial } from './known-materials.js';
import type { ApplicationClass } from './known-materials.types.js';

/** What a composition is compared by: its species, stoichiometry type and anion chemistry. */
export interface Profile {
  formula: string;
  key: string;
  species: Array<{ element: string; fraction: number; state: number }>;
  prototype: string;
  anions: string[];
}

export interface SimilarityWeights { composition: number; structure: number; prototype: number; application: number; anion: number }

// Composition dominates; structure and application count only when known (a table entry or a filter).
export const WEIGHTS: SimilarityWeights = { composition: 0.4, structure: 0.2, prototype: 0.1, application: 0.15, anion: 0.15 };

export function profileOf(formula: string): Profile {
  const parsed = parseFormula(formula);
  const composition = analyseComposition(parsed);
  const sites = analyseOxidationStates(parsed, 1).assignments[0]?.sites;
  // Mixed-valence sites take their majority state (Fe3O4 → Fe3+), for radius lookup.
  const stateOf = (el: string) => {
    const site = sites?.find((s) => s.element === el);
    return site ? [...site.states].sort((a, b) => b.count - a.count)[0]!.state : 0;
  };
  return {
    formula,
    key: composition.key,
    species: composition.elements.map((e) => ({ element: e.element, fraction: e.atomicFraction, state: stateOf(e.element) })),
    prototype: anonymousFormula(parsed.counts),
    anions: anionClasses(Object.keys(parsed.counts), sites),
  };
}

const PROFILES = new Map<string, Profile>();
function cachedProfile(material: IndexedMaterial): Profile {
  let profile = PROFILES.get(material.id);
  if (!profile) PROFILES.set(material.id, (profile = profileOf(material.formula)));
  return profile;
}

type Species = Profile['species'][number];
const signed = (s: number) => (s === 0 ? '0' : `${Math.abs(s) === 1 ? '' : Math.abs(s)}${s > 0 ? '+' : '−'}`);

/** 0..1 likelihood that `b` can take `a`'s place: same group, similar Shannon radius, same charge. */
export function substitution(a: Species, b: Species): { score: number; reason?: string } {
  if (a.element === b.element) return { score: a.state === b.state ? 1 : 0.9 };
  if (Math.sign(a.state) !== Math.sign(b.state)) return { score: 0 };
  const ea = getElement(a.element)!;
  const eb = getElement(b.element)!;
  // Hydrogen heads group 1 but does not substitute for alkali metals.
  const sameGroup = ea.group === eb.group && a.element !== 'H' && b.element !== 'H';
  const neighbours = !sameGroup && ea.period === eb.period && Math.abs(ea.group - eb.group) === 1;
  const ra = ionicRadius(a.element, a.state);
  const rb = ionicRadius(b.element, b.state);
  const radius = ra !== undefined && rb !== undefined ? Math.max(0, 1 - Math.abs(ra - rb) / 0.25) : 0;
  const charge = a.state === b.state ? 1 : Math.abs(a.state - b.state) === 1 ? 0.5 : 0;
  const score = 0.4 * (sameGroup ? 1 : neighbours ? 0.5 : 0) + 0.4 * radius + 0.2 * charge;
  const radii = ra !== undefined && rb !== undefined ? `; ${radius >= 0.6 ? 'similar ' : ''}Shannon radius ${rb} vs ${ra} Å` : '; no Shannon radius to compare';
  const group = sameGroup ? 'yes' : neighbours ? 'no, neighbouring group' : 'no';
  return { score, reason: `${b.element}${signed(b.state)} substitutes ${a.element}${signed(a.state)} (same group: ${group}${radii})` };
}

/** Greedy one-to-one pairing of species, weighted by the atomic fraction both share. */
export function compositionSimilarity(query: Profile, candidate: Profile): { score: number; reasons: string[] } {
  const pairs = query.species.flatMap((a) => candidate.species.map((b) => ({ a, b, ...substitution(a, b) })));
  pairs.sort((x, y) => y.score - x.score || Math.min(y.a.fraction, y.b.fraction) - Math.min(x.a.fraction, x.b.fraction));
  const used = new Set<string>();
  let score = 0;
  const shared: string[] = [];
  const reasons: string[] = [];
  for (const pair of pairs) {
    if (pair.score <= 0 || used.has(`q${pair.a.element}`) || used.has(`c${pair.b.element}`)) continue;
    used.add(`q${pair.a.element}`).add(`c${pair.b.element}`);
    score += pair.score * Math.min(pair.a.fraction, pair.b.fraction);
    if (pair.a.element === pair.b.element) shared.push(pair.a.element);
    else if (pair.score >= 0.3 && pair.reason) reasons.push(pair.reason);
  }
  if (shared.length > 0) reasons.unshift(`shares ${shared.join(', ')}`);
  return { score, reasons };
}

export interface Basis {
  formula: string;
  /** The table entry the query was identified as, if any. */
  knownAs?: string;
  structureType?: string;
  applications: ApplicationClass[];
}

export interface SimilarMaterial {
  material: IndexedMaterial;
  score: number;
  components: SimilarityWeights;
  reasons: string[];
}

export function rankSimilar(formula: string, options: { application?: ApplicationClass; structureType?: string; limit?: number } = {}): { basis: Basis; results: SimilarMaterial[] } {
  const query = profileOf(formula);
  const known = findKnownMaterials(formula).map((m) => m.material);
  const self = known.find((m) => !options.structureType || m.structureType === options.structureType) ?? known[0];
  const basis: Basis = {
    formula,
    ...(self ? { knownAs: self.id } : {}),
    ...(options.structureType ?? self?.structureType ? { structureType: options.structureType ?? self!.structureType } : {}),
    applications: options.application ? [options.application] : (self?.applications ?? []),
  };
  const results = KNOWN_MATERIALS.filter((m) => m.id !== self?.id && (!options.application || m.applications.includes(options.application))).map((material) =>
    score(query, basis, material),
  );
  results.sort((a, b) => b.score - a.score || a.material.id.localeCompare(b.material.id));
  return { basis, results: results.slice(0, options.limit ?? 10) };
}

function score(query: Profile, basis: Basis, material: IndexedMaterial): SimilarMaterial {
  const candidate = cachedProfile(material);
  const composition = compositionSimilarity(query, candidate);
  const reasons: string[] = [];
  const structure = structureSimilarity(basis.structureType, material.structureType);
  if (structure === 1) reasons.push(`same ${material.structureType} structure`);
  else if (structure > 0) reasons.push(`related structure (${material.structureType} vs ${basis.structureType})`);
  if (candidate.key === query.key) reasons.push('same composition, different structure (polymorph)');
  const prototype = candidate.prototype === query.prototype ? 1 : 0;
  if (prototype) reasons.push(`same stoichiometry type ${query.prototype}`);
  const sharedApps = material.applications.filter((a) => basis.applications.includes(a));
  const application = sharedApps.length > 0 ? 1 : 0;
  if (application) reasons.push(`shared application: ${sharedApps.join(', ')}`);
  const sharedAnions = candidate.anions.filter((a) => query.anions.includes(a));
  const anion = sharedAnions.length > 0 ? 1 : 0;
  if (anion) reasons.push(`shared ${sharedAnions.join(' and ')} anion chemistry`);
  const components = { composition: round(composition.score), structure, prototype, application, anion };
  const total = (Object.keys(WEIGHTS) as Array<keyof SimilarityWeights>).reduce((sum, k) => sum + WEIGHTS[k] * components[k], 0);
  return { material, score: round(total), components, reasons: [...reasons, ...composition.reasons] };
}

// "spinel" and "inverse spinel", "perovskite" and "layered perovskite (123)" are related.
function structureSimilarity(a: string | undefined, b: string): number {
  if (!a) return 0;
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y) return 1;
  const core = (s: string) => s.replace(/\(.*?\)/g, '').replace(/\b(inverse|layered|distorted|monoclinic|normal)\b/g, '').trim();
  const [cx, cy] = [core(x), core(y)];
  if (!cx || !cy) return 0;
  return cx === cy || cx.includes(cy) || cy.includes(cx) ? 0.5 : 0;
}

const round = (x: number) => Number(x.toFixed(3));
