import { specFor } from '../../domain/src/testing/decider-spec.js';
import { threadDecider, writeKey, type SaveCheckpoint, type SaveWrites } from './thread.decider.js';
import type { CheckpointSavedData, PlacedEvent } from './thread.events.js';
import { branchStream, namespaceStream, threadStream } from './thread.streams.js';

const ROOT = threadStream('t1');
const TOOLS = namespaceStream('t1', 'tools:42');
const B1 = branchStream('b1');
const B2 = branchStream('b2');
const FRAME_EVERY = 4;
const given = specFor(threadDecider('t1', FRAME_EVERY));

const REFS = { question: ['lgthread-t1', 0] as [string, number] };
const delta = (id: string, parent?: string): CheckpointSavedData => ({
  id, ...(parent ? { parent, relative: true as const } : {}), ts: '2026-01-01T00:00:00.000Z', v: 4,
  metadata: { t: 'json', j: { source: 'loop', step: 0, parents: {} } }, versions: { answer: 2 }, seen: {}, values: {},
});
const keyframe = (id: string, parent?: string, forks: string[] = []): CheckpointSavedData => ({
  ...delta(id), ...(parent ? { parent } : {}), versions: { question: 1, answer: 2 }, frame: { refs: REFS, forks },
});
const save = (id: string, parent: string | undefined, data: Partial<SaveCheckpoint['data']> = {}): SaveCheckpoint => ({
  type: 'SaveCheckpoint',
  data: { ns: '', checkpoint: delta(id, parent), keyframe: { ...keyframe(id, parent), frame: { refs: REFS, forks: [] } }, branchId: 'b2', ...data },
});
const saved = (stream: string, id: string, parent?: string): PlacedEvent => ({ stream, type: 'LangGraphCheckpointSaved', data: delta(id, parent) });
const framed = (stream: string, id: string, parent?: string, forks?: string[]): PlacedEvent => ({ stream, type: 'LangGraphCheckpointSaved', data: keyframe(id, parent, forks) });
const forked = (from: string, branch: string, ns = ''): PlacedEvent => ({ stream: from, type: 'LangGraphBranchOpened', data: { branch, ns } });
const started = (stream: string, ns: string, parent: { stream: string; checkpoint: string | null }): PlacedEvent => ({ stream, type: 'LangGraphBranchStarted', data: { ns, parent } });
const writes = (checkpointId: string, task: string, items: Array<[number, string]>, data: Partial<SaveWrites['data']> = {}): SaveWrites => ({
  type: 'SaveWrites',
  data: { ns: '', writes: { checkpoint: checkpointId, task, writes: items.map(([idx, channel]) => [idx, channel, { t: 'json', j: channel }]) }, existing: new Set(), ...data },
});

