import { AlreadyExists, NotFound, ValidationError } from '../../errors.js';
import { answered, asked, failed, oneTurn } from '../../testing/agent.fixtures.js';
import { at, command, created, event, given, started } from '../../testing/session.fixtures.js';
import { analystContext, extractiveSummary, firstSentence, needsSummary } from '../context/index.js';
import { foldSession } from '../core/decider.js';
import type { SessionEvent } from '../core/events.js';
import { itFollowsTheStatusTable } from '../../testing/status-table.js';
import type { SessionCommand } from '../core/commands.js';
import type { SummaryCommand } from './commands.js';

const turns = (n: number, from = 1): SessionEvent[] => Array.from({ length: n }, (_, i) => oneTurn(`q${from + i}`, i % 2 ? 'LiCoO2' : 'LiFePO4', from + i)).flat();
const summarise = (throughQueryId: string, data?: Record<string, unknown>) =>
  command('SummariseHistory', { summaryId: 's1', throughQueryId, text: 'LiFePO4 and LiCoO2 analysed', method: 'extractive', ...data });
const summarised = (throughQueryId: string, summaryId = 's1', text = 'earlier') => event('HistorySummarised', { summaryId, throughQueryId, text, method: 'extractive' });
const autoSummarise = (maxHistory: number) => event('ContextConfigured', { autoSummarise: true, maxHistory });

describe('history summaries', () => {
  describe('summarise', () => {
    it('records the summary; the log and the conversation keep every turn', () => {
      given([created(), started(), ...turns(3)]).when(summarise('q2')).thenState((state, events) => {
        expect(events).toEqual([summarised('q2', 's1', 'LiFePO4 and LiCoO2 analysed')]);
        expect(state.workspace.summaries).toEqual([{ id: 's1', throughTurnId: 'q2', text: 'LiFePO4 and LiCoO2 analysed', method: 'extractive', at: at() }]);
        expect(state.workspace.conversation).toHaveLength(3);
      });
    });

    it('gives the analyst the summary and the turns after it', () => {
      const context = analystContext(foldSession([created(), started(), ...turns(3), summarised('q2')]));
      expect(context.summary).toBe('earlier');
      expect(context.conversation.map((t) => t.queryId)).toEqual(['q3']);
    });

    it('moves forward only', () => {
      given([created(), started(), ...turns(3), summarised('q2')]).when(summarise('q1', { summaryId: 's2' }))
        .thenThrows(ValidationError, 'the turns through q1 are already summarised: summarise through a later query');
      given([created(), started(), ...turns(3), summarised('q2')]).when(summarise('q2', { summaryId: 's2' })).thenThrows(ValidationError, (e) => expect(e.field).toBe('throughQueryId'));
      given([created(), started(), ...turns(3), summarised('q2')]).when(summarise('q3', { summaryId: 's2' })).thenState((s) => expect(s.workspace.summaries).toHaveLength(2));
    });

    it('covers settled turns only', () => {
      given([created(), started(), ...turns(1), asked('q2'), ...turns(1, 3)]).when(summarise('q3'))
        .thenThrows(ValidationError, 'query q2 is still pending: a summary covers answered or failed queries only');
      given([created(), started(), ...turns(1), asked('q2'), failed('q2')]).when(summarise('q2')).thenState((s) => expect(s.workspace.summaries).toHaveLength(1));
    });

    it('refuses an unknown query, a used id and a bad method', () => {
      given([created(), started(), ...turns(2)]).when(summarise('q9')).thenThrows(NotFound, 'query q9 not found');
      given([created(), started(), ...turns(3), summarised('q1')]).when(summarise('q3')).thenThrows(AlreadyExists, 'history summary s1 already exists');
      given([created(), started(), ...turns(2)]).when(summarise('q1', { method: 'magic' })).thenThrows(ValidationError, (e) => expect(e.field).toBe('method'));
      given([created(), started(), ...turns(2)]).when(summarise('q1', { text: '' })).thenThrows(ValidationError, (e) => expect(e.field).toBe('text'));
    });
  });

  describe('when a summary is due', () => {
    it('never, unless autoSummarise is on', () => {
      expect(needsSummary(foldSession([created(), started(), event('ContextConfigured', { maxHistory: 2 }), ...turns(5)]))).toBeNull();
    });

    it('not while the turns since the last summary fit in maxHistory', () => {
      expect(needsSummary(foldSession([created(), started(), autoSummarise(4), ...turns(4)]))).toBeNull();
      expect(needsSummary(foldSession([created(), started(), autoSummarise(4), ...turns(6), summarised('q2')]))).toBeNull();
    });

    it('once they exceed it: the oldest turns, keeping the newest half of the window', () => {
      const due = needsSummary(foldSession([created(), started(), autoSummarise(4), ...turns(5)]));
      expect(due).toMatchObject({ throughQueryId: 'q3', previousSummary: null });
      expect(due!.turns.map((t) => t.id)).toEqual(['q1', 'q2', 'q3']);
    });

    it('counts from the latest summary, and hands its text on', () => {
      const due = needsSummary(foldSession([created(), started(), autoSummarise(2), ...turns(6), summarised('q3', 's1', 'q1 to q3')]));
      expect(due).toMatchObject({ throughQueryId: 'q5', previousSummary: 'q1 to q3' });
      expect(due!.turns.map((t) => t.id)).toEqual(['q4', 'q5']);
    });

    it('stops before the first pending turn, and waits when the oldest is pending', () => {
      const due = needsSummary(foldSession([created(), started(), autoSummarise(2), ...turns(1), asked('q2'), ...turns(2, 3)]));
      expect(due!.turns.map((t) => t.id)).toEqual(['q1']);
      expect(needsSummary(foldSession([created(), started(), autoSummarise(2), asked('q0'), ...turns(3)]))).toBeNull();
    });
  });

  describe('extractive summary', () => {
    it('is a line per turn: the question, the answer\'s first sentence and the materials named', () => {
      const state = foldSession([created(), started(), ...turns(2), asked('q3', 'Dock the current molecule'), failed('q3', 'docking tool unavailable')]);
      expect(extractiveSummary(state.workspace.conversation)).toBe([
        '- Analyse LiFePO4 → LiFePO4 was analysed. [LiFePO4]',
        '- Analyse LiCoO2 → LiCoO2 was analysed. [LiCoO2]',
        '- Dock the current molecule → (failed: docking tool unavailable)',
      ].join('\n'));
    });

    it('carries the previous summary on, and is the same text every time', () => {
      const state = foldSession([created(), started(), ...turns(1)]);
      const text = extractiveSummary(state.workspace.conversation, '- earlier');
      expect(text).toBe('- earlier\n- Analyse LiFePO4 → LiFePO4 was analysed. [LiFePO4]');
      expect(extractiveSummary(state.workspace.conversation, '- earlier')).toBe(text);
    });

    it('drops the oldest lines rather than exceed 20000 characters', () => {
      const state = foldSession([created(), started(), asked('q1', 'x'.repeat(150)), answered('q1', { text: 'y'.repeat(290) })]);
      const text = extractiveSummary(state.workspace.conversation, Array.from({ length: 100 }, (_, i) => `${i}`.padEnd(250, '.')).join('\n'));
      expect(text.length).toBeLessThanOrEqual(20_000);
      expect(text.endsWith('y'.repeat(290))).toBe(true);
      expect(text.startsWith('0')).toBe(false);
    });

    it('takes the first sentence without splitting numbers, and clips a long one', () => {
      expect(firstSentence('LiFePO4 has a 3.4 V plateau. It is safe.')).toBe('LiFePO4 has a 3.4 V plateau.');
      expect(firstSentence('Stable?\nYes.')).toBe('Stable?');
      expect(firstSentence('z'.repeat(400))).toHaveLength(300);
    });
  });

  // Every status × every command of this slice. The matrix is written out here, not read from the code.
  describe('what each status allows', () => {
    const working = ['created', 'active'];
    const samples: Record<SummaryCommand['type'], SessionCommand> = {
      SummariseHistory: command('SummariseHistory', { summaryId: 's1', throughQueryId: 'q0', text: 'LiFePO4 analysed', method: 'extractive' }),
      RecordSummary: command('RecordSummary', { summaryId: 'r1', keyFindings: ['olivine'], materialsOfInterest: ['LiFePO4'], nextSteps: [], model: 'offline' }),
    };
    itFollowsTheStatusTable(samples, { SummariseHistory: working, RecordSummary: working });
  });
});

