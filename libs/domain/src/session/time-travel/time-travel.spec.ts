import { ValidationError } from '../../errors.js';
import { at, command, createCommand, OWNER, play } from '../../testing/session.fixtures.js';
import { answerCommand, material, proposal } from '../../testing/agent.fixtures.js';
import { foldSession } from '../core/decider.js';
import { changedParts, diffSessions, isPartUnchanged, isWorkspaceUnchanged, stateAtInstant, stateAtRevision } from './time-travel.js';

const history = () =>
  play([
    createCommand(), // 0 at minute 0
    command('StartSession', { at: at(1) }), // 1
    command('AddContextItem', { key: 'a', value: 'first', at: at(2) }), // 2
    command('AddTask', { taskId: 't1', title: 'measure', at: at(3) }), // 3
    command('SaveCheckpoint', { name: 'cp', at: at(4) }), // 4
    command('AddContextItem', { key: 'a', value: 'second', at: at(5) }), // 5
    command('AddContextItem', { key: 'b', value: 'new', at: at(6) }), // 6
    command('CompleteTask', { taskId: 't1', at: at(7) }), // 7
    command('AddHypothesis', { hypothesisId: 'h1', statement: 'olivine', at: at(8) }), // 8
    command('SetFocus', { focus: 'LiFePO4', at: at(9) }), // 9
    command('UpdateSessionMetadata', { set: { lab: 'B2', phase: 'synthesis' }, remove: ['project'], at: at(10) }), // 10
    command('PauseSession', { at: at(11) }), // 11
    command('RenameSession', { name: 'renamed', at: at(12) }), // 12
  ]);

