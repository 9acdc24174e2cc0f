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
import { answerCommand, answered, asked, invocation, recordedDiscovery } from '../../testing/agent.fixtures.js';
import type { SessionCommand, SessionCommandType } from '../core/commands.js';
import type { SessionEvent } from '../core/events.js';
import { emptyWorkspace, type SessionStatus } from '../core/state.js';

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

  // Every status × every command. The matrix is written out here, not read from the code.
  describe('what each status allows', () => {
    const setup: SessionEvent[] = [
      event('ContextItemAdded', { key: 'k', value: 'v', kind: 'custom' }),
      event('TaskAdded', { taskId: 't1', title: 'measure' }),
      event('CheckpointSaved', { name: 'cp', revision: 2, savedBy: OWNER }),
      asked('q0'),
      answered('q0'),
      asked('q-open'),
      recordedDiscovery('d1'),
      recordedDiscovery('d2'),
      event('TaskAdded', { taskId: 't-done', title: 'done already' }),
      event('TaskCompleted', { taskId: 't-done' }),
      event('BranchCreated', { branchId: 'b0', name: 'explore', forkRevision: 1, createdBy: OWNER }),
    ];
    const historyFor = (status: SessionStatus): SessionEvent[] => {
      const [first, ...rest] = HISTORY_FOR_STATUS[status]();
      return [first!, ...setup, ...rest];
    };
    // ForkBranch starts a branch stream, and is specified with branches (branches/branches.spec.ts).
    const samples: Record<Exclude<SessionCommandType, 'CreateSession' | 'ForkBranch'>, SessionCommand> = {
      StartSession: command('StartSession'),
      PauseSession: command('PauseSession'),
      ResumeSession: command('ResumeSession'),
      ArchiveSession: command('ArchiveSession'),
      RenameSession: command('RenameSession', { name: 'renamed' }),
      UpdateSessionMetadata: command('UpdateSessionMetadata', { set: { phase: 'synthesis' } }),
      SaveCheckpoint: command('SaveCheckpoint', { name: 'cp2' }),
      RestoreCheckpoint: command('RestoreCheckpoint', { name: 'cp' }),
      RecoverFromCheckpoint: command('RecoverFromCheckpoint'),
      ConfigureContext: command('ConfigureContext', { maxHistory: 20 }),
      AddContextItem: command('AddContextItem', { key: 'important_finding', value: 'stable' }),
      RemoveContextItem: command('RemoveContextItem', { key: 'k' }),
      ClearContext: command('ClearContext', { kind: 'custom' }),
      SetFocus: command('SetFocus', { focus: 'LiFePO4' }),
      AddHypothesis: command('AddHypothesis', { hypothesisId: 'h1', statement: 'olivine helps' }),
      AddTask: command('AddTask', { taskId: 't2', title: 'compare' }),
      CompleteTask: command('CompleteTask', { taskId: 't1' }),
      AskQuery: command('AskQuery', { queryId: 'q9', text: 'Analyse LiFePO4' }),
      RecordAnswer: answerCommand('q-open'),
      FailQuery: command('FailQuery', { queryId: 'q-open', reason: 'model timed out', retryable: true }),
      RecordToolInvocation: command('RecordToolInvocation', invocation('inv-9')),
      ConfigureDiscoveries: command('ConfigureDiscoveries', { minConfidence: 0.9 }),
      RecordDiscovery: command('RecordDiscovery', { discoveryId: 'd9', category: 'stability_insight', description: 'stable', materials: [], evidence: null, confidence: 0.8 }),
      LinkDiscoveries: command('LinkDiscoveries', { linkId: 'l1', discoveryIds: ['d1', 'd2'], relationship: 'supports' }),
      ValidateDiscovery: command('ValidateDiscovery', { discoveryId: 'd1' }),
      RejectDiscovery: command('RejectDiscovery', { discoveryId: 'd1' }),
      TagDiscovery: command('TagDiscovery', { discoveryId: 'd1', tags: ['cathode'] }),
      SummariseHistory: command('SummariseHistory', { summaryId: 's1', throughQueryId: 'q0', text: 'LiFePO4 analysed', method: 'extractive' }),
      RecordSummary: command('RecordSummary', { summaryId: 'r1', keyFindings: ['olivine'], materialsOfInterest: ['LiFePO4'], nextSteps: [], model: 'offline' }),
      CreateBranch: command('CreateBranch', { branchId: 'b1', name: 'explore_spinel', fromRevision: 0 }),
      MergeBranch: command('MergeBranch', {
        branchId: 'b0', strategy: 'merge', branchRevision: 3, baseRevision: null, base: emptyWorkspace(), theirs: { ...emptyWorkspace(), focus: 'spinels' },
      }),
      DiscardBranch: command('DiscardBranch', { branchId: 'b0' }),
      CleanupOldContext: command('CleanupOldContext', { before: at(60) }),
      ArchiveCompletedTasks: command('ArchiveCompletedTasks'),
    };
    const working = ['created', 'active'];
    const allowed: Record<keyof typeof samples, string[]> = {
      StartSession: ['created'],
      PauseSession: ['active'],
      ResumeSession: ['paused', 'archived'],
      ArchiveSession: ['paused'],
      RenameSession: ['created', 'active', 'paused'],
      UpdateSessionMetadata: ['created', 'active', 'paused'],
      SaveCheckpoint: ['created', 'active', 'paused'],
      RestoreCheckpoint: working,
      RecoverFromCheckpoint: working,
      ConfigureContext: working,
      AddContextItem: working,
      RemoveContextItem: working,
      ClearContext: working,
      SetFocus: working,
      AddHypothesis: working,
      AddTask: working,
      CompleteTask: working,
      AskQuery: working,
      // An answer in flight when the session was paused is still recorded.
      RecordAnswer: ['active', 'paused'],
      FailQuery: ['active', 'paused'],
      RecordToolInvocation: working,
      ConfigureDiscoveries: working,
      RecordDiscovery: working,
      LinkDiscoveries: working,
      ValidateDiscovery: working,
      RejectDiscovery: working,
      TagDiscovery: working,
      SummariseHistory: working,
      RecordSummary: working,
      CreateBranch: ['created', 'active', 'paused'],
      MergeBranch: working,
      DiscardBranch: ['created', 'active', 'paused'],
      CleanupOldContext: working,
      ArchiveCompletedTasks: working,
    };
    const wayOut = (type: string, status: SessionStatus): string =>
      ({
        created: 'start it first',
        paused: type === 'PauseSession' ? 'it is already paused' : 'resume it first',
        archived: type === 'ArchiveSession' ? 'it is already archived' : 'resume it first',
        active: { StartSession: 'it has already started', ResumeSession: 'it is already active' }[type] ?? 'pause it first',
      })[status];

    const cases = (['created', 'active', 'paused', 'archived'] as const).flatMap((status) =>
      (Object.keys(samples) as Array<keyof typeof samples>).map((type) => [status, type] as const),
    );

    it.each(cases)('%s session, %s', (status, type) => {
      const when = given(historyFor(status)).when(samples[type]);
      if (allowed[type].includes(status)) {
        when.thenState((_state, events) => expect(events.length).toBeGreaterThan(0));
      } else {
        const error = when.thenThrows(IllegalTransition);
        expect(error.message).toContain(`session is ${status}: ${wayOut(type, status)}`);
        expect(error).toMatchObject({ status, code: 'illegal_transition', recoverable: true });
      }
    });

    it('says "session is paused: resume it first" for work on a paused session', () => {
      given(HISTORY_FOR_STATUS.paused()).when(samples.AddTask).thenThrows(IllegalTransition, 'cannot add a task: session is paused: resume it first');
    });

    it('lets an archived session do nothing but resume', () => {
      const refused = (Object.keys(samples) as Array<keyof typeof samples>).filter((t) => t !== 'ResumeSession');
      for (const type of refused) given(historyFor('archived')).when(samples[type]).thenThrows(IllegalTransition, /session is archived/);
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
