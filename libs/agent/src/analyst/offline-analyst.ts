import type { SimilarMaterialsResult } from '../tools/index.js';
import { AnalystError, type AnalysedMaterial, type Analyst, type AnalystProgress, type AnalystRequest, type AnalystResult, type DiscoveryCategory, type SummaryResult } from './analyst.port.js';
import { detectDiscoveries, toDiscovery, type Detection } from './discovery-detector.js';
import { OFFLINE_NOTE, listText } from './format.js';
import { interpret, type QuestionPlan } from './intents.js';
import { gatherFacts } from './material-facts.js';
import { MaterialsCollector } from './materials.js';
import { invalidFormulaAnswer, overviewAnswer, propertyAnswer, type AnswerPart } from './offline-answers.js';
import { compareAnswer, similarAnswer } from './offline-similar.js';
import { extractiveSummary } from './summarise.js';
import { createDefaultToolRegistry, type ToolRegistry } from './tool-registry.js';
import { ToolSession } from './tool-session.js';

export interface OfflineAnalystOptions {
  registry?: ToolRegistry;
  /** Clock for latency and tool durations only (milliseconds); inject a fixed one in tests. */
  now?: () => number;
}

export const OFFLINE_MODEL = 'offline-rules-1';

const HELP =
  'I can analyse materials offline with the built-in tools. Name a formula ("Analyse LiFePO4"), ask about a property of the current material ("What about its band gap?"), ask for similar materials ("Show me similar cathode materials") or compare two ("Compare LiCoO2 and LiMn2O4").';

/**
 * The analyst used without an API key. Deterministic: the same question and context give the same
 * answer, tool invocations, states, materials and discoveries (only `latencyMs` and `durationMs`
 * come from the clock). It reads the question with keyword rules (intents.ts), does the work with
 * the registry's built-in tools, and says in every answer that no language model was used.
 */
export class OfflineAnalyst implements Analyst {
  readonly name = 'offline';
  private readonly registry: ToolRegistry;
  private readonly now: () => number;

  constructor(options: OfflineAnalystOptions = {}) {
    this.now = options.now ?? (() => performance.now());
    this.registry = options.registry ?? createDefaultToolRegistry(this.now);
  }

