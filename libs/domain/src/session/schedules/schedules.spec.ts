import { ValidationError } from '../../errors.js';
import { recordedDiscovery } from '../../testing/agent.fixtures.js';
import { forkSession, givenBranch } from '../../testing/branch.fixtures.js';
import { at, command, createCommand, created, event, given, OWNER, paused, started } from '../../testing/session.fixtures.js';
import { itFollowsTheStatusTable } from '../../testing/status-table.js';
import type { SessionCommand } from '../core/commands.js';
import type { ScheduleCommand } from './commands.js';
import { autosaveDiscoveryName, autosavePauseName, autosaveSlotName, researchCheckpointName } from './periods.js';

const research = (config: Record<string, unknown> = { durationDays: 30, checkpointFrequency: 'daily' }) => [created({ sessionType: 'research', config: config as never }), started()];
const autosave = { enabled: true, frequencyMinutes: 5, onDiscovery: true, onPause: true };

describe('scheduled saving', () => {
  describe('research sessions', () => {
    it('checks durationDays and checkpointFrequency at creation, naming the field', () => {
      given([]).when(createCommand({ sessionType: 'research', config: { durationDays: 0 } })).thenThrows(ValidationError, (e) => expect(e.field).toBe('config.durationDays'));
      given([]).when(createCommand({ sessionType: 'research', config: { checkpointFrequency: 'monthly' } })).thenThrows(ValidationError, (e) => expect(e.field).toBe('config.checkpointFrequency'));
      given([]).when(createCommand({ sessionType: 'research', config: { durationDays: 30, checkpointFrequency: 'hourly' } })).thenState((state) => expect(state.governance.type).toBe('research'));
    });

    it('names a checkpoint by its period, in UTC', () => {
      expect(researchCheckpointName('2026-12-05T14:37:00Z', 'hourly')).toBe('auto-2026-12-05T14');
      expect(researchCheckpointName('2026-12-05T23:59:59Z', 'daily')).toBe('auto-2026-12-05');
      expect(researchCheckpointName('2026-12-05T10:00:00Z', 'weekly')).toBe('auto-2026-W49');
      expect(researchCheckpointName('2027-01-01T10:00:00Z', 'weekly')).toBe('auto-2026-W53');
      expect(autosaveSlotName('2026-12-05T14:07:30Z', 5)).toBe('autosave-2026-12-05T14-05');
    });

    it('saves a period once, and only when the session changed since the latest checkpoint', () => {
      const history = [...research(), event('ContextItemAdded', { key: 'k', value: 'v', kind: 'custom' })];
      given(history).when(command('SaveScheduledCheckpoint', { name: 'auto-2026-01-15' })).then([
        event('CheckpointSaved', { name: 'auto-2026-01-15', revision: 2, savedBy: OWNER }),
      ]);
      const saved = [...history, event('CheckpointSaved', { name: 'auto-2026-01-15', revision: 2, savedBy: OWNER })];
      // The same period again (a restart, another replica), or a new period with nothing new: nothing.
      given(saved).when(command('SaveScheduledCheckpoint', { name: 'auto-2026-01-15' })).then([]);
      given(saved).when(command('SaveScheduledCheckpoint', { name: 'auto-2026-01-16' })).then([]);
      given([...saved, event('ContextItemAdded', { key: 'k2', value: 'v', kind: 'custom' })]).when(command('SaveScheduledCheckpoint', { name: 'auto-2026-01-16' })).then([
        event('CheckpointSaved', { name: 'auto-2026-01-16', revision: 4, savedBy: OWNER }),
      ]);
      given(history).when(command('SaveScheduledCheckpoint', { name: 'mine' })).thenThrows(ValidationError, (e) => expect(e.field).toBe('name'));
    });

    it('ends once the duration is over, with the summary it produced; not before, and once', () => {
      const history = research({ durationDays: 2 });
      const endsAt = new Date(Date.parse(at()) + 2 * 86_400_000).toISOString();
      given(history).when(command('EndResearch', { summaryId: 's1', at: at(60) })).thenThrows(ValidationError, (e) => expect(e.field).toBe('at'));
      given(history).when(command('EndResearch', { summaryId: 's1', at: endsAt })).thenState((state, events) => {
        expect(events).toEqual([event('ResearchEnded', { endsAt, summaryId: 's1', at: endsAt })]);
        expect(state.governance.researchEnd).toEqual({ endedAt: endsAt, endsAt, summaryId: 's1' });
        expect(state.governance.status).toBe('active');
      });
      given([...history, event('ResearchEnded', { endsAt, summaryId: 's1' })]).when(command('EndResearch', { summaryId: 's2', at: endsAt })).then([]);
      given([created(), started()]).when(command('EndResearch', { summaryId: 's1' })).thenThrows(ValidationError, (e) => expect(e.field).toBe('type'));
    });
  });

  describe('autosave', () => {
    it('records the settings; the same settings again append nothing', () => {
      given([created(), started()]).when(command('ConfigureAutosave', autosave)).thenState((state, events) => {
        expect(events).toEqual([event('AutosaveConfigured', autosave)]);
        expect(state.governance.autosave).toEqual({ ...autosave, configuredAt: at() });
      });
      given([created(), started(), event('AutosaveConfigured', autosave)]).when(command('ConfigureAutosave', autosave)).then([]);
      given([created()]).when(command('ConfigureAutosave', { ...autosave, frequencyMinutes: 0 })).thenThrows(ValidationError, (e) => expect(e.field).toBe('frequencyMinutes'));
    });

    it('saves after a discovery and on pause under names of their own, also on a paused session', () => {
      const history = [created(), started(), event('AutosaveConfigured', autosave), recordedDiscovery('d1')];
      given(history).when(command('SaveScheduledCheckpoint', { name: autosaveDiscoveryName('d1') })).then([
        event('CheckpointSaved', { name: 'autosave-discovery-d1', revision: 3, savedBy: OWNER }),
      ]);
      given([...history, paused()]).when(command('SaveScheduledCheckpoint', { name: autosavePauseName(4) })).then([
        event('CheckpointSaved', { name: 'autosave-pause-r4', revision: 4, savedBy: OWNER }),
      ]);
    });

    it('is the session\'s own: a branch refuses it', () => {
      const { branch, base } = forkSession([created(), started()]);
      givenBranch(base)(branch).when(command('ConfigureAutosave', autosave)).thenThrows(Error);
    });
  });

  describe('what each status allows', () => {
    const all = ['created', 'active', 'paused'];
    const samples: Record<Exclude<ScheduleCommand['type'], 'EndResearch'>, SessionCommand> = {
      ConfigureAutosave: command('ConfigureAutosave', autosave),
      SaveScheduledCheckpoint: command('SaveScheduledCheckpoint', { name: 'autosave-x' }),
    };
    itFollowsTheStatusTable(samples, { ConfigureAutosave: all, SaveScheduledCheckpoint: all });
  });
});

