import { AlreadyExists, IllegalTransition } from '../../errors.js';
import {
  archived,
  at,
  command,
  createCommand,
  created,
  event,
  given,
  HISTORY_FOR_STATUS,
  OWNER,
  paused,
  SESSION_ID,
  started,
} from '../../testing/session.fixtures.js';
import { itFollowsTheStatusTable } from '../../testing/status-table.js';
import type { SessionCommand } from '../core/commands.js';
import type { GovernanceCommand, LifecycleCommand } from './commands.js';

describe('session lifecycle', () => {
  describe('create', () => {
    it('creates a session owned by the actor, with type, name, metadata and configuration', () => {
      given([]).when(createCommand()).then([created()]);
    });

    it('starts in status created, with an empty workspace', () => {
      given([]).when(createCommand({ sessionType: 'research' })).thenState((state) => {
        expect(state).toMatchObject({ id: SESSION_ID, exists: true, eventCount: 1 });
        expect(state.governance).toMatchObject({ ownerId: OWNER, status: 'created', type: 'research', createdAt: at(), updatedAt: at() });
        expect(state.workspace.contextItems).toEqual([]);
      });
    });

    it('defaults metadata and configuration to empty objects', () => {
      const bare = command('CreateSession', { sessionType: 'batch', name: 'screening' });
      given([]).when(bare).then([event('SessionCreated', { sessionId: SESSION_ID, ownerId: OWNER, sessionType: 'batch', name: 'screening', metadata: {}, config: {} })]);
    });

    it('refuses to create a session that exists', () => {
      given([created()]).when(createCommand()).thenThrows(AlreadyExists, /session sess-1 already exists/);
    });
  });

  describe('transitions of the seed diagram', () => {
    it('created → active on an explicit start', () => {
      given([created()]).when(command('StartSession', { at: at(1) })).then([event('SessionStarted', { at: at(1) })]);
    });

    it('active → paused, with the reason kept', () => {
      given([created(), started()]).when(command('PauseSession', { reason: 'lunch' })).then([event('SessionPaused', { reason: 'lunch' })]);
    });

    it('paused → active on resume (SessionResumed from paused)', () => {
      given([created(), started(), paused()]).when(command('ResumeSession')).then([event('SessionResumed', { from: 'paused' })]);
    });

    it('paused → archived', () => {
      given([created(), started(), paused()]).when(command('ArchiveSession', { reason: 'done' })).then([event('SessionArchived', { reason: 'done' })]);
    });

    it('archived → active on resume (SessionResumed from archived)', () => {
      given(HISTORY_FOR_STATUS.archived()).when(command('ResumeSession')).thenState((state, events) => {
        expect(events).toEqual([event('SessionResumed', { from: 'archived' })]);
        expect(state.governance.status).toBe('active');
      });
    });

    it.each([
      ['StartSession', 'active'],
      ['PauseSession', 'paused'],
      ['ArchiveSession', 'archived'],
    ] as const)('%s leads to status %s', (type, status) => {
      const history = { StartSession: HISTORY_FOR_STATUS.created, PauseSession: HISTORY_FOR_STATUS.active, ArchiveSession: HISTORY_FOR_STATUS.paused }[type]();
      given(history).when(command(type)).thenState((state) => expect(state.governance.status).toBe(status));
    });
  });

  // Every status × every command of this slice (each slice's spec has its own). The matrix is
  // written out here, not read from the code.
  describe('what each status allows', () => {
    const samples: Record<LifecycleCommand['type'] | GovernanceCommand['type'], SessionCommand> = {
      StartSession: command('StartSession'),
      PauseSession: command('PauseSession'),
      ResumeSession: command('ResumeSession'),
      ArchiveSession: command('ArchiveSession'),
      RenameSession: command('RenameSession', { name: 'renamed' }),
      UpdateSessionMetadata: command('UpdateSessionMetadata', { set: { phase: 'synthesis' } }),
    };
    itFollowsTheStatusTable(samples, {
      StartSession: ['created'],
      PauseSession: ['active'],
      ResumeSession: ['paused', 'archived'],
      ArchiveSession: ['paused'],
      RenameSession: ['created', 'active', 'paused'],
      UpdateSessionMetadata: ['created', 'active', 'paused'],
    });

    it('says "session is paused: resume it first" for work on a paused session', () => {
      given(HISTORY_FOR_STATUS.paused())
        .when(command('AddTask', { taskId: 't2', title: 'compare' }))
        .thenThrows(IllegalTransition, 'cannot add a task: session is paused: resume it first');
    });
  });

  it('keeps updatedAt at the time of the last event', () => {
    given([created(), started()]).when(command('PauseSession', { at: at(42) })).thenState((state) => {
      expect(state.governance.createdAt).toBe(at());
      expect(state.governance.updatedAt).toBe(at(42));
    });
  });

  it('archives only what was paused first, then resumes it to work again', () => {
    given([created(), started(), paused(), archived(), event('SessionResumed', { from: 'archived' })])
      .when(command('AddTask', { taskId: 't9', title: 'carry on' }))
      .then([event('TaskAdded', { taskId: 't9', title: 'carry on' })]);
  });
});