describe('a LangGraph thread in the event store', () => {
  describe('checkpoints', () => {
    it("the root namespace's first checkpoint goes to the thread stream, whole (a keyframe)", () => {
      given([]).when(save('c1', undefined)).then([framed(ROOT, 'c1')]);
    });

    it('a checkpoint whose parent is the last one of its stream extends that stream with its changes only', () => {
      given([framed(ROOT, 'c1')]).when(save('c2', 'c1', { parentStream: ROOT })).then([saved(ROOT, 'c2', 'c1')]);
    });

    it(`every ${FRAME_EVERY} events the stream gets a keyframe again, naming the forks taken from it`, () => {
      const written: PlacedEvent = { stream: ROOT, type: 'LangGraphWritesSaved', data: { checkpoint: 'c2', task: 't', writes: [] } };
      const history = [framed(ROOT, 'c1'), saved(ROOT, 'c2', 'c1'), forked(ROOT, B1), started(B1, '', { stream: ROOT, checkpoint: 'c1' }), framed(B1, 'c3', 'c1'), written];
      given(history.slice(0, -1)).when(save('c4', 'c2', { parentStream: ROOT })).then([saved(ROOT, 'c4', 'c2')]);
      given(history).when(save('c4', 'c2', { parentStream: ROOT })).then([framed(ROOT, 'c4', 'c2', [B1])]);
      given([...history, framed(ROOT, 'c4', 'c2', [B1])]).when(save('c5', 'c4', { parentStream: ROOT })).then([saved(ROOT, 'c5', 'c4')]);
    });

    it('a checkpoint whose parent already has a child forks: a branch named in the stream it leaves, starting at the parent', () => {
      given([framed(ROOT, 'c1'), saved(ROOT, 'c2', 'c1')])
        .when(save('c3', 'c1', { parentStream: ROOT }))
        .then([forked(ROOT, B2), started(B2, '', { stream: ROOT, checkpoint: 'c1' }), framed(B2, 'c3', 'c1')]);
    });

    it('a fork goes on in its own branch, the main line in its own stream; a fork of a fork names the fork it leaves', () => {
      const history = [framed(ROOT, 'c1'), saved(ROOT, 'c2', 'c1'), forked(ROOT, B1), started(B1, '', { stream: ROOT, checkpoint: 'c1' }), framed(B1, 'c3', 'c1')];
      given(history).when(save('c4', 'c3', { parentStream: B1 })).then([saved(B1, 'c4', 'c3')]);
      given(history).when(save('c5', 'c2', { parentStream: ROOT })).then([saved(ROOT, 'c5', 'c2')]);
      given([...history, saved(B1, 'c4', 'c3')])
        .when(save('c6', 'c3', { parentStream: B1 }))
        .then([forked(B1, B2), started(B2, '', { stream: B1, checkpoint: 'c3' }), framed(B2, 'c6', 'c3')]);
    });

    it("a namespace's first checkpoint opens its main line (in the thread's directory, then its first event names where it runs)", () => {
      const first = save('s1', undefined, { ns: 'tools:42', enclosing: { stream: ROOT, checkpoint: 'c1' } });
      given([framed(ROOT, 'c1')]).when(first).then([
        { stream: ROOT, type: 'LangGraphNamespaceOpened', data: { ns: 'tools:42', stream: TOOLS } },
        started(TOOLS, 'tools:42', { stream: ROOT, checkpoint: 'c1' }),
        framed(TOOLS, 's1'),
      ]);
      const history = [started(TOOLS, 'tools:42', { stream: ROOT, checkpoint: 'c1' }), framed(TOOLS, 's1')];
      given(history).when(save('s2', 's1', { ns: 'tools:42', parentStream: TOOLS })).then([saved(TOOLS, 's2', 's1')]);
      // A checkpoint of the namespace with no known parent still belongs to its main line.
      given(history).when(save('s9', undefined, { ns: 'tools:42' })).then([saved(TOOLS, 's9')]);
    });

    it('saving the head again replaces it in place instead of forking', () => {
      given([framed(ROOT, 'c1'), saved(ROOT, 'c2', 'c1')]).when(save('c2', 'c1', { parentStream: ROOT })).then([saved(ROOT, 'c2', 'c1')]);
    });
  });

  describe('pending writes', () => {
    const history = [framed(ROOT, 'c1'), forked(ROOT, B1), started(B1, '', { stream: ROOT, checkpoint: 'c1' }), framed(B1, 'c2', 'c1')];

    it('go beside their checkpoint', () => {
      given(history).when(writes('c2', 'task-a', [[0, 'answer']], { checkpointStream: B1 })).then([
        { stream: B1, type: 'LangGraphWritesSaved', data: { checkpoint: 'c2', task: 'task-a', writes: [[0, 'answer', { t: 'json', j: 'answer' }]] } },
      ]);
    });

    it("go to the namespace's main line when their checkpoint is not known, opening it if need be", () => {
      given(history).when(writes('c9', 'task-a', [[0, 'answer']])).thenState((_, events) => expect(events.map((e) => e.stream)).toEqual([ROOT]));
      given([]).when(writes('s1', 'task-a', [[0, 'answer']], { ns: 'tools:42' })).thenState((_, events) => {
        expect(events.map((e) => [e.stream, e.type])).toEqual([[ROOT, 'LangGraphNamespaceOpened'], [TOOLS, 'LangGraphBranchStarted'], [TOOLS, 'LangGraphWritesSaved']]);
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
      const history = [framed(ROOT, 'c1'), forked(ROOT, B1), started(B1, '', { stream: ROOT, checkpoint: 'c1' }), framed(B1, 'c2', 'c1')];
      given(history).when({ type: 'DeleteThread', data: {} }).thenState((state, events) => {
        expect(events).toEqual([{ stream: ROOT, type: 'LangGraphThreadDeleted', data: { streams: [ROOT, B1] } }]);
        expect(state.streams.size).toBe(0);
      });
      given([]).when({ type: 'DeleteThread', data: {} }).then([]);
    });

    it('deletes a thread that only holds a namespace', () => {
      given([started(TOOLS, 'tools:42', { stream: ROOT, checkpoint: null })])
        .when({ type: 'DeleteThread', data: {} })
        .then([{ stream: ROOT, type: 'LangGraphThreadDeleted', data: { streams: [ROOT, TOOLS] } }]);
    });
  });
});
