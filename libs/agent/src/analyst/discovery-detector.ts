import type { KnownMaterialsResult, OxidationAnalysis, SimilarMaterialsResult } from '../tools/index.js';
import type { DetectedDiscovery, ToolInvocation } from './analyst.port.js';
import { classifyClaim, sentences, type RuleMatch } from './discovery-rules.js';
import { namedSubjects, sameComposition } from './intents.js';

export interface DetectionInput {
  /** The user's text (question or statement). */
  text: string;
  /** Materials a claim is about when it names none: the context's subject first. */
  contextMaterials: string[];
  /** The query's tool invocations, in order: some results are insights themselves. */
  invocations?: readonly ToolInvocation[];
  /** Discoveries already in the session: not detected again. */
  existing?: ReadonlyArray<{ description: string }>;
}

export interface Detection extends DetectedDiscovery {
  /** Which rule fired, and how the curated table bears on the claim (for the answer text). */
  rule: string;
  check?: { formula: string; tableStructure: string; agrees: boolean };
}

/**
 * Offline, rule-based discovery detection (rules in discovery-rules.ts). User claims are checked
 * against known_materials lookups of the same query: a claim naming the structure the table gives
 * gains 0.05 and cites the lookup; one contradicting the table loses 0.15.
 */
export function detectDiscoveries(input: DetectionInput): Detection[] {
  const invocations = input.invocations ?? [];
  const found = [...fromText(input, invocations), ...fromTools(invocations)];
  const seen = new Set((input.existing ?? []).map((d) => normalise(d.description)));
  return found.filter((d) => {
    const key = normalise(d.description);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The port's shape, without the detector's bookkeeping. */
export function toDiscovery({ rule: _rule, check: _check, ...discovery }: Detection): DetectedDiscovery {
  return discovery;
}

function fromText(input: DetectionInput, invocations: readonly ToolInvocation[]): Detection[] {
  const detections: Detection[] = [];
  for (const sentence of sentences(input.text)) {
    const named = namedSubjects(sentence);
    const match = classifyClaim(sentence, named.length > 0);
    if (!match) continue;
    const materials = named.length > 0 ? named : input.contextMaterials.slice(0, 1);
    const detection: Detection = {
      category: match.category,
      description: sentence.replace(/[.!\s]+$/, ''),
      materials,
      confidence: match.confidence,
      evidence: { text: sentence, toolInvocationIndexes: [] },
      rule: `text:${match.category}`,
    };
    detections.push(corroborate(detection, match, invocations));
  }
  return detections;
}

function corroborate(detection: Detection, match: RuleMatch, invocations: readonly ToolInvocation[]): Detection {
  if (!match.structureType) return detection;
  for (const [index, invocation] of invocations.entries()) {
    if (invocation.tool !== 'known_materials' || !invocation.output) continue;
    const result = invocation.output as KnownMaterialsResult;
    const entry = result.mode === 'lookup' ? result.matches.find((m) => detection.materials.some((f) => sameComposition(f, m.formula))) : undefined;
    if (!entry) continue;
    const agrees = entry.structureType.toLowerCase().includes(match.structureType.replace(/\s+/g, ' '));
    const confidence = Math.min(0.95, Math.max(0.3, Math.round((detection.confidence + (agrees ? 0.05 : -0.15)) * 100) / 100));
    return {
      ...detection,
      confidence,
      evidence: { ...detection.evidence, toolInvocationIndexes: [index] },
      check: { formula: entry.formula, tableStructure: entry.structureType, agrees },
    };
  }
  return detection;
}

// Tool results that are insights in their own right. Kept few and conservative: an answer that
// merely reports table facts ("LiFePO4 is olivine") must not fill the session with discoveries.
function fromTools(invocations: readonly ToolInvocation[]): Detection[] {
  const detections: Detection[] = [];
  invocations.forEach((invocation, index) => {
    if (invocation.error || !invocation.output) return;
    const evidence = { toolInvocationIndexes: [index] };
    if (invocation.tool === 'oxidation_states') {
      const o = invocation.output as OxidationAnalysis;
      // An intermetallic has no formal states to balance: no verdict on it.
      if (o.chargeNeutral || o.mode === 'elemental' || o.notes.some((n) => n.includes('intermetallic'))) return;
      detections.push({
        category: 'stability_insight',
        description: `${o.formula} cannot be charge-balanced with common oxidation states: it is unlikely to form as a stoichiometric ionic compound`,
        materials: [o.formula],
        confidence: 0.7,
        evidence,
        rule: 'tool:oxidation_states:unbalanced',
      });
    }
    if (invocation.tool === 'known_materials') {
      const result = invocation.output as KnownMaterialsResult;
      const phases = result.mode === 'lookup' ? result.matches.filter((m) => m.match === 'exact') : [];
      if (phases.length >= 2 && new Set(phases.map((m) => m.structureType)).size >= 2) {
        const list = phases.map((m) => `${m.structureType}${m.spaceGroup ? ` (${m.spaceGroup})` : ''}`).join(', ');
        detections.push({
          category: 'phase_relationship',
          description: `${phases[0]!.formula} occurs as ${phases.length} polymorphs in the curated table: ${list}`,
          materials: [phases[0]!.formula],
          confidence: 0.9,
          evidence,
          rule: 'tool:known_materials:polymorphs',
        });
      }
    }
    if (invocation.tool === 'similar_materials') {
      const { basis, results } = invocation.output as SimilarMaterialsResult;
      const top = results[0];
      const substitution = top?.reasons.find((r) => r.includes(' substitutes '));
      if (top && basis.structureType && top.structureType === basis.structureType && top.score >= 0.9 && substitution) {
        const swap = substitution.split(' (')[0]!.replace(' substitutes ', ' substituting for ');
        detections.push({
          category: 'phase_relationship',
          description: `${basis.formula} and ${top.formula} are isostructural (${top.structureType}) with ${swap}: a solid solution between them is plausible`,
          materials: [basis.formula, top.formula],
          confidence: 0.6,
          evidence,
          rule: 'tool:similar_materials:isostructural',
        });
      }
    }
  });
  return detections;
}

const normalise = (s: string) => s.toLowerCase().replace(/[^a-z0-9+]+/g, ' ').trim();
