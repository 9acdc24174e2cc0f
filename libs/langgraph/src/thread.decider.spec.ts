import { specFor } from '../../domain/src/testing/decider-spec.js';
import { threadDecider, writeKey, type SaveCheckpoint, type SaveWrites } from './thread.decider.js';
import type { CheckpointSavedData, PlacedEvent } from './thread.events.js';
import { branchStream, threadStream } from './thread.streams.js';

const ROOT = threadStream('t1');
const B1 = branchStream('b1');
const B2 = branchStream('b2');
const given = specFor(threadDecider('t1'));

const checkpoint = (id: string, parent?: string): CheckpointSavedData => ({
  id, ...(parent ? { parent, relative: true as const } : {}), ts: '2026-01-01T00:00:00.000Z', v: 4,
  metadata: { t: 'json', j: { source: 'loop', step: 0, parents: {} } }, versions: {}, seen: {}, values: {},
});
const save = (id: string, parent: string | undefined, data: Partial<SaveCheckpoint['data']> = {}): SaveCheckpoint => ({
  type: 'SaveCheckpoint', data: { ns: '', checkpoint: checkpoint(id, parent), branchId: 'b2', ...data },
});
const saved = (stream: string, id: string, parent?: string): PlacedEvent => ({ stream, type: 'LangGraphCheckpointSaved', data: checkpoint(id, parent) });
const opened = (branch: string, ns: string, kind: 'namespace' | 'fork'): PlacedEvent => ({ stream: ROOT, type: 'LangGraphBranchOpened', data: { branch, ns, kind } });
const started = (stream: string, ns: string, parent: { stream: string; checkpoint: string | null }): PlacedEvent => ({ stream, type: 'LangGraphBranchStarted', data: { ns, parent } });
const writes = (checkpointId: string, task: string, items: Array<[number, string]>, data: Partial<SaveWrites['data']> = {}): SaveWrites => ({
  type: 'SaveWrites',
  data: { ns: '', writes: { checkpoint: checkpointId, task, writes: items.map(([idx, channel]) => [idx, channel, { t: 'json', j: channel }]) }, existing: new Set(), branchId: 'b2', ...data },
});

