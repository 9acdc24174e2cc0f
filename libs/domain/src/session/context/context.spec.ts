import { analysed, answered, asked, detected, failed, oneTurn, recordedDiscovery } from '../../testing/agent.fixtures.js';
import { at, command, created, event, play, started } from '../../testing/session.fixtures.js';
import { analystContext, pendingQueries } from './context.js';
import { foldSession } from '../core/decider.js';
import type { SessionEvent } from '../core/events.js';

const base = (): SessionEvent[] => [created(), started()];

describe('analyst context', () => {
  it('resolves a follow-up: after "Analyse LiFePO4", LiFePO4 is the most recent material', () => {
    const events = play([
      command('AskQuery', { queryId: 'q1', text: 'Analyse LiFePO4', at: at(1) }),
      command('RecordAnswer', {
        queryId: 'q1',
        materials: [{ formula: 'LiFePO4', properties: { structure: 'olivine' }, source: 'known-materials' }],
        answer: { text: 'LiFePO4 is an olivine cathode.', analysis: {}, model: 'offline', usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0 }, latencyMs: 5, offline: true },
        at: at(1),
      }),
      command('AskQuery', { queryId: 'q2', text: 'What about its ionic conductivity?', at: at(2) }),
    ], [created()]);
    const context = analystContext(foldSession(events));
    expect(context.recentMaterials[0]).toBe('LiFePO4');
    expect(context.conversation).toEqual([
      { queryId: 'q1', question: 'Analyse LiFePO4', answer: 'LiFePO4 is an olivine cathode.', status: 'answered', materials: ['LiFePO4'], askedAt: at(1) },
    ]);
  });

  it('remembers the last materialMemory materials, most recent first', () => {
    const state = foldSession([
      ...base(), asked('q1'), event('ContextConfigured', { materialMemory: 3 }),
      ...['A1', 'B2', 'C3', 'D4'].map((f) => analysed(f)), analysed('B2'),
    ]);
    expect(analystContext(state).recentMaterials).toEqual(['B2', 'D4', 'C3']);
    expect(analystContext(foldSession([...base(), asked('q1'), analysed('A1'), event('ContextConfigured', { materialMemory: 0 })])).recentMaterials).toEqual([]);
  });

  it('lists the tools that keep a state, by name, with their states', () => {
    const state = foldSession([
      ...base(),
      event('ToolStateChanged', { tool: 'visualization', state: { loaded: '1ABC' } }),
      event('ToolStateChanged', { tool: 'docking', state: { results: 2 } }),
      event('ToolStateChanged', { tool: 'similarity', state: 1 }),
      event('ToolStateChanged', { tool: 'similarity', state: null }),
    ]);
    expect(analystContext(state)).toMatchObject({
      activeTools: ['docking', 'visualization'],
      toolStates: { visualization: { loaded: '1ABC' }, docking: { results: 2 } },
    });
  });

  it('gives every discovery not rejected, in the order made', () => {
    const state = foldSession([
      ...base(), asked('q1'), answered('q1'),
      detected('d1'), recordedDiscovery('d2'), recordedDiscovery('d3'),
      event('DiscoveryRejected', { discoveryId: 'd3' }),
    ]);
    expect(analystContext(state).discoveries.map((d) => [d.id, d.status])).toEqual([['d1', 'detected'], ['d2', 'recorded']]);
  });

  it('keeps the relevant findings given that reach the session\'s relevanceThreshold, most relevant first', () => {
    const state = foldSession([...base(), event('ContextConfigured', { relevanceThreshold: 0.7 })]);
    const finding = (sessionId: string, score: number) => ({ sessionId, description: `finding in ${sessionId}`, score });
    const context = analystContext(state, { relevantFindings: [finding('s1', 0.7), finding('s2', 0.69), finding('s3', 0.95), finding('s4', Number.NaN)] });
    expect(context.relevantFindings).toEqual([finding('s3', 0.95), finding('s1', 0.7)]);
    expect(analystContext(state).relevantFindings).toEqual([]);
  });

  describe('conversation', () => {
    it('is the last maxHistory settled turns, oldest first, without the question being answered now', () => {
      const state = foldSession([...base(), event('ContextConfigured', { maxHistory: 2 }), ...oneTurn('q1'), ...oneTurn('q2'), asked('q3'), failed('q3'), asked('q4')]);
      expect(analystContext(state).conversation.map((t) => [t.queryId, t.status, t.answer])).toEqual([
        ['q2', 'answered', 'LiFePO4 was analysed. More follows.'],
        ['q3', 'failed', null],
      ]);
    });

    it('starts after the latest summary, whose text it gives', () => {
      const state = foldSession([
        ...base(), ...oneTurn('q1'), ...oneTurn('q2'),
        event('HistorySummarised', { summaryId: 's1', throughQueryId: 'q1', text: 'first', method: 'extractive' }),
        ...oneTurn('q3'),
        event('HistorySummarised', { summaryId: 's2', throughQueryId: 'q2', text: 'first and second', method: 'model' }),
      ]);
      const context = analystContext(state);
      expect(context.summary).toBe('first and second');
      expect(context.conversation.map((t) => t.queryId)).toEqual(['q3']);
    });

    it('is empty, with no summary, on a new session', () => {
      expect(analystContext(foldSession(base()))).toMatchObject({ conversation: [], summary: null, recentMaterials: [], discoveries: [], activeTools: [], toolStates: {}, relevantFindings: [] });
    });
  });

  it('carries the context items, focus, hypotheses and open tasks', () => {
    const state = foldSession([
      ...base(),
      event('ContextItemAdded', { key: 'important_finding', value: 'This crystal structure shows enhanced stability', kind: 'custom' }),
      event('FocusSet', { focus: 'cathodes' }),
      event('HypothesisAdded', { hypothesisId: 'h1', statement: 'olivine helps' }),
      event('TaskAdded', { taskId: 't1', title: 'measure' }),
      event('TaskAdded', { taskId: 't2', title: 'compare' }),
      event('TaskCompleted', { taskId: 't1' }),
    ]);
    expect(analystContext(state)).toMatchObject({
      items: [{ key: 'important_finding', value: 'This crystal structure shows enhanced stability', kind: 'custom' }],
      focus: 'cathodes',
      hypotheses: [{ id: 'h1', statement: 'olivine helps' }],
      openTasks: [{ id: 't2', title: 'compare' }],
    });
  });
});

describe('pending queries', () => {
  it('lists the turns asked but neither answered nor failed, for recovery after a crash', () => {
    const state = foldSession([...base(), ...oneTurn('q1'), asked('q2'), asked('q3'), failed('q3'), asked('q4')]);
    expect(pendingQueries(state).map((t) => t.id)).toEqual(['q2', 'q4']);
    expect(pendingQueries(foldSession(base()))).toEqual([]);
  });
});
