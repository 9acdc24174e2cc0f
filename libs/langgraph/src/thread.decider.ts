// Where a thread's events go. The state is what placement needs of the streams read so far (the
// last checkpoint of each, the events since its last keyframe, the forks taken from it), so it
// stays small however long the thread grows; what readers need lives in the thread index.
//   - A checkpoint whose parent is the last one of the parent's stream extends that stream.
//   - A checkpoint whose parent has children already is a fork: a new branch stream, recorded
//     in the stream it leaves.
//   - The first checkpoint of a namespace opens the namespace's main line (and records it in
//     the thread's directory).
//   - A stream's first checkpoint, and then one every `frameEvery` events, is a keyframe.
//   - Writes go beside their checkpoint; writes for a checkpoint not saved yet (LangGraph saves
//     writes while the checkpoint's own save may still be queued) go to the namespace's main line.
import type { Decider } from '@crystalyse/event-store';
import type { CheckpointSavedData, PlacedEvent, WritesSavedData } from './thread.events.js';
import { branchStream, namespaceStream, threadStream } from './thread.streams.js';

export interface StreamHead {
  /** The last checkpoint saved in the stream. */
  head: string | null;
  /** Events since the stream's last keyframe. */
  sinceFrame: number;
  /** Fork streams that left this stream. */
  forks: readonly string[];
}

export interface ThreadHeads {
  /** The streams read so far that exist. */
  streams: ReadonlyMap<string, StreamHead>;
}

export interface SaveCheckpoint {
  type: 'SaveCheckpoint';
  data: {
    ns: string;
    /** The checkpoint as a difference from its parent (when the parent is known). */
    checkpoint: CheckpointSavedData;
    /** The same checkpoint whole, for when it has to be a keyframe (`forks` is filled in here). */
    keyframe: CheckpointSavedData & { frame: { refs: NonNullable<CheckpointSavedData['frame']>['refs'] } };
    /** The stream that holds the parent checkpoint; absent when there is no parent or it is unknown. */
    parentStream?: string;
    /** For a namespace's first checkpoint: the enclosing namespace's main line and checkpoint. */
    enclosing?: { stream: string; checkpoint: string | null };
    /** Used if the decision opens a fork. */
    branchId: string;
  };
}

export interface SaveWrites {
  type: 'SaveWrites';
  data: {
    ns: string;
    writes: WritesSavedData;
    /** The stream that holds the checkpoint, when it is known. */
    checkpointStream?: string;
    /** `${task}\u0000${idx}` of the writes already stored for this checkpoint. */
    existing: ReadonlySet<string>;
  };
}

export interface DeleteThread {
  type: 'DeleteThread';
  data: Record<string, never>;
}

export type ThreadCommand = SaveCheckpoint | SaveWrites | DeleteThread;

export const writeKey = (task: string, idx: number): string => `${task}\u0000${idx}`;

export const FRAME_EVERY = 64;

const initialState = (): ThreadHeads => ({ streams: new Map() });
const NEW_STREAM: StreamHead = { head: null, sinceFrame: 0, forks: [] };

