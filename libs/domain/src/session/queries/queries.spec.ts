import { AlreadyExists, IllegalTransition, NotFound, QueryNotPending, ValidationError } from '../../errors.js';
import { answered, asked, invocation, invoked } from '../../testing/agent.fixtures.js';
import { at, command, created, event, given, paused, started } from '../../testing/session.fixtures.js';
import { answerCommand } from '../../testing/agent.fixtures.js';
import { itFollowsTheStatusTable } from '../../testing/status-table.js';
import type { SessionCommand } from '../core/commands.js';
import type { QueryCommand } from './commands.js';

const active = () => [created(), started()];
const open = () => [...active(), asked('q1')];

describe('session queries', () => {
  describe('ask', () => {
    it('records the question on an active session, as a pending turn', () => {
      given(active()).when(command('AskQuery', { queryId: 'q1', text: ' Analyse LiFePO4 ', at: at(1) })).thenState((state, events) => {
        expect(events).toEqual([asked('q1', 'Analyse LiFePO4', 1)]);
        expect(state.workspace.conversation).toEqual([{
          id: 'q1', question: 'Analyse LiFePO4', answer: null, status: 'pending', askedAt: at(1), answeredAt: null, analysis: null,
          model: null, usage: null, latencyMs: null, offline: null, failure: null, toolInvocationIds: [], materials: [],
        }]);
      });
    });

    it('starts a created session: its first question makes it active', () => {
      given([created()]).when(command('AskQuery', { queryId: 'q1', text: 'Analyse LiFePO4', at: at(1) })).thenState((state, events) => {
        expect(events).toEqual([event('SessionStarted', { at: at(1) }), asked('q1', 'Analyse LiFePO4', 1)]);
        expect(state.governance.status).toBe('active');
      });
    });

    it('refuses a paused session, naming the way out', () => {
      given([...active(), paused()])
        .when(command('AskQuery', { queryId: 'q1', text: 'Analyse LiFePO4' }))
        .thenThrows(IllegalTransition, 'cannot ask a query: session is paused: resume it first');
    });

    it('refuses a queryId already used, even once the query is settled', () => {
      given([...open(), answered('q1')]).when(command('AskQuery', { queryId: 'q1', text: 'again' })).thenThrows(AlreadyExists, (e) => {
        expect(e.message).toBe('query q1 already exists');
        expect(e.field).toBe('queryId');
      });
    });

    it.each([
      [{ queryId: 'q 1', text: 'x' }, 'queryId'],
      [{ queryId: 'q1', text: '   ' }, 'text'],
      [{ queryId: 'q1', text: 'x'.repeat(10_001) }, 'text'],
    ])('refuses %p (field %s)', (data, field) => {
      given(active()).when(command('AskQuery', data)).thenThrows(ValidationError, (e) => expect(e.field).toBe(field));
    });

    it('accepts a question of exactly 10000 characters', () => {
      given(active()).when(command('AskQuery', { queryId: 'q1', text: 'x'.repeat(10_000) })).thenState((s) => expect(s.workspace.conversation).toHaveLength(1));
    });
  });

  describe('fail', () => {
    it('marks a pending query failed, keeping the reason and whether to retry', () => {
      given(open()).when(command('FailQuery', { queryId: 'q1', reason: 'model timed out', retryable: true, at: at(3) })).thenState((state, events) => {
        expect(events).toEqual([event('QueryFailed', { queryId: 'q1', reason: 'model timed out', retryable: true, at: at(3) })]);
        expect(state.workspace.conversation.values()[0]).toMatchObject({ status: 'failed', answer: null, failure: { reason: 'model timed out', retryable: true, at: at(3) } });
      });
    });

    it('fails only a pending query', () => {
      given([...open(), answered('q1')]).when(command('FailQuery', { queryId: 'q1', reason: 'late', retryable: false }))
        .thenThrows(QueryNotPending, 'cannot fail query q1: it is already answered; ask it again under a new queryId');
      given(active()).when(command('FailQuery', { queryId: 'q1', reason: 'x', retryable: false })).thenThrows(NotFound);
    });

    it('needs a reason and a retryable flag', () => {
      given(open()).when(command('FailQuery', { queryId: 'q1', reason: '', retryable: true })).thenThrows(ValidationError, (e) => expect(e.field).toBe('reason'));
      given(open()).when(command('FailQuery', { queryId: 'q1', reason: 'x', retryable: 1 as never })).thenThrows(ValidationError, (e) => expect(e.field).toBe('retryable'));
    });
  });

  describe('a client-side tool run outside a query', () => {
    it('records the call with no query, and the state the tool keeps', () => {
      given(active())
        .when(command('RecordToolInvocation', { ...invocation('inv-1', { tool: 'visualization' }), toolState: { loaded: '1ABC' } }))
        .thenState((state, events) => {
          expect(events).toEqual([
            invoked('inv-1', null, { tool: 'visualization' }),
            event('ToolStateChanged', { tool: 'visualization', state: { loaded: '1ABC' } }),
          ]);
          expect(state.workspace.toolStates.visualization).toEqual({ loaded: '1ABC' });
          expect(state.workspace.toolInvocations.values()[0]).toMatchObject({ tool: 'visualization', queryId: null });
        });
    });

    it('leaves the tool state alone when it is unchanged or not given', () => {
      given([...active(), event('ToolStateChanged', { tool: 'composition', state: 1 })])
        .when(command('RecordToolInvocation', { ...invocation('inv-1'), toolState: 1 }))
        .then([invoked('inv-1', null)]);
    });

    it('refuses an invocation id already used and a bad tool name', () => {
      given([...active(), invoked('inv-1', null)]).when(command('RecordToolInvocation', invocation('inv-1'))).thenThrows(AlreadyExists, (e) => expect(e.field).toBe('invocationId'));
      given(active()).when(command('RecordToolInvocation', invocation('inv-1', { tool: '__proto__' }))).thenThrows(ValidationError, (e) => expect(e.field).toBe('tool'));
    });
  });

  // Every status × every command of this slice. The matrix is written out here, not read from the code.
  describe('what each status allows', () => {
    const working = ['created', 'active'];
    const samples: Record<QueryCommand['type'], SessionCommand> = {
      AskQuery: command('AskQuery', { queryId: 'q9', text: 'Analyse LiFePO4' }),
      RecordAnswer: answerCommand('q-open'),
      FailQuery: command('FailQuery', { queryId: 'q-open', reason: 'model timed out', retryable: true }),
      RecordToolInvocation: command('RecordToolInvocation', invocation('inv-9')),
    };
    itFollowsTheStatusTable(samples, {
      AskQuery: working,
      // An answer in flight when the session was paused is still recorded.
      RecordAnswer: ['active', 'paused'],
      FailQuery: ['active', 'paused'],
      RecordToolInvocation: working,
    });
  });
});
