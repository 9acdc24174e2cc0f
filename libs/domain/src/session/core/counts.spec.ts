import { oneTurn } from '../../testing/agent.fixtures.js';
import { created, event, started } from '../../testing/session.fixtures.js';
import { carriedCounts, workspaceCounts } from './counts.js';
import { foldSession } from './decider.js';

describe('workspace counts', () => {
  it('count turns, materials, discoveries not rejected, context items, hypotheses, working tasks and open ones', () => {
    const ws = foldSession([
      created(), started(), ...oneTurn('q1', 'LiFePO4'), ...oneTurn('q2', 'LiFePO4', 2),
      event('DiscoveryRecorded', { discoveryId: 'd1', category: 'structure_property', description: 'x', materials: [], confidence: 0.9, evidence: null }),
      event('DiscoveryRecorded', { discoveryId: 'd2', category: 'structure_property', description: 'y', materials: [], confidence: 0.9, evidence: null }),
      event('DiscoveryRejected', { discoveryId: 'd2' }),
      event('ContextItemAdded', { key: 'a', value: 1, kind: 'custom' }),
      event('HypothesisAdded', { hypothesisId: 'h1', statement: 'olivine helps' }),
      event('TaskAdded', { taskId: 't1', title: 'one' }), event('TaskAdded', { taskId: 't2', title: 'two' }), event('TaskAdded', { taskId: 't3', title: 'three' }),
      event('TaskCompleted', { taskId: 't1' }), event('TaskCompleted', { taskId: 't2' }), event('TasksArchived', { taskIds: ['t1'] }),
    ]).workspace;
    expect(workspaceCounts(ws)).toEqual({ queries: 2, materials: 1, discoveries: 1, contextItems: 1, hypotheses: 1, tasks: 2, openTasks: 1 });
  });

  it('are read from an event only when every count is there as a whole number not below zero', () => {
    const counts = { queries: 2, materials: 1, discoveries: 1, contextItems: 0, hypotheses: 1, tasks: 2, openTasks: 1 };
    expect(carriedCounts(counts)).toEqual(counts);
    expect(carriedCounts({ ...counts, extra: 'ignored' })).toEqual(counts);
    for (const bad of [undefined, null, [], 'x', { ...counts, tasks: -1 }, { ...counts, queries: 1.5 }, { ...counts, materials: '1' }, { ...counts, openTasks: undefined }]) {
      expect(carriedCounts(bad)).toBeUndefined();
    }
  });
});