describe('what the schedules ask for at an instant', () => {
  const hour = (h: number, m = 0) => new Date(Date.UTC(2026, 0, 15, h, m)).toISOString();
  const changed = (minute: number) => event('ContextItemAdded', { key: `k${minute}`, value: 'v', kind: 'custom', at: at(minute) });

  it('a research period when the session changed since the latest checkpoint; nothing twice; the end once the duration is over', async () => {
    const { dueSchedules } = await import('./periods.js');
    const { foldSession } = await import('../core/decider.js');
    const history = [...research({ durationDays: 1, checkpointFrequency: 'hourly' }), changed(5)];
    expect(dueSchedules(foldSession(history), hour(9, 30))).toEqual({ checkpoint: 'auto-2026-01-15T09', endResearch: false });
    const saved = [...history, event('CheckpointSaved', { name: 'auto-2026-01-15T09', revision: 2, savedBy: OWNER })];
    expect(dueSchedules(foldSession(saved), hour(10, 30))).toEqual({ checkpoint: null, endResearch: false });
    expect(dueSchedules(foldSession([...saved, changed(70)]), hour(10, 30)).checkpoint).toBe('auto-2026-01-15T10');
    expect(dueSchedules(foldSession([...saved, changed(70)]), '2026-01-16T09:00:00.000Z')).toEqual({ checkpoint: null, endResearch: true });
  });

  it('autosave: on pause, after a discovery, then every N minutes when changed', async () => {
    const { dueSchedules } = await import('./periods.js');
    const { foldSession } = await import('../core/decider.js');
    const on = event('AutosaveConfigured', { ...autosave, at: at(1) });
    const base = [created(), started(), on, changed(2)];
    expect(dueSchedules(foldSession(base), hour(9, 7)).checkpoint).toBe('autosave-2026-01-15T09-05');
    expect(dueSchedules(foldSession([...base, { ...recordedDiscovery('d7'), data: { ...recordedDiscovery('d7').data, at: at(3) } }]), hour(9, 7)).checkpoint).toBe('autosave-discovery-d7');
    expect(dueSchedules(foldSession([...base, paused()]), hour(9, 7)).checkpoint).toBe('autosave-pause-r4');
    const off = [created(), started(), event('AutosaveConfigured', { ...autosave, enabled: false, at: at(1) }), changed(2)];
    expect(dueSchedules(foldSession(off), hour(9, 7)).checkpoint).toBeNull();
  });
});