describe('session time travel', () => {
  describe('state at a revision', () => {
    it('is the fold of the events up to and including that revision', () => {
      const events = history();
      expect(stateAtRevision(events, 3).workspace.tasks).toEqual([expect.objectContaining({ id: 't1', status: 'pending' })]);
      expect(stateAtRevision(events, 3).eventCount).toBe(4);
      expect(stateAtRevision(events, 7n).workspace.tasks.values()[0]!.status).toBe('completed');
      expect(stateAtRevision(events, events.length - 1)).toEqual(foldSession(events));
    });

    it('is the empty state at revision -1', () => {
      expect(stateAtRevision(history(), -1).exists).toBe(false);
    });

    it('refuses a revision past the head, or not a revision at all', () => {
      expect(() => stateAtRevision(history(), 13)).toThrow(/beyond the head of the session \(revision 12\)/);
      expect(() => stateAtRevision(history(), 1.5)).toThrow(ValidationError);
      expect(() => stateAtRevision(history(), -2)).toThrow(ValidationError);
    });
  });

  describe('state at an instant', () => {
    it('folds every event that had happened by then', () => {
      const { state, revision } = stateAtInstant(history(), at(6));
      expect(revision).toBe(6);
      expect(state.workspace.contextItems.map((i) => i.key)).toEqual(['a', 'b']);
    });

    it('includes an event at exactly the instant, and works with any zone', () => {
      expect(stateAtInstant(history(), '2026-01-15T10:03:00+01:00').revision).toBe(3);
    });

    it('is the empty state before the session was created, and the head after the last event', () => {
      expect(stateAtInstant(history(), '2025-12-31T00:00:00Z')).toMatchObject({ revision: -1, state: { exists: false } });
      expect(stateAtInstant(history(), '2030-01-01T00:00:00Z').revision).toBe(12);
    });

    it('refuses an instant that is not an ISO time', () => {
      expect(() => stateAtInstant(history(), 'yesterday')).toThrow(ValidationError);
    });
  });

  describe('semantic diff', () => {
    it('says what was added, removed and changed in each part', () => {
      const events = history();
      const diff = diffSessions(stateAtRevision(events, 4), stateAtRevision(events, 12));
      expect(diff.workspace.contextItems).toEqual({
        added: [{ key: 'b', value: expect.objectContaining({ value: 'new' }) }],
        removed: [],
        changed: [{ key: 'a', from: expect.objectContaining({ value: 'first' }), to: expect.objectContaining({ value: 'second' }) }],
      });
      expect(diff.workspace.tasks.changed).toEqual([{ key: 't1', from: expect.objectContaining({ status: 'pending' }), to: expect.objectContaining({ status: 'completed' }) }]);
      expect(diff.workspace.hypotheses.added.map((e) => e.key)).toEqual(['h1']);
      expect(diff.workspace.focus.changed).toEqual([{ key: 'focus', from: null, to: 'LiFePO4' }]);
      expect(diff.governance.status.changed).toEqual([{ key: 'status', from: 'active', to: 'paused' }]);
      expect(diff.governance.name.changed).toEqual([{ key: 'name', from: 'battery_materials_project', to: 'renamed' }]);
      expect(diff.governance.metadata).toEqual({
        added: [{ key: 'lab', value: 'B2' }],
        removed: [{ key: 'project', value: 'cathode_materials_discovery' }],
        changed: [{ key: 'phase', from: 'structure_optimization', to: 'synthesis' }],
      });
      expect(diff.governance.checkpoints.added).toEqual([]);
    });

    it('lists the checkpoints saved between two revisions', () => {
      const events = history();
      const diff = diffSessions(stateAtRevision(events, 3), stateAtRevision(events, 4));
      expect(diff.governance.checkpoints.added).toEqual([{ key: 'cp', value: { name: 'cp', revision: 3, savedAt: at(4), savedBy: OWNER } }]);
      expect(changedParts(diff)).toEqual(['governance.checkpoints']);
      expect(isWorkspaceUnchanged(diff)).toBe(true);
    });

    it('is empty between a state and itself, and reversed when the states are swapped', () => {
      const events = history();
      const head = foldSession(events);
      expect(changedParts(diffSessions(head, head))).toEqual([]);
      const forward = diffSessions(stateAtRevision(events, 5), stateAtRevision(events, 6));
      const backward = diffSessions(stateAtRevision(events, 6), stateAtRevision(events, 5));
      expect(forward.workspace.contextItems.added.map((e) => e.key)).toEqual(['b']);
      expect(backward.workspace.contextItems.removed.map((e) => e.key)).toEqual(['b']);
      expect(isPartUnchanged(forward.workspace.tasks)).toBe(true);
    });

    it('diffs the agent\'s parts by identity: turns by query, materials by formula, discoveries by id', () => {
      const events = play([
        command('AskQuery', { queryId: 'q1', text: 'Analyse LiFePO4', at: at(20) }),
        answerCommand('q1', { materials: [material('LiFePO4')], discoveries: [proposal('d1')], toolStates: { composition: 1 }, at: at(21) }),
        command('AskQuery', { queryId: 'q2', text: 'And its conductivity?', at: at(22) }),
        answerCommand('q2', { materials: [material('LiFePO4', { properties: { sigma: 1e-9 } })], at: at(23) }),
        command('ValidateDiscovery', { discoveryId: 'd1', at: at(24) }),
        command('ConfigureDiscoveries', { minConfidence: 0.9, at: at(25) }),
      ], play([command('ResumeSession', { at: at(13) })], history()));
      const afterFirst = stateAtRevision(events, 18);
      expect(afterFirst.workspace.conversation.map((t) => t.status)).toEqual(['answered']);
      const diff = diffSessions(afterFirst, foldSession(events));
      expect(diff.workspace.conversation.added.map((e) => e.key)).toEqual(['q2']);
      expect(diff.workspace.materials.changed).toEqual([{ key: 'LiFePO4', from: expect.objectContaining({ mentions: 1 }), to: expect.objectContaining({ mentions: 2, properties: { structure: 'olivine', sigma: 1e-9 } }) }]);
      expect(diff.workspace.discoveries.changed).toEqual([{ key: 'd1', from: expect.objectContaining({ status: 'detected' }), to: expect.objectContaining({ status: 'validated' }) }]);
      expect(diff.workspace.discoveryConfig.changed).toEqual([{ key: 'minConfidence', from: 0.75, to: 0.9 }]);
      expect(diff.workspace.toolStates).toEqual({ added: [], removed: [], changed: [] });
      expect(changedParts(diff)).toEqual(['workspace.conversation', 'workspace.materials', 'workspace.discoveries', 'workspace.discoveryConfig']);
    });

    it('shows no workspace difference between a restored session and its checkpoint', () => {
      const events = play([command('ResumeSession', { at: at(13) }), command('RestoreCheckpoint', { name: 'cp', at: at(14) })], history());
      const diff = diffSessions(stateAtRevision(events, 3), foldSession(events));
      expect(isWorkspaceUnchanged(diff)).toBe(true);
      // Governance is as it is now: renamed, new metadata, the checkpoint listed; status active again.
      expect(changedParts(diff)).toEqual(['governance.name', 'governance.metadata', 'governance.checkpoints']);
    });
  });
});
