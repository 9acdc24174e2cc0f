// A merge (ours / theirs throw one side's changes away) and a discard may say why: the reason is
// recorded in the event; events without one stay as they were.
import { ValidationError } from '../../errors.js';
import { BRANCH_ID, forkSession, givenBranch, mergeCommand, playOn } from '../../testing/branch.fixtures.js';
import { command, created, event, given, started } from '../../testing/session.fixtures.js';

const session = () => [created(), started(), event('FocusSet', { focus: 'olivines' })];

describe('reasons on merges and discards', () => {
  it('records the reason of a merge that takes one side', () => {
    const { parent, branch, base } = forkSession(session());
    const worked = playOn(base, [command('SetFocus', { focus: 'spinels' })], branch);
    const merge = mergeCommand(parent, worked, base, 'theirs');
    given(parent).when({ ...merge, data: { ...merge.data, reason: 'the branch is the better line' } }).thenState((_s, events) => {
      expect(events[0]).toMatchObject({ type: 'BranchMerged', data: { strategy: 'theirs', reason: 'the branch is the better line' } });
    });
    given(parent).when(merge).thenState((_s, events) => expect(events[0]!.data).not.toHaveProperty('reason'));
    given(parent).when({ ...merge, data: { ...merge.data, reason: '' } }).thenThrows(ValidationError, (e) => expect(e.field).toBe('reason'));
  });

  it('records the reason of a discard on the branch and on its parent', () => {
    const { parent, branch, base } = forkSession(session());
    givenBranch(base)(branch).when(command('DiscardBranch', { branchId: BRANCH_ID, reason: 'dead end' })).thenState((_s, events) => {
      expect(events).toEqual([event('BranchDiscarded', { branchId: BRANCH_ID, reason: 'dead end' })]);
    });
    given(parent).when(command('DiscardBranch', { branchId: BRANCH_ID, reason: 'dead end' })).then([event('BranchDiscarded', { branchId: BRANCH_ID, reason: 'dead end' })]);
    given(parent).when(command('DiscardBranch', { branchId: BRANCH_ID, reason: 'x'.repeat(501) })).thenThrows(ValidationError, (e) => expect(e.field).toBe('reason'));
  });
});