  async analyse(request: AnalystRequest, onProgress?: (progress: AnalystProgress) => void): Promise<AnalystResult> {
    const started = this.now();
    if (request.signal?.aborted) throw new AnalystError('aborted', 'the analysis was cancelled');
    const tools = new ToolSession(this.registry, request.context, onProgress);
    const plan = interpret(request.question, request.context);
    tools.status(`offline analyst: ${plan.intent}${plan.subjects.length > 0 ? ` (${plan.subjects.join(', ')})` : ''}`);

    const invalid: AnswerPart[] = [];
    for (const token of plan.invalid) invalid.push(invalidFormulaAnswer(await gatherFacts(tools, token)));
    let part = await this.answer(plan, tools);
    const detections = detectDiscoveries({
      text: request.question,
      contextMaterials: plan.subjects,
      invocations: tools.invocations,
      existing: request.context.discoveries,
    });
    if (plan.intent === 'statement') part = statementAnswer(detections);

    const contextNote =
      plan.subjects.length > 0 && plan.subjectFrom !== 'question' && plan.intent !== 'statement'
        ? `(The subject was taken from the session context: ${plan.subjectFrom} ${plan.subjects[0]}.)`
        : undefined;
    const text = [...invalid.map((p) => p.text), part.text, contextNote, OFFLINE_NOTE].filter(Boolean).join('\n\n');
    tools.text(text);

    const materials = new MaterialsCollector();
    for (const formula of plan.subjects) materials.addNamed(formula);
    tools.invocations.forEach((invocation, i) => materials.addInvocation(invocation, i));
    const listed = materials.list(plan.subjects);
    return {
      text,
      analysis: {
        intent: plan.intent,
        subjects: plan.subjects,
        subjectFrom: plan.subjectFrom,
        ...(plan.topics.length > 0 ? { topics: plan.topics } : {}),
        ...(plan.application ? { application: plan.application } : {}),
        ...(plan.invalid.length > 0 ? { invalidFormulas: Object.assign({}, ...invalid.map((p) => p.facts)) } : {}),
        facts: Object.keys(part.facts).length > 0 ? part.facts : subjectFacts(listed, plan.subjects),
        ...part.extra,
        sources: part.sources,
      },
      model: OFFLINE_MODEL,
      offline: true,
      usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0 },
      latencyMs: Math.max(0, this.now() - started),
      toolInvocations: tools.invocations,
      toolStates: tools.toolStates(),
      materials: listed,
      discoveries: detections.map(toDiscovery),
    };
  }

  async summarise(turns: Array<{ question: string; answer: string | null }>, maxWords?: number): Promise<SummaryResult> {
    return { text: extractiveSummary(turns, maxWords), model: OFFLINE_MODEL, offline: true };
  }

  private async answer(plan: QuestionPlan, tools: ToolSession): Promise<AnswerPart> {
    switch (plan.intent) {
      case 'help':
        return { text: plan.invalid.length > 0 ? '' : HELP, facts: {}, sources: [] };
      case 'statement':
        // The reply is written after detection; the lookups let the detector check the claim.
        for (const formula of plan.subjects) await tools.run('known_materials', { formula });
        return { text: '', facts: {}, sources: [] };
      case 'similar':
        return similarAnswer(tools, plan.subjects[0]!, plan.application, plan.limit);
      case 'compare': {
        const [a, b] = [await gatherFacts(tools, plan.subjects[0]!), await gatherFacts(tools, plan.subjects[1]!)];
        return compareAnswer(a, b);
      }
      case 'property':
      case 'overview': {
        const parts: AnswerPart[] = [];
        for (const formula of plan.subjects) {
          const facts = await gatherFacts(tools, formula);
          if (plan.intent === 'property') parts.push(propertyAnswer(facts, plan.topics));
          else {
            // Not in the table: say which table entries come closest, so the answer still leads somewhere.
            const closest = facts.composition && facts.known.length === 0 ? await tools.run<SimilarMaterialsResult>('similar_materials', { formula, limit: 3 }) : undefined;
            parts.push(overviewAnswer(facts, closest?.output ?? undefined));
          }
        }
        return {
          text: parts.map((p) => p.text).join('\n\n'),
          facts: Object.assign({}, ...parts.map((p) => p.facts)),
          sources: [...new Set(parts.flatMap((p) => p.sources))],
        };
      }
      default: {
        const _never: never = plan.intent;
        throw new Error(`unhandled intent ${String(_never)}`);
      }
    }
  }
}

const CATEGORY_LABELS: Record<DiscoveryCategory, string> = {
  structure_property: 'structure–property insight',
  novel_synthesis: 'synthesis finding',
  stability_insight: 'stability insight',
  phase_relationship: 'phase-relationship finding',
};

// For answers that ran no composition call (similar, statement): the subjects' material entries.
function subjectFacts(materials: AnalysedMaterial[], subjects: string[]): Record<string, Record<string, unknown>> {
  return Object.fromEntries(materials.filter((m) => subjects.includes(m.formula)).map((m) => [m.formula, m.properties]));
}

function statementAnswer(detections: Detection[]): AnswerPart {
  const fromText = detections.filter((d) => d.rule.startsWith('text:'));
  if (fromText.length === 0) {
    return { text: 'Noted. I did not recognise a structure–property, stability, synthesis or phase-relationship claim in it, so no discovery was detected.', facts: {}, sources: [] };
  }
  const lines = fromText.map((d) => {
    const about = d.materials.length > 0 ? ` about ${listText(d.materials)}` : '';
    const check = d.check
      ? d.check.agrees
        ? ` The curated table agrees that ${d.check.formula} has the ${d.check.tableStructure} structure.`
        : ` Caution: the curated table gives ${d.check.formula} the ${d.check.tableStructure} structure, so the claim's structure does not match it (confidence lowered).`
      : '';
    return `Noted: a candidate ${CATEGORY_LABELS[d.category]}${about} (confidence ${d.confidence.toFixed(2)}): "${d.description}".${check}`;
  });
  return { text: lines.join('\n'), facts: {}, extra: { detected: fromText.map(toDiscovery) }, sources: [] };
}
