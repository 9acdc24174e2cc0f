// A restore (or recover) may say why: the reason is recorded in its event, and old events without
// one stay valid (and import as they were).
import { ValidationError } from '../../errors.js';
import { at, command, created, event, given, OWNER, recorded, started } from '../../testing/session.fixtures.js';
import { foldSession } from '../core/decider.js';
import type { SessionEvent } from '../core/events.js';
import { eventsFromBackup, exportSession } from '../export/index.js';

const history = (): SessionEvent[] => [
  created(),
  started(),
  event('CheckpointSaved', { name: 'cp', revision: 1, savedBy: OWNER }),
  event('FocusSet', { focus: 'spinels' }),
];

describe('reasons on restores', () => {
  it('records the reason given for a restore and a recover, trimmed', () => {
    given(history()).when(command('RestoreCheckpoint', { name: 'cp', reason: '  wrong focus  ', at: at(5) })).thenState((_s, events) => {
      expect(events[0]).toMatchObject({ type: 'CheckpointRestored', data: { trigger: 'restore', reason: 'wrong focus' } });
    });
    given(history()).when(command('RecoverFromCheckpoint', { reason: 'crash', at: at(5) })).thenState((_s, events) => {
      expect(events[0]).toMatchObject({ type: 'CheckpointRestored', data: { trigger: 'recover', reason: 'crash' } });
    });
  });

  it('records none when none is given, and refuses an empty or overlong one naming the field', () => {
    given(history()).when(command('RestoreCheckpoint', { name: 'cp', at: at(5) })).thenState((_s, events) => expect(events[0]!.data).not.toHaveProperty('reason'));
    given(history()).when(command('RestoreCheckpoint', { name: 'cp', reason: ' ' })).thenThrows(ValidationError, (e) => expect(e.field).toBe('reason'));
    given(history()).when(command('RestoreCheckpoint', { name: 'cp', reason: 'x'.repeat(501) })).thenThrows(ValidationError, (e) => expect(e.field).toBe('reason'));
  });

  it('imports a restore with its reason, and one without', () => {
    for (const reason of ['wrong focus', undefined]) {
      const restore = event('CheckpointRestored', {
        name: 'cp', revision: 1, trigger: 'restore', changes: [{ part: 'workspace.focus', key: '', ord: 0, value: null }],
        counts: { queries: 0, materials: 0, discoveries: 0, contextItems: 0, hypotheses: 0, tasks: 0, openTasks: 0 }, ...(reason ? { reason } : {}), at: at(5),
      });
      const events = [...history(), restore];
      const backup = JSON.parse(JSON.stringify(exportSession(foldSession(events), recorded(events), { includeDiscoveries: true, includeMaterials: true, includeEvents: true, exportedAt: at(9) })));
      const imported = eventsFromBackup(backup, { newSessionId: 'sess-2', importerId: OWNER, branchIdFor: (b) => `n-${b}`, at: at(10) }).map((e) => e.event);
      expect(imported[4]).toEqual(restore);
    }
  });
});