describe('a LangGraph thread in the event store', () => {
  describe('checkpoints', () => {
    it('the first checkpoint of the root namespace goes to the thread stream', () => {
      given([]).when(save('c1', undefined)).then([saved(ROOT, 'c1')]);
    });

    it('a checkpoint whose parent is the last one of its stream extends that stream', () => {
      given([saved(ROOT, 'c1')]).when(save('c2', 'c1', { parentStream: ROOT })).then([saved(ROOT, 'c2', 'c1')]);
    });

    it('a checkpoint whose parent already has a child forks: a branch named in the root, starting at the parent', () => {
      given([saved(ROOT, 'c1'), saved(ROOT, 'c2', 'c1')])
        .when(save('c3', 'c1', { parentStream: ROOT }))
        .then([opened(B2, '', 'fork'), started(B2, '', { stream: ROOT, checkpoint: 'c1' }), saved(B2, 'c3', 'c1')]);
    });

    it('a fork then goes on in its own branch, and the main line in its own stream', () => {
      const history = [saved(ROOT, 'c1'), saved(ROOT, 'c2', 'c1'), opened(B1, '', 'fork'), started(B1, '', { stream: ROOT, checkpoint: 'c1' }), saved(B1, 'c3', 'c1')];
      given(history).when(save('c4', 'c3', { parentStream: B1 })).then([saved(B1, 'c4', 'c3')]);
      given(history).when(save('c5', 'c2', { parentStream: ROOT })).then([saved(ROOT, 'c5', 'c2')]);
    });

    it('a fork of a fork names the branch it came from', () => {
      const history = [saved(ROOT, 'c1'), opened(B1, '', 'fork'), started(B1, '', { stream: ROOT, checkpoint: 'c1' }), saved(B1, 'c3', 'c1'), saved(B1, 'c4', 'c3')];
      given(history).when(save('c5', 'c3', { parentStream: B1 })).then([opened(B2, '', 'fork'), started(B2, '', { stream: B1, checkpoint: 'c3' }), saved(B2, 'c5', 'c3')]);
    });

    it("a namespace's first checkpoint opens its branch, naming the enclosing namespace's checkpoint; the next ones extend it", () => {
      const first = save('s1', undefined, { ns: 'tools:42', enclosing: { ns: '', checkpoint: 'c1' } });
      given([saved(ROOT, 'c1')]).when(first).then([opened(B2, 'tools:42', 'namespace'), started(B2, 'tools:42', { stream: ROOT, checkpoint: 'c1' }), saved(B2, 's1')]);
      const history = [saved(ROOT, 'c1'), opened(B1, 'tools:42', 'namespace'), started(B1, 'tools:42', { stream: ROOT, checkpoint: 'c1' }), saved(B1, 's1')];
      given(history).when(save('s2', 's1', { ns: 'tools:42', parentStream: B1 })).then([saved(B1, 's2', 's1')]);
      // A checkpoint of the namespace with no known parent still belongs to its main line.
      given(history).when(save('s9', undefined, { ns: 'tools:42' })).then([saved(B1, 's9')]);
    });

    it('a nested namespace names the branch of the namespace it runs in', () => {
      const history = [opened(B1, 'outer:1', 'namespace'), started(B1, 'outer:1', { stream: ROOT, checkpoint: null }), saved(B1, 'o1')];
      given(history)
        .when(save('i1', undefined, { ns: 'outer:1|inner:2', enclosing: { ns: 'outer:1', checkpoint: 'o1' } }))
        .then([opened(B2, 'outer:1|inner:2', 'namespace'), started(B2, 'outer:1|inner:2', { stream: B1, checkpoint: 'o1' }), saved(B2, 'i1')]);
    });

    it('a branch opened in the directory but never started (a crash between the appends) is started, not opened again', () => {
      given([opened(B1, 'tools:42', 'namespace')])
        .when(save('s1', undefined, { ns: 'tools:42', enclosing: { ns: '', checkpoint: null } }))
        .then([started(B1, 'tools:42', { stream: ROOT, checkpoint: null }), saved(B1, 's1')]);
    });

    it('saving the head again replaces it in place instead of forking', () => {
      given([saved(ROOT, 'c1'), saved(ROOT, 'c2', 'c1')]).when(save('c2', 'c1', { parentStream: ROOT })).then([saved(ROOT, 'c2', 'c1')]);
    });
  });

  describe('pending writes', () => {
    const history = [saved(ROOT, 'c1'), opened(B1, '', 'fork'), started(B1, '', { stream: ROOT, checkpoint: 'c1' }), saved(B1, 'c2', 'c1')];

    it('go beside their checkpoint', () => {
      given(history).when(writes('c2', 'task-a', [[0, 'answer']], { checkpointStream: B1 })).thenState((_, events) => {
        expect(events).toEqual([{ stream: B1, type: 'LangGraphWritesSaved', data: { checkpoint: 'c2', task: 'task-a', writes: [[0, 'answer', { t: 'json', j: 'answer' }]] } }]);
      });
    });

    it("go to the namespace's main line when their checkpoint is not saved yet", () => {
      given(history).when(writes('c9', 'task-a', [[0, 'answer']])).thenState((_, events) => expect(events.map((e) => e.stream)).toEqual([ROOT]));
      given([]).when(writes('s1', 'task-a', [[0, 'answer']], { ns: 'tools:1' })).thenState((_, events) => {
        expect(events.map((e) => [e.stream, e.type])).toEqual([[ROOT, 'LangGraphBranchOpened'], [B2, 'LangGraphBranchStarted'], [B2, 'LangGraphWritesSaved']]);
      });
    });

    it('are stored once per task and index; special writes (negative index) replace the earlier ones', () => {
      const existing = new Set([writeKey('task-a', 0), writeKey('task-a', -3)]);
      given(history)
        .when(writes('c2', 'task-a', [[0, 'answer'], [1, 'notes'], [-3, '__interrupt__']], { checkpointStream: B1, existing }))
        .thenState((_, events) => expect((events[0]!.data as { writes: unknown[][] }).writes.map((w) => w[0])).toEqual([1, -3]));
      given(history).when(writes('c2', 'task-a', [[0, 'answer']], { checkpointStream: B1, existing })).then([]);
    });
  });

  describe('deleting the thread', () => {
    it('records who deleted which streams, once; the state starts again', () => {
      const history = [saved(ROOT, 'c1'), opened(B1, '', 'fork'), started(B1, '', { stream: ROOT, checkpoint: 'c1' }), saved(B1, 'c2', 'c1')];
      given(history).when({ type: 'DeleteThread', data: {} }).thenState((state, events) => {
        expect(events).toEqual([{ stream: ROOT, type: 'LangGraphThreadDeleted', data: { streams: [ROOT, B1] } }]);
        expect(state).toEqual({ written: false, rootHead: null, branches: new Map(), mains: new Map() });
      });
      given([]).when({ type: 'DeleteThread', data: {} }).then([]);
    });

    it('deletes a thread that only holds writes', () => {
      given([{ stream: ROOT, type: 'LangGraphWritesSaved', data: { checkpoint: 'c1', task: 't', writes: [] } }])
        .when({ type: 'DeleteThread', data: {} })
        .then([{ stream: ROOT, type: 'LangGraphThreadDeleted', data: { streams: [ROOT] } }]);
    });
  });
});
