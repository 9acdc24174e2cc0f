// Builders for the agent's specs: a question about LiFePO4, what the tools and the analyst gave
// back, and the events that records. Specs override only what they are about.
import type { JsonObject } from '../json.js';
import type { SessionEvent } from '../session/core/index.js';
import type { AnswerInput, MaterialInput, ProposedDiscovery, RecordAnswer, ToolInvocationInput } from '../session/queries/index.js';
import { at, command, event } from './session.fixtures.js';

export const ANSWER: AnswerInput = {
  text: 'LiFePO4 is an olivine cathode with a flat 3.4 V plateau. Its ionic conductivity is low.',
  analysis: { structure: 'olivine', voltage: 3.4 },
  model: 'offline-analyst',
  usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0 },
  latencyMs: 12,
  offline: true,
};

export const invocation = (invocationId = 'inv-1', data?: Partial<ToolInvocationInput>): ToolInvocationInput => ({
  invocationId,
  tool: 'composition',
  input: { formula: 'LiFePO4' },
  output: { molarMass: 157.76, elements: { Li: 1, Fe: 1, P: 1, O: 4 } },
  durationMs: 3,
  ...data,
});

export const material = (formula = 'LiFePO4', data?: Partial<MaterialInput>): MaterialInput => ({
  formula,
  properties: { structure: 'olivine' },
  source: 'known-materials',
  ...data,
});

export const proposal = (discoveryId = 'd1', data?: Partial<ProposedDiscovery>): ProposedDiscovery => ({
  discoveryId,
  category: 'structure_property',
  description: 'The olivine structure is crucial for Li+ mobility',
  materials: ['LiFePO4'],
  confidence: 0.9,
  ...data,
});

type AnswerData = Omit<RecordAnswer['data'], 'sessionId' | 'actorId' | 'at' | 'queryId' | 'answer'> & { answer?: AnswerInput; at?: string };

export const answerCommand = (queryId = 'q1', data?: AnswerData) => command('RecordAnswer', { queryId, answer: ANSWER, ...data });

export const asked = (queryId = 'q1', text = 'Analyse LiFePO4', minute = 1) => event('QueryAsked', { queryId, text, at: at(minute) });

export const invoked = (invocationId = 'inv-1', queryId: string | null = 'q1', data?: Partial<ToolInvocationInput> & { at?: string }) =>
  event('ToolInvoked', { ...invocation(invocationId, data), queryId, ...(data?.at ? { at: data.at } : {}) });

export const analysed = (formula = 'LiFePO4', queryId = 'q1', data?: Partial<MaterialInput> & { at?: string }) =>
  event('MaterialAnalysed', { ...material(formula), queryId, ...data });

export const answered = (queryId = 'q1', data?: Partial<AnswerInput> & { at?: string }) => event('QueryAnswered', { queryId, ...ANSWER, ...data });

export const failed = (queryId = 'q1', reason = 'model timed out') => event('QueryFailed', { queryId, reason, retryable: true });

export const detected = (discoveryId = 'd1', queryId = 'q1', data?: Partial<ProposedDiscovery> & { invocationIds?: string[]; at?: string }) => {
  const { evidence: _e, invocationIds = [], discoveryId: _d, ...rest } = { ...proposal(discoveryId), ...data };
  return event('DiscoveryDetected', { discoveryId, ...rest, evidence: { queryId, invocationIds } });
};

export const recordedDiscovery = (discoveryId = 'd1', data?: { confidence?: number; description?: string; materials?: string[]; evidence?: JsonObject; at?: string }) =>
  event('DiscoveryRecorded', {
    discoveryId,
    category: 'structure_property',
    description: 'Olivine structure increases ionic conductivity 10-fold',
    materials: ['LiFePO4', 'LiMnPO4'],
    confidence: 0.9,
    evidence: { structure: 'olivine' },
    ...data,
  });

/** One question answered: asked, one tool call, one material, the answer. */
export const oneTurn = (queryId = 'q1', formula = 'LiFePO4', minute = 1): SessionEvent[] => [
  asked(queryId, `Analyse ${formula}`, minute),
  invoked(`inv-${queryId}`, queryId, { input: { formula }, at: at(minute) }),
  analysed(formula, queryId, { at: at(minute) }),
  answered(queryId, { text: `${formula} was analysed. More follows.`, at: at(minute) }),
];
