import { ValidationError } from '../../errors.js';
import { analysed, answered, asked, detected, failed, invoked, oneTurn, recordedDiscovery } from '../../testing/agent.fixtures.js';
import { at, created, event, OWNER, paused, started } from '../../testing/session.fixtures.js';
import { offlineSummary, sessionStatistics } from './analytics.js';
import { foldSession } from '../core/decider.js';

describe('session statistics', () => {
  const history = () => [
    created(),
    event('SessionStarted', { at: at(1) }),
    ...oneTurn('q1', 'LiFePO4', 2),
    asked('q2', 'its conductivity?', 3),
    invoked('inv-2', 'q2', { tool: 'known_materials', at: at(3) }),
    invoked('inv-3', 'q2', { at: at(3) }),
    analysed('LiFePO4', 'q2', { at: at(3) }),
    answered('q2', { usage: { promptTokens: 100, completionTokens: 50, totalTokens: 150 }, at: at(3) }),
    asked('q3', 'dock it', 4),
    failed('q3'),
    asked('q4', 'and now?', 5),
    invoked('inv-x', null, { tool: 'visualization', at: at(6) }),
    recordedDiscovery('d1', { at: at(7) }),
    recordedDiscovery('d2', { at: at(7) }),
    event('DiscoveryRejected', { discoveryId: 'd2', at: at(7) }),
    event('CheckpointSaved', { name: 'cp', revision: 20, savedBy: OWNER, at: at(8) }),
  ];

  it('counts queries, answers, failures, materials, discoveries, tool usage and checkpoints', () => {
    expect(sessionStatistics(foldSession(history()), at(30))).toEqual({
      durationMinutes: 30,
      queryCount: 4,
      answeredCount: 2,
      failedCount: 1,
      pendingCount: 1,
      materialCount: 1,
      discoveryCount: 1,
      toolUsage: { composition: 2, known_materials: 1, visualization: 1 },
      checkpointCount: 1,
      tokens: { promptTokens: 100, completionTokens: 50, totalTokens: 150 },
    });
  });

  it('runs to now while active, and to the last activity otherwise', () => {
    expect(sessionStatistics(foldSession(history()), new Date(Date.parse(at(90)) + 30_000).toISOString()).durationMinutes).toBe(90.5);
    expect(sessionStatistics(foldSession([...history(), { ...paused(), data: { at: at(12) } }]), at(500)).durationMinutes).toBe(12);
  });

  it('never runs backwards, and needs a real time for now', () => {
    expect(sessionStatistics(foldSession([created(), started()]), '2020-01-01T00:00:00Z').durationMinutes).toBe(0);
    expect(() => sessionStatistics(foldSession([created()]), 'now')).toThrow(ValidationError);
  });

  it('is all zeros for a new session', () => {
    expect(sessionStatistics(foldSession([created()]), at(0))).toMatchObject({ queryCount: 0, materialCount: 0, discoveryCount: 0, toolUsage: {}, durationMinutes: 0 });
  });
});

describe('offline session summary', () => {
  const state = () => foldSession([
    created(), started(),
    ...oneTurn('q1', 'LiFePO4', 1),
    ...oneTurn('q2', 'LiCoO2', 2),
    ...oneTurn('q3', 'LiFePO4', 3),
    ...oneTurn('q4', 'LiMn2O4', 4),
    detected('d1', 'q1', { description: 'Olivine helps Li+ mobility', confidence: 0.8 }),
    recordedDiscovery('d2', { description: 'Mn raises the voltage', materials: [], confidence: 0.95 }),
    recordedDiscovery('d3', { description: 'Co is costly', materials: ['LiCoO2'], confidence: 0.6 }),
    recordedDiscovery('d4', { description: 'Rejected idea', confidence: 0.99 }),
    event('DiscoveryValidated', { discoveryId: 'd3' }),
    event('DiscoveryRejected', { discoveryId: 'd4' }),
    event('HypothesisAdded', { hypothesisId: 'h1', statement: 'Nb doping raises conductivity' }),
    event('TaskAdded', { taskId: 't1', title: 'Measure EIS on LiFePO4' }),
    event('TaskAdded', { taskId: 't2', title: 'Done already' }),
    event('TaskCompleted', { taskId: 't2' }),
  ]);

  it('puts validated findings first, then the rest by confidence, and leaves rejected ones out', () => {
    expect(offlineSummary(state()).keyFindings).toEqual([
      'Co is costly (LiCoO2)',
      'Mn raises the voltage',
      'Olivine helps Li+ mobility (LiFePO4)',
    ]);
  });

  it('names the materials mentioned most, the more recent first on a tie', () => {
    expect(offlineSummary(state()).materialsOfInterest).toEqual(['LiFePO4', 'LiMn2O4', 'LiCoO2']);
  });

  it('suggests open tasks, hypotheses to test and confident discoveries to review', () => {
    expect(offlineSummary(state()).nextSteps).toEqual([
      'Measure EIS on LiFePO4',
      'Test the hypothesis: Nb doping raises conductivity',
      'Review the detected discovery d1: Olivine helps Li+ mobility',
      'Review the recorded discovery d2: Mn raises the voltage',
    ]);
  });

  it('is empty for a session with nothing in it', () => {
    expect(offlineSummary(foldSession([created()]))).toEqual({ keyFindings: [], materialsOfInterest: [], nextSteps: [] });
  });
});
