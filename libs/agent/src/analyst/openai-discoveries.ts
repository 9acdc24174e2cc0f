import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { ResponseFormatJSONSchema } from 'openai/resources/shared';
import { DISCOVERY_CATEGORIES, type DetectedDiscovery, type ToolInvocation } from './analyst.port.js';
import { clip } from './openai-prompts.js';

/**
 * Structured-output schema of the discovery call. Strict mode requires every property to be listed
 * in `required` and no extra properties, so the optional evidence text is nullable instead.
 */
export const DISCOVERY_RESPONSE_FORMAT: ResponseFormatJSONSchema = {
  type: 'json_schema',
  json_schema: {
    name: 'discoveries',
    strict: true,
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['discoveries'],
      properties: {
        discoveries: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['category', 'description', 'materials', 'confidence', 'evidence'],
            properties: {
              category: { type: 'string', enum: [...DISCOVERY_CATEGORIES] },
              description: { type: 'string' },
              materials: { type: 'array', items: { type: 'string' } },
              confidence: { type: 'number' },
              evidence: {
                type: 'object',
                additionalProperties: false,
                required: ['text', 'toolInvocationIndexes'],
                properties: { text: { type: ['string', 'null'] }, toolInvocationIndexes: { type: 'array', items: { type: 'integer' } } },
              },
            },
          },
        },
      },
    },
  },
};

const INSTRUCTIONS = `You extract research discoveries from one exchange of a materials-research session.
A discovery is a claim worth recording, stated by the researcher or established by the tool results, in one of these categories:
- structure_property: a structure feature explains or changes a property ("the olivine structure limits Li+ mobility to 1D channels");
- novel_synthesis: a synthesis route, condition or precursor with an outcome;
- stability_insight: why a material is or is not stable (thermal, chemical, electrochemical, charge balance);
- phase_relationship: phase transitions, polymorphs, solid solutions, two-phase reactions.
Do not record plain questions, requests, or routine facts repeated from a table. Give confidence in 0..1 (0.9+ only for claims backed by tool results).
In evidence, quote the sentence the claim comes from (or null) and list the indexes of the tool invocations that support it.
Return {"discoveries": []} when there is none.`;

export function discoveryMessages(
  question: string,
  answer: string,
  invocations: readonly ToolInvocation[],
  contextMaterials: readonly string[],
  existing: ReadonlyArray<{ description: string }> = [],
): ChatCompletionMessageParam[] {
  const tools = invocations.map((inv, i) => `[${i}] ${inv.tool}(${JSON.stringify(inv.input)}) → ${inv.error ? `error: ${inv.error}` : clip(JSON.stringify(inv.output), 600)}`);
  const body = [
    `Materials in context (most recent first): ${contextMaterials.join(', ') || 'none'}`,
    `Researcher: ${question}`,
    `Analyst answer: ${clip(answer, 3000)}`,
    `Tool invocations:\n${tools.join('\n') || 'none'}`,
    ...(existing.length > 0 ? [`Already recorded (do not repeat):\n${existing.map((d) => `- ${d.description}`).join('\n')}`] : []),
  ].join('\n\n');
  return [
    { role: 'system', content: INSTRUCTIONS },
    { role: 'user', content: body },
  ];
}

/**
 * The discoveries in the model's JSON, each checked: unknown categories and empty descriptions are
 * dropped, confidence is clamped to 0..1, evidence indexes must point at this query's invocations.
 * Throws on text that is not the expected JSON, so the caller can fall back to the rule detector.
 */
export function parseDiscoveries(content: string, invocationCount: number, fallbackMaterials: readonly string[]): DetectedDiscovery[] {
  const parsed: unknown = JSON.parse(content);
  const list = (parsed as { discoveries?: unknown }).discoveries;
  if (!Array.isArray(list)) throw new Error('the discovery response has no "discoveries" array');
  return list.flatMap((raw): DetectedDiscovery[] => {
    const d = raw as Record<string, unknown>;
    const category = DISCOVERY_CATEGORIES.find((c) => c === d.category);
    const description = typeof d.description === 'string' ? d.description.trim() : '';
    if (!category || !description) return [];
    const materials = Array.isArray(d.materials) ? d.materials.filter((m): m is string => typeof m === 'string' && m.trim() !== '') : [];
    const confidence = typeof d.confidence === 'number' && Number.isFinite(d.confidence) ? Math.min(1, Math.max(0, d.confidence)) : 0.5;
    const evidence = (d.evidence ?? {}) as { text?: unknown; toolInvocationIndexes?: unknown };
    const indexes = Array.isArray(evidence.toolInvocationIndexes)
      ? [...new Set(evidence.toolInvocationIndexes.filter((i): i is number => Number.isInteger(i) && i >= 0 && i < invocationCount))]
      : [];
    return [
      {
        category,
        description,
        materials: materials.length > 0 ? materials : fallbackMaterials.slice(0, 1),
        confidence,
        evidence: { ...(typeof evidence.text === 'string' && evidence.text ? { text: evidence.text } : {}), toolInvocationIndexes: indexes },
      },
    ];
  });
}