describe('session summary (generateSummary)', () => {
  const report = (data?: Record<string, unknown>) =>
    command('RecordSummary', { summaryId: 'r1', keyFindings: ['Olivine helps Li+ mobility'], materialsOfInterest: ['LiFePO4', 'LiFePO4'], nextSteps: ['Measure conductivity'], model: 'gpt-4o', ...data });

  it('records key findings, materials of interest and next steps', () => {
    given([created(), started()]).when(report()).thenState((state, events) => {
      expect(events).toEqual([event('SessionSummaryGenerated', {
        summaryId: 'r1', keyFindings: ['Olivine helps Li+ mobility'], materialsOfInterest: ['LiFePO4'], nextSteps: ['Measure conductivity'], model: 'gpt-4o',
      })]);
      expect(state.workspace.sessionSummaries).toEqual([{
        id: 'r1', keyFindings: ['Olivine helps Li+ mobility'], materialsOfInterest: ['LiFePO4'], nextSteps: ['Measure conductivity'], model: 'gpt-4o', at: at(),
      }]);
    });
  });

  it('refuses a used id, a missing model and a list that is not one', () => {
    given([created(), started(), event('SessionSummaryGenerated', { summaryId: 'r1', keyFindings: [], materialsOfInterest: [], nextSteps: [], model: 'm' })])
      .when(report()).thenThrows(AlreadyExists, 'session summary r1 already exists');
    given([created()]).when(report({ model: '' })).thenThrows(ValidationError, (e) => expect(e.field).toBe('model'));
    given([created()]).when(report({ nextSteps: 'measure' })).thenThrows(ValidationError, (e) => expect(e.field).toBe('nextSteps'));
    given([created()]).when(report({ keyFindings: Array(51).fill('f') })).thenThrows(ValidationError, (e) => expect(e.field).toBe('keyFindings'));
  });
});
