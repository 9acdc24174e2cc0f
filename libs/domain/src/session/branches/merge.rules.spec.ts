// mergeWorkspaces on its own: three workspaces in, the changes (and the conflicts) out. Each side
// is the same history plus its own events, folded as the session would fold them.
import { ConflictError } from '../../errors.js';
import { analysed, answered, asked, recordedDiscovery } from '../../testing/agent.fixtures.js';
import { at, created, event, started } from '../../testing/session.fixtures.js';
import { foldSession } from '../core/decider.js';
import type { SessionEvent } from '../core/events.js';
import { applyWorkspaceChanges } from './evolve.js';
import { mergeWorkspaces } from './merge.js';
import type { MergeStrategy, Task } from '../core/state.js';
import { Items } from '../core/items.js';

const ORIGIN = { branchId: 'br-1' };
const common = (): SessionEvent[] => [
  created(), started(),
  event('ContextItemAdded', { key: 'target', value: 'olivine', kind: 'custom' }),
  event('TaskAdded', { taskId: 't1', title: 'measure' }),
  recordedDiscovery('d1'),
  asked('q1', 'Analyse LiFePO4', 1), analysed('LiFePO4', 'q1', { at: at(1) }), answered('q1', { at: at(1) }),
  asked('q2', 'Analyse LiCoO2', 2),
  event('ToolStateChanged', { tool: 'visualization', state: { loaded: '1ABC' } }),
];

function merge(ours: SessionEvent[], theirs: SessionEvent[], strategy: MergeStrategy = 'merge') {
  const base = foldSession(common()).workspace;
  const o = foldSession([...common(), ...ours]).workspace;
  const result = mergeWorkspaces(base, o, foldSession([...common(), ...theirs]).workspace, strategy, ORIGIN);
  return { ...result, merged: applyWorkspaceChanges(o, result.changes) };
}

const conflictsOf = (run: () => unknown): string[] => {
  try {
    run();
  } catch (error) {
    if (error instanceof ConflictError) return error.conflicts.map((c) => c.field);
    throw error;
  }
  return [];
};

