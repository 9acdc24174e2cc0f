// Time travel, diff and export on branches: a branch's stream folds on its base like a session's
// on the empty state, so the same functions work given that base.
import { ValidationError } from '../../errors.js';
import { forkSession, mergeCommand, playOn } from '../../testing/branch.fixtures.js';
import { at, command, createCommand, play, recorded } from '../../testing/session.fixtures.js';
import { foldSession } from '../core/decider.js';
import { eventsFromBackup, exportSession } from '../export/index.js';
import { branchStream, isBranchStream, parseBranchStream, parseSessionStream } from '../core/stream.js';
import { branchDivergence, changedParts, diffSessions, stateAtInstant, stateAtRevision } from '../time-travel/index.js';

const session = () =>
  play([
    createCommand(),
    command('StartSession', { at: at(1) }),
    command('AddTask', { taskId: 't1', title: 'Compare ionic conductivity', at: at(2) }),
  ]);

function diverged() {
  const { parent, branch, base } = forkSession(session(), { minute: 3 });
  const parentNow = play([command('SetFocus', { focus: 'olivines', at: at(10) })], parent);
  const branchNow = playOn(base, [
    command('AddHypothesis', { hypothesisId: 'h1', statement: 'a spinel works', at: at(11) }),
    command('CompleteTask', { taskId: 't1', at: at(12) }),
  ], branch);
  return { parent: parentNow, branch: branchNow, base };
}

describe('branches: time travel, diff and export', () => {
  it('travels through a branch\'s revisions and instants from its base', () => {
    const { branch, base } = diverged();
    expect(stateAtRevision(branch, 0, base).workspace).toEqual(base.workspace);
    expect(stateAtRevision(branch, 1, base).workspace.hypotheses.map((h) => h.id)).toEqual(['h1']);
    expect(stateAtRevision(branch, -1, base)).toBe(base);
    expect(stateAtInstant(branch, at(11), base)).toMatchObject({ revision: 1, state: { branch: { status: 'open' } } });
    expect(() => stateAtRevision(branch, 3, base)).toThrow(/beyond the head of the session \(revision 2\)/);
  });

  it('shows where a branch and its parent diverge: each side\'s changes since the fork', () => {
    const { parent, branch, base } = diverged();
    const divergence = branchDivergence(base.workspace, foldSession(parent).workspace, foldSession(branch, base).workspace);
    expect(divergence.parent.focus.changed).toEqual([{ key: 'focus', from: null, to: 'olivines' }]);
    expect(divergence.parent.hypotheses.added).toEqual([]);
    expect(divergence.branch.hypotheses.added.map((e) => e.key)).toEqual(['h1']);
    expect(divergence.branch.tasks.changed.map((c) => c.key)).toEqual(['t1']);
    expect(divergence.branch.focus.changed).toEqual([]);
  });

  it('diffs a branch against its parent like two states of a session', () => {
    const { parent, branch, base } = diverged();
    const diff = diffSessions(foldSession(parent), foldSession(branch, base));
    expect(changedParts(diff)).toEqual(['governance.branches', 'workspace.focus', 'workspace.hypotheses', 'workspace.tasks']);
  });

  it('after a merge with theirs, the parent lacks nothing of the branch: what differs is the parent\'s own', () => {
    const { parent, branch, base } = diverged();
    const merged = foldSession(play([mergeCommand(parent, branch, base, 'theirs')], parent));
    const diff = diffSessions(foldSession(branch, base), merged);
    const workspace = changedParts(diff).filter((p) => p.startsWith('workspace.'));
    expect(workspace).toEqual(['workspace.focus']);
  });

  it('exports a branch, saying it is one; its export is no backup', () => {
    const { branch, base } = diverged();
    const state = foldSession(branch, base);
    const doc = JSON.parse(JSON.stringify(exportSession(state, recorded(branch), { includeEvents: true, exportedAt: at(59) })));
    expect(doc.branch).toMatchObject({ branchId: 'br-1', parentStream: 'session-sess-1', forkRevision: 2 });
    expect(doc.session).toMatchObject({ id: 'sess-1', revision: '2', seededFrom: null });
    expect(doc.workspace.hypotheses).toHaveLength(1);
    expect(() => eventsFromBackup(doc, { newSessionId: 'copy', importerId: 'u', at: at(60), branchIdFor: (id) => `copy-${id}` })).toThrow(ValidationError);
  });

  it('imports a session that merged a branch to the same workspace: the merge carries what it brought', () => {
    const { parent, branch, base } = diverged();
    const events = play([mergeCommand(parent, branch, base, 'merge')], parent);
    const doc = JSON.parse(JSON.stringify(exportSession(foldSession(events), recorded(events), { includeEvents: true, exportedAt: at(99) })));
    const imported = foldSession(eventsFromBackup(doc, { newSessionId: 'copy', importerId: 'u', at: at(100), branchIdFor: (id) => `copy-${id}` }).map((e) => e.event));
    const original = foldSession(events);
    expect(imported.workspace).toEqual(original.workspace);
    // The refs name the copy's own ids, and say their streams stayed with the original.
    expect(imported.governance.branches).toEqual(original.governance.branches.map((b) => ({ ...b, branchId: `copy-${b.branchId}`, imported: true })));
  });

  it('names branch streams from one helper', () => {
    expect(branchStream('abc')).toBe('branch-abc');
    expect(parseBranchStream('branch-abc')).toBe('abc');
    expect(parseBranchStream('session-abc')).toBeNull();
    expect(parseBranchStream('branch-')).toBeNull();
    expect(parseSessionStream('branch-abc')).toBeNull();
    expect(isBranchStream('snapshot-branch-abc')).toBe(false);
  });
});
