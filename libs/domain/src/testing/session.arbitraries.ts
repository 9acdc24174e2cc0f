// Random steps for the session properties: the agent's commands, with pools big enough that most
// answers go through and small enough that ids clash now and then. A step may name "the query
// pending now" or "the latest discovery" (refs resolved against the state when it is played), so
// answers, summaries, links and reviews happen often instead of missing their target.
import fc from 'fast-check';
import { DISCOVERY_CATEGORIES, DISCOVERY_RELATIONSHIPS, type SessionCommand, type SessionState } from '../session/core/index.js';
import { ANSWER } from './agent.fixtures.js';

export type Step = { type: SessionCommand['type']; [param: string]: unknown };

export const small = <T>(...values: T[]) => fc.constantFrom(...values);
export const step = (type: Step['type'], params: Record<string, fc.Arbitrary<unknown>> = {}): fc.Arbitrary<Step> =>
  fc.record({ type: fc.constant(type), ...params }) as fc.Arbitrary<Step>;

export function agentSteps(): Array<{ weight: number; arbitrary: fc.Arbitrary<Step> }> {
  const queryId = small('q1', 'q2', 'q3', 'q4', 'q5', 'q6');
  const pending = fc.oneof({ weight: 4, arbitrary: fc.constant('@pending') }, { weight: 1, arbitrary: queryId });
  const discoveryId = small('d1', 'd2', 'd3', 'd4', 'd5');
  const existing = fc.oneof({ weight: 3, arbitrary: small('@d0', '@d1', '@d2') }, { weight: 1, arbitrary: discoveryId });
  const formula = small('LiFePO4', 'LiCoO2', 'LiMn2O4', 'LiNiO2');
  const tool = small('composition', 'similarity', 'visualization');
  const confidence = small(0.5, 0.75, 0.9, 1);
  const invocation = fc.record({
    invocationId: fc.integer({ min: 1, max: 40 }).map((n) => `inv-${n}`),
    tool,
    input: fc.record({ formula }),
    output: fc.oneof(fc.integer(), fc.constant(null), fc.record({ mass: fc.integer({ min: 1, max: 300 }) })),
    durationMs: fc.integer({ min: 0, max: 500 }),
  });
  const proposed = fc.record({ discoveryId, category: small(...DISCOVERY_CATEGORIES), description: small('olivine helps', 'Mn raises voltage'), materials: fc.subarray(['LiFePO4', 'LiCoO2']), confidence });
  return [
    { weight: 4, arbitrary: step('AskQuery', { queryId, text: small('Analyse LiFePO4', 'What about its ionic conductivity?') }) },
    {
      weight: 5,
      arbitrary: step('RecordAnswer', {
        queryId: pending,
        toolInvocations: fc.uniqueArray(invocation, { maxLength: 3, selector: (i) => i.invocationId }),
        toolStates: fc.dictionary(tool, fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constant(null)), { maxKeys: 2 }),
        materials: fc.array(fc.record({ formula, properties: fc.dictionary(small('structure', 'bandGap'), fc.integer({ min: 0, max: 9 }), { maxKeys: 2 }), source: small('known-materials', 'model') }), { maxLength: 3 }),
        answer: fc.record({ text: small('It is an olivine. Stable.', 'A spinel cathode.'), latencyMs: fc.integer({ min: 0, max: 900 }) }).map((a) => ({ ...ANSWER, ...a })),
        discoveries: fc.uniqueArray(proposed, { maxLength: 2, selector: (d) => d.discoveryId }),
      }),
    },
    { weight: 1, arbitrary: step('FailQuery', { queryId: pending, reason: small('timeout', 'crashed'), retryable: fc.boolean() }) },
    { weight: 1, arbitrary: step('RecordToolInvocation', { invocationId: fc.integer({ min: 41, max: 60 }).map((n) => `inv-${n}`), tool, input: fc.constant({}), output: fc.integer(), durationMs: fc.integer({ min: 0, max: 9 }), toolState: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }) }) },
    { weight: 1, arbitrary: step('ConfigureDiscoveries', { autoDetect: fc.option(fc.boolean(), { nil: undefined }), minConfidence: confidence, categories: fc.subarray([...DISCOVERY_CATEGORIES]) }) },
    { weight: 3, arbitrary: step('RecordDiscovery', { discoveryId, category: small(...DISCOVERY_CATEGORIES), description: small('manual finding'), materials: fc.subarray(['LiFePO4', 'LiMnPO4']), evidence: small(null, { structure: 'olivine' }), confidence, queryId: fc.option(queryId, { nil: undefined }) }) },
    { weight: 2, arbitrary: step('LinkDiscoveries', { linkId: small('l1', 'l2', 'l3'), discoveryIds: small(['@d0', '@d1'], ['@d2', '@d0'], ['@d0', '@d1', '@d2'], ['d1', 'd2']), relationship: small(...DISCOVERY_RELATIONSHIPS) }) },
    { weight: 2, arbitrary: step('ValidateDiscovery', { discoveryId: existing }) },
    { weight: 1, arbitrary: step('RejectDiscovery', { discoveryId: existing, reason: small('artefact') }) },
    { weight: 1, arbitrary: step('TagDiscovery', { discoveryId: existing, tags: fc.subarray(['cathode', 'olivine', 'review'], { minLength: 1 }) }) },
    { weight: 2, arbitrary: step('SummariseHistory', { summaryId: small('s1', 's2', 's3', 's4'), throughQueryId: fc.oneof(fc.constant('@settled'), queryId), text: small('so far: olivines'), method: small('extractive', 'model') }) },
    { weight: 1, arbitrary: step('RecordSummary', { summaryId: small('r1', 'r2'), keyFindings: fc.subarray(['olivine helps']), materialsOfInterest: fc.subarray(['LiFePO4']), nextSteps: fc.constant([]), model: small('offline') }) },
    { weight: 1, arbitrary: step('ConfigureContext', { autoSummarise: fc.boolean(), maxHistory: fc.integer({ min: 1, max: 4 }), materialMemory: fc.integer({ min: 0, max: 3 }) }) },
  ];
}

/** '@pending' and '@settled' name turns, '@d0' the latest discovery, '@d1' the one before it… */
export function resolveRefs(step: Step, state: SessionState): Step {
  const turns = state.workspace.conversation;
  const ref = (value: unknown): unknown => {
    if (value === '@pending') return turns.find((t) => t.status === 'pending')?.id ?? 'q-none';
    if (value === '@settled') return turns.values().findLast((t) => t.status !== 'pending')?.id ?? 'q-none';
    const back = typeof value === 'string' ? /^@d(\d)$/.exec(value) : null;
    if (back) return state.workspace.discoveries.values().at(-1 - Number(back[1]))?.id ?? 'd-none';
    return value;
  };
  const refs = Object.fromEntries(
    (['queryId', 'throughQueryId', 'discoveryId', 'discoveryIds'] as const).filter((k) => k in step).map((k) => [k, Array.isArray(step[k]) ? step[k].map(ref) : ref(step[k])]),
  );
  return { ...step, ...refs };
}