export function threadDecider(threadId: string, frameEvery = FRAME_EVERY): Decider<ThreadCommand, PlacedEvent, ThreadHeads> {
  const root = threadStream(threadId);

  /** The namespace's main line, opened (directory entry, then its first event) if it is new. */
  function mainLine(state: ThreadHeads, ns: string, enclosing: SaveCheckpoint['data']['enclosing']): { stream: string; events: PlacedEvent[] } {
    const stream = namespaceStream(threadId, ns);
    if (ns === '' || state.streams.has(stream)) return { stream, events: [] };
    return {
      stream,
      events: [
        { stream: root, type: 'LangGraphNamespaceOpened', data: { ns, stream } },
        { stream, type: 'LangGraphBranchStarted', data: { ns, parent: enclosing ?? { stream: root, checkpoint: null } } },
      ],
    };
  }

  function saveCheckpoint(state: ThreadHeads, command: SaveCheckpoint['data']): PlacedEvent[] {
    const { ns, checkpoint, keyframe, parentStream, enclosing, branchId } = command;
    let target: { stream: string; events: PlacedEvent[] };
    const head = parentStream === undefined ? undefined : state.streams.get(parentStream)?.head;
    // Saving the head again (the same id) replaces it in place rather than forking.
    if (parentStream === undefined) target = mainLine(state, ns, enclosing);
    else if (head === checkpoint.parent || head === checkpoint.id) target = { stream: parentStream, events: [] };
    else {
      const stream = branchStream(branchId);
      target = {
        stream,
        events: [
          { stream: parentStream, type: 'LangGraphBranchOpened', data: { branch: stream, ns } },
          { stream, type: 'LangGraphBranchStarted', data: { ns, parent: { stream: parentStream, checkpoint: checkpoint.parent ?? null } } },
        ],
      };
    }
    const current = state.streams.get(target.stream);
    const isKeyframe = !current || current.head === null || current.sinceFrame + 1 >= frameEvery;
    const data = isKeyframe ? { ...keyframe, frame: { refs: keyframe.frame.refs, forks: [...(current?.forks ?? [])] } } : checkpoint;
    return [...target.events, { stream: target.stream, type: 'LangGraphCheckpointSaved', data }];
  }

  return {
    initialState,

    evolve(state, event) {
      const at = (stream: string) => state.streams.get(stream) ?? NEW_STREAM;
      const set = (stream: string, head: StreamHead): ThreadHeads => ({ streams: new Map(state.streams).set(stream, head) });
      const counted = (stream: string) => ({ ...at(stream), sinceFrame: at(stream).sinceFrame + 1 });
      switch (event.type) {
        case 'LangGraphNamespaceOpened':
        case 'LangGraphWritesSaved':
          return set(event.stream, counted(event.stream));
        case 'LangGraphBranchOpened':
          return set(event.stream, { ...counted(event.stream), forks: [...at(event.stream).forks, event.data.branch] });
        case 'LangGraphBranchStarted':
          return set(event.stream, { head: null, sinceFrame: 1, forks: [] });
        case 'LangGraphCheckpointSaved': {
          const { frame } = event.data;
          const known = state.streams.get(event.stream);
          // A reader that starts at a keyframe learns the stream's forks from it.
          if (frame) return set(event.stream, { head: event.data.id, sinceFrame: 0, forks: known ? known.forks : frame.forks });
          return set(event.stream, { ...counted(event.stream), head: event.data.id });
        }
        case 'LangGraphThreadDeleted':
          return initialState();
        default: {
          const _never: never = event;
          throw new Error(`Unknown thread event ${JSON.stringify(_never)}`);
        }
      }
    },

    decide(command, state) {
      switch (command.type) {
        case 'SaveCheckpoint':
          return saveCheckpoint(state, command.data);
        case 'SaveWrites': {
          const { ns, writes, checkpointStream, existing } = command.data;
          // A regular write is stored once per (task, idx); the special ones (errors, interrupts,
          // resumes: negative indexes) replace the earlier value, as LangGraph's savers do.
          const fresh = writes.writes.filter(([idx]) => idx < 0 || !existing.has(writeKey(writes.task, idx)));
          if (fresh.length === 0) return [];
          const target = checkpointStream !== undefined ? { stream: checkpointStream, events: [] } : mainLine(state, ns, undefined);
          return [...target.events, { stream: target.stream, type: 'LangGraphWritesSaved', data: { ...writes, writes: fresh } }];
        }
        case 'DeleteThread': {
          if (state.streams.size === 0) return [];
          return [{ stream: root, type: 'LangGraphThreadDeleted', data: { streams: [...new Set([root, ...state.streams.keys()])] } }];
        }
        default: {
          const _never: never = command;
          throw new Error(`Unknown thread command ${JSON.stringify(_never)}`);
        }
      }
    },
  };
}