describe('mergeWorkspaces', () => {
  it('changes nothing when the branch changed nothing, or both made the same change', () => {
    expect(merge([event('FocusSet', { focus: 'x' })], []).changes).toEqual({});
    const same = merge([event('FocusSet', { focus: 'x', at: at(5) })], [event('FocusSet', { focus: 'x', at: at(9) })]);
    expect(same).toMatchObject({ changes: {}, resolutions: [] });
  });

  it('adds up a material both sides analysed: no conflict, the later analysis leads, the origin stays the parent\'s', () => {
    const { changes, merged } = merge(
      [analysed('LiFePO4', 'q1', { properties: { bandGap: 3.4 }, at: at(5) })],
      [analysed('LiFePO4', 'q1', { properties: { structure: 'olivine', density: 3.6 }, source: 'model', at: at(9) })],
    );
    expect(changes.materials).toHaveLength(1);
    expect(merged.materials.values()[0]).toMatchObject({ formula: 'LiFePO4', mentions: 3, source: 'model', lastSeenAt: at(9), firstSeenAt: at(1), properties: { structure: 'olivine', bandGap: 3.4, density: 3.6 } });
    expect(merged.materials.values()[0]).not.toHaveProperty('origin');
  });

  it('answers in place a question the branch answered and the parent left pending', () => {
    const { merged } = merge([], [answered('q2', { at: at(7) })]);
    expect(merged.conversation.map((t) => [t.id, t.status])).toEqual([['q1', 'answered'], ['q2', 'answered']]);
    expect(merged.conversation.values()[1]).not.toHaveProperty('origin');
  });

  it('sees one id asked differently on both sides as a conflict', () => {
    expect(conflictsOf(() => merge([asked('q3', 'mine')], [asked('q3', 'theirs')]))).toEqual(['workspace.conversation.q3']);
  });

  it('unites the tags of a discovery and keeps the review only one side changed', () => {
    const { merged, resolutions } = merge(
      [event('DiscoveryValidated', { discoveryId: 'd1' }), event('DiscoveryTagged', { discoveryId: 'd1', tags: ['cathode'] })],
      [event('DiscoveryTagged', { discoveryId: 'd1', tags: ['olivine', 'cathode'] })],
    );
    expect(resolutions).toEqual([]);
    expect(merged.discoveries.values()[0]).toMatchObject({ status: 'validated', tags: ['cathode', 'olivine'] });
  });

  it('follows a removal by the branch when the parent left the item alone, and calls it a conflict when not', () => {
    const removed = merge([], [event('ContextItemRemoved', { key: 'target' }), event('ToolStateChanged', { tool: 'visualization', state: null })]);
    expect(removed.changes).toMatchObject({ removed: { contextItems: ['target'] }, toolStates: { visualization: null } });
    expect(removed.merged.contextItems).toEqual([]);
    expect(removed.merged.toolStates).toEqual({});
    expect(conflictsOf(() => merge([event('ContextItemAdded', { key: 'target', value: 'spinel', kind: 'custom' })], [event('ContextItemRemoved', { key: 'target' })])))
      .toEqual(['workspace.contextItems.target']);
  });

  it('sees a change inside a value users or tools gave as a change, even to a key named like a time', () => {
    const noted = (updatedAt: string) => event('ContextItemAdded', { key: 'note', value: { text: 'olivine', updatedAt }, kind: 'custom', at: at(5) });
    const base = foldSession([...common(), noted('2026-01-01')]).workspace;
    const theirs = foldSession([...common(), noted('2026-02-01'), event('ToolStateChanged', { tool: 'visualization', state: { loaded: '1ABC', at: 2 } })]).workspace;
    const { changes } = mergeWorkspaces(base, base, theirs, 'merge', ORIGIN);
    expect(changes.contextItems).toEqual([expect.objectContaining({ key: 'note', value: { text: 'olivine', updatedAt: '2026-02-01' } })]);
    expect(changes.toolStates).toEqual({ visualization: { loaded: '1ABC', at: 2 } });
  });

  it('archives a task both completed and one archived, without a conflict', () => {
    const { merged, resolutions } = merge(
      [event('TaskCompleted', { taskId: 't1', at: at(5) })],
      [event('TaskCompleted', { taskId: 't1', at: at(6) }), event('TasksArchived', { taskIds: ['t1'], at: at(7) })],
    );
    expect(resolutions).toEqual([]);
    expect(merged.tasks).toEqual([]);
    expect(merged.archivedTasks).toEqual([expect.objectContaining({ id: 't1', status: 'completed', archivedAt: at(7) })]);
  });

  it('calls a task the parent lost (to a restore) and the branch completed a conflict, and resolves it either way', () => {
    const base = foldSession(common()).workspace;
    const ours = { ...base, tasks: Items.empty<Task>() };
    const theirs = foldSession([...common(), event('TaskCompleted', { taskId: 't1' })]).workspace;
    expect(() => mergeWorkspaces(base, ours, theirs, 'merge', ORIGIN)).toThrow(expect.objectContaining({
      conflicts: [{ field: 'workspace.tasks.t1', local: null, remote: expect.objectContaining({ status: 'completed' }), base: expect.objectContaining({ status: 'pending' }) }],
    }));
    const { changes } = mergeWorkspaces(base, ours, theirs, 'theirs', ORIGIN);
    expect(applyWorkspaceChanges(ours, changes).tasks).toEqual([expect.objectContaining({ id: 't1', status: 'completed' })]);
    expect(mergeWorkspaces(base, ours, theirs, 'ours', ORIGIN).changes).toEqual({});
  });

  it('leaves the branch\'s history summaries in the branch', () => {
    const { changes } = merge([], [answered('q2'), event('HistorySummarised', { summaryId: 's1', throughQueryId: 'q2', text: 'x', method: 'extractive' })]);
    expect(changes).not.toHaveProperty('summaries');
    expect(Object.keys(changes)).toEqual(['conversation']);
  });
});
