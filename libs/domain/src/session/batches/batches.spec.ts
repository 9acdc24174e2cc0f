import { AlreadyExists, ValidationError } from '../../errors.js';
import { forkSession, givenBranch } from '../../testing/branch.fixtures.js';
import { at, command, created, event, given, started } from '../../testing/session.fixtures.js';
import { itFollowsTheStatusTable } from '../../testing/status-table.js';
import type { SessionCommand } from '../core/commands.js';
import type { BatchCommand } from './commands.js';
import { batchProgress, batchReport, unfinishedItems } from './progress.js';

const batchSession = () => [created({ sessionType: 'batch' }), started()];
const planned = (retries = 1) =>
  event('BatchPlanned', { items: [{ formula: 'LiFePO4' }, { formula: 'Xq9', error: 'unknown element Xq' }, { formula: 'NaCl' }], sharedContext: true, concurrency: 1, retries });

describe('batch sessions', () => {
  describe('planning', () => {
    it('records the materials, invalid ones with their reason, and the policy', () => {
      const items = [{ formula: 'LiFePO4' }, { formula: 'Xq9', error: 'unknown element Xq' }];
      given(batchSession()).when(command('PlanBatch', { items, sharedContext: false, concurrency: 4, retries: 2, at: at(1) })).thenState((state, events) => {
        expect(events).toEqual([event('BatchPlanned', { items, sharedContext: false, concurrency: 4, retries: 2, at: at(1) })]);
        expect(state.governance.batch).toEqual({ total: 2, sharedContext: false, concurrency: 4, retries: 2, paused: false, plannedAt: at(1), completedAt: null });
      });
    });

    it('is planned once, on a batch session only, with sane numbers', () => {
      const plan = (data: Partial<{ concurrency: number; retries: number; items: unknown }>) =>
        command('PlanBatch', { items: [{ formula: 'NaCl' }], sharedContext: true, concurrency: 1, retries: 0, ...data } as never);
      given([...batchSession(), planned()]).when(plan({})).thenThrows(AlreadyExists);
      given([created(), started()]).when(plan({})).thenThrows(ValidationError, (e) => expect(e.field).toBe('type'));
      given(batchSession()).when(plan({ concurrency: 0 })).thenThrows(ValidationError, (e) => expect(e.field).toBe('concurrency'));
      given(batchSession()).when(plan({ retries: 9 })).thenThrows(ValidationError, (e) => expect(e.field).toBe('retries'));
      given(batchSession()).when(plan({ items: [] })).thenThrows(ValidationError, (e) => expect(e.field).toBe('materials'));
      given(batchSession()).when(plan({ items: [{ formula: 'Li Fe' }] })).thenThrows(ValidationError, (e) => expect(e.field).toBe('materials[0]'));
    });
  });

  describe('items', () => {
    it('records an item started, answered and failed, with the index checked against the plan', () => {
      const history = [...batchSession(), planned()];
      given(history).when(command('StartBatchItem', { index: 0, attempt: 1, queryId: 'q1' })).then([event('BatchItemStarted', { index: 0, attempt: 1, queryId: 'q1' })]);
      given(history).when(command('RecordBatchItemAnswered', { index: 2, queryId: 'q3' })).then([event('BatchItemAnswered', { index: 2, queryId: 'q3' })]);
      given(history).when(command('StartBatchItem', { index: 3, attempt: 1, queryId: 'q9' })).thenThrows(ValidationError, (e) => expect(e.field).toBe('index'));
      given([...batchSession()]).when(command('StartBatchItem', { index: 0, attempt: 1, queryId: 'q1' })).thenThrows(ValidationError, (e) => expect(e.field).toBe('batch'));
    });

    it('retries by the policy: within `retries` counted failures; an interruption by a crash is retried and not counted', () => {
      const history = [...batchSession(), planned(1)];
      given(history).when(command('FailBatchItem', { index: 0, attempt: 1, queryId: 'q1', reason: 'timeout', failures: 1 })).then([
        event('BatchItemFailed', { index: 0, attempt: 1, queryId: 'q1', reason: 'timeout', willRetry: true }),
      ]);
      given(history).when(command('FailBatchItem', { index: 0, attempt: 2, queryId: 'q2', reason: 'timeout', failures: 2 })).then([
        event('BatchItemFailed', { index: 0, attempt: 2, queryId: 'q2', reason: 'timeout', willRetry: false }),
      ]);
      given(history).when(command('FailBatchItem', { index: 0, attempt: 3, queryId: 'q3', reason: 'interrupted', interrupted: true, failures: 2 })).then([
        event('BatchItemFailed', { index: 0, attempt: 3, queryId: 'q3', reason: 'interrupted', interrupted: true, willRetry: true }),
      ]);
      given(history).when(command('StartBatchItem', { index: 0, attempt: 0, queryId: 'q3' })).thenThrows(ValidationError, (e) => expect(e.field).toBe('attempt'));
    });

    it('pauses and resumes; a repeated pause or resume appends nothing', () => {
      const history = [...batchSession(), planned()];
      given(history).when(command('PauseBatch')).then([event('BatchPaused')]);
      given([...history, event('BatchPaused')]).when(command('PauseBatch')).then([]);
      given([...history, event('BatchPaused')]).when(command('ResumeBatch')).thenState((state, events) => {
        expect(events).toEqual([event('BatchResumed')]);
        expect(state.governance.batch?.paused).toBe(false);
      });
      given(history).when(command('ResumeBatch')).then([]);
    });

    it('completes once every item is settled, once', () => {
      const history = [...batchSession(), planned()];
      given(history).when(command('CompleteBatch', { answered: 2, failed: 1 })).then([event('BatchCompleted', { answered: 2, failed: 1 })]);
      given(history).when(command('CompleteBatch', { answered: 1, failed: 1 })).thenThrows(ValidationError);
      given([...history, event('BatchCompleted', { answered: 2, failed: 1 })]).when(command('CompleteBatch', { answered: 2, failed: 1 })).then([]);
    });

    it('runs on the session, not a branch', () => {
      const { branch, base } = forkSession([...batchSession(), planned()]);
      givenBranch(base)(branch).when(command('PauseBatch')).thenThrows(Error);
    });
  });

  describe('progress', () => {
    const run = [
      planned(1),
      event('BatchItemStarted', { index: 0, attempt: 1, queryId: 'q1', at: at(1) }),
      event('BatchItemAnswered', { index: 0, queryId: 'q1', at: at(2) }),
      event('BatchItemStarted', { index: 2, attempt: 1, queryId: 'q2', at: at(2) }),
      event('BatchItemFailed', { index: 2, attempt: 1, queryId: 'q2', reason: 'timeout', willRetry: true, at: at(3) }),
    ];

    it('folds the items from the events: an invalid formula failed from the start, a retry due pending again', () => {
      const progress = batchProgress(run);
      expect(progress.items.map((i) => [i.formula, i.status, i.attempts, i.error])).toEqual([
        ['LiFePO4', 'answered', 1, null], ['Xq9', 'failed', 0, 'unknown element Xq'], ['NaCl', 'pending', 1, 'timeout'],
      ]);
      expect(unfinishedItems(progress).map((i) => i.index)).toEqual([2]);
    });

    it('keeps the first final outcome of an item: an answer recorded again changes nothing', () => {
      const twice = batchProgress([...run, event('BatchItemFailed', { index: 0, attempt: 1, reason: 'late', willRetry: false })]);
      expect(twice.items[0]).toEqual(batchProgress(run).items[0]);
    });

    it('reports done, failed, remaining, the rate and the ETA at the caller\'s instant', () => {
      const report = batchReport(batchProgress(run), at(5));
      expect(report).toMatchObject({ total: 3, done: 1, failed: 1, remaining: 1, paused: false, completed: false });
      // One settled item that ran (the invalid one never ran) in the 4 minutes since the first start.
      expect(report.ratePerMinute).toBe(0.25);
      expect(report.etaSeconds).toBe(240);
      expect(report.items[1]).toEqual({ formula: 'Xq9', status: 'failed', queryId: null, error: 'unknown element Xq', attempts: 0 });
      expect(batchReport(batchProgress([planned()]), at(1)).etaSeconds).toBeNull();
    });
  });

  describe('what each status allows', () => {
    const all = ['created', 'active', 'paused'];
    // PlanBatch needs a batch session without a batch and ResumeBatch a paused batch: their refusals are above.
    const samples: Record<Exclude<BatchCommand['type'], 'PlanBatch' | 'ResumeBatch'>, SessionCommand> = {
      StartBatchItem: command('StartBatchItem', { index: 0, attempt: 1, queryId: 'q1' }),
      RecordBatchItemAnswered: command('RecordBatchItemAnswered', { index: 0, queryId: 'q1' }),
      FailBatchItem: command('FailBatchItem', { index: 0, attempt: 1, reason: 'x', failures: 1 }),
      PauseBatch: command('PauseBatch'),
      CompleteBatch: command('CompleteBatch', { answered: 3, failed: 0 }),
    };
    itFollowsTheStatusTable(samples, {
      StartBatchItem: all, RecordBatchItemAnswered: all, FailBatchItem: all, PauseBatch: all, CompleteBatch: all,
    }, [planned()]);
  });
});
