// Where a thread's events go. The state is only what placement needs (which branch streams exist,
// which stream extends each namespace, the last checkpoint of each stream), so it stays small
// however long the thread grows; what readers need lives in the thread index.
//   - A checkpoint whose parent is the last one of the parent's stream extends that stream.
//   - A checkpoint whose parent has children already is a fork: a new branch stream.
//   - The first checkpoint of a namespace opens the namespace's branch stream.
//   - Writes go beside their checkpoint; writes for a checkpoint not saved yet (LangGraph saves
//     writes while the checkpoint's own save may still be queued) go to the namespace's main line.
import type { Decider } from '@crystalyse/event-store';
import type { CheckpointSavedData, PlacedEvent, WritesSavedData } from './thread.events.js';
import { branchStream, threadStream } from './thread.streams.js';

export interface BranchHead {
  ns: string;
  /** False until the branch's first event (LangGraphBranchStarted) is written. */
  started: boolean;
  /** The last checkpoint saved in the stream. */
  head: string | null;
}

export interface ThreadHeads {
  /** True once the thread has any event: there is something to delete. */
  written: boolean;
  rootHead: string | null;
  branches: ReadonlyMap<string, BranchHead>;
  /** Namespace → the branch stream of its main line ('' is always the root stream). */
  mains: ReadonlyMap<string, string>;
}

export interface SaveCheckpoint {
  type: 'SaveCheckpoint';
  data: {
    ns: string;
    checkpoint: CheckpointSavedData;
    /** The stream that holds the parent checkpoint; absent when there is no parent or it is unknown. */
    parentStream?: string;
    /** For a namespace's first checkpoint: the enclosing namespace's checkpoint it runs under. */
    enclosing?: { ns: string; checkpoint: string | null };
    /** Used if the decision opens a branch. */
    branchId: string;
  };
}

export interface SaveWrites {
  type: 'SaveWrites';
  data: {
    ns: string;
    writes: WritesSavedData;
    /** The stream that holds the checkpoint, when it is saved already. */
    checkpointStream?: string;
    /** `${task}\u0000${idx}` of the writes already stored for this checkpoint. */
    existing: ReadonlySet<string>;
    branchId: string;
  };
}

export interface DeleteThread {
  type: 'DeleteThread';
  data: Record<string, never>;
}

export type ThreadCommand = SaveCheckpoint | SaveWrites | DeleteThread;

export const writeKey = (task: string, idx: number): string => `${task}\u0000${idx}`;

const initialState = (): ThreadHeads => ({ written: false, rootHead: null, branches: new Map(), mains: new Map() });

export function threadDecider(threadId: string): Decider<ThreadCommand, PlacedEvent, ThreadHeads> {
  const root = threadStream(threadId);
  const headOf = (state: ThreadHeads, stream: string) => (stream === root ? state.rootHead : (state.branches.get(stream)?.head ?? null));

  /** A new branch stream: registered in the root's directory first, so a reader can always find it. */
  function openBranch(ns: string, kind: 'namespace' | 'fork', parent: { stream: string; checkpoint: string | null }, branchId: string): { stream: string; events: PlacedEvent[] } {
    const stream = branchStream(branchId);
    return {
      stream,
      events: [
        { stream: root, type: 'LangGraphBranchOpened', data: { branch: stream, ns, kind } },
        { stream, type: 'LangGraphBranchStarted', data: { ns, parent } },
      ],
    };
  }

  function mainLine(state: ThreadHeads, ns: string, enclosing: SaveCheckpoint['data']['enclosing'], branchId: string): { stream: string; events: PlacedEvent[] } {
    if (ns === '') return { stream: root, events: [] };
    const main = state.mains.get(ns);
    const parent = { stream: (enclosing && state.mains.get(enclosing.ns)) ?? root, checkpoint: enclosing?.checkpoint ?? null };
    if (main === undefined) return openBranch(ns, 'namespace', parent, branchId);
    // Opened but never started: a crash between the two appends. Start it now.
    if (!state.branches.get(main)!.started) return { stream: main, events: [{ stream: main, type: 'LangGraphBranchStarted', data: { ns, parent } }] };
    return { stream: main, events: [] };
  }

  return {
    initialState,

    evolve(previous, event) {
      const state = previous.written ? previous : { ...previous, written: true };
      switch (event.type) {
        case 'LangGraphBranchOpened': {
          const { branch, ns, kind } = event.data;
          const branches = new Map(state.branches).set(branch, { ns, started: false, head: null });
          const mains = kind === 'namespace' && !state.mains.has(ns) ? new Map(state.mains).set(ns, branch) : state.mains;
          return { ...state, branches, mains };
        }
        case 'LangGraphBranchStarted': {
          const branch = state.branches.get(event.stream);
          if (!branch) return state;
          return { ...state, branches: new Map(state.branches).set(event.stream, { ...branch, started: true }) };
        }
        case 'LangGraphCheckpointSaved': {
          if (event.stream === root) return { ...state, rootHead: event.data.id };
          const branch = state.branches.get(event.stream);
          if (!branch) return state;
          return { ...state, branches: new Map(state.branches).set(event.stream, { ...branch, head: event.data.id }) };
        }
        case 'LangGraphWritesSaved':
          return state;
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
        case 'SaveCheckpoint': {
          const { ns, checkpoint, parentStream, enclosing, branchId } = command.data;
          let target: { stream: string; events: PlacedEvent[] };
          if (parentStream === undefined) {
            target = mainLine(state, ns, enclosing, branchId);
          } else {
            const head = headOf(state, parentStream);
            // Saving the head again (the same id) replaces it in place rather than forking.
            const extendsHead = head === checkpoint.parent || head === checkpoint.id;
            target = extendsHead
              ? { stream: parentStream, events: [] }
              : openBranch(ns, 'fork', { stream: parentStream, checkpoint: checkpoint.parent ?? null }, branchId);
          }
          return [...target.events, { stream: target.stream, type: 'LangGraphCheckpointSaved', data: checkpoint }];
        }
        case 'SaveWrites': {
          const { ns, writes, checkpointStream, existing, branchId } = command.data;
          // A regular write is stored once per (task, idx); the special ones (errors, interrupts,
          // resumes, negative indexes) replace the earlier value, as LangGraph's savers do.
          const fresh = writes.writes.filter(([idx]) => idx < 0 || !existing.has(writeKey(writes.task, idx)));
          if (fresh.length === 0) return [];
          const target = checkpointStream !== undefined ? { stream: checkpointStream, events: [] } : mainLine(state, ns, undefined, branchId);
          return [...target.events, { stream: target.stream, type: 'LangGraphWritesSaved', data: { ...writes, writes: fresh } }];
        }
        case 'DeleteThread': {
          if (!state.written) return [];
          return [{ stream: root, type: 'LangGraphThreadDeleted', data: { streams: [root, ...state.branches.keys()] } }];
        }
        default: {
          const _never: never = command;
          throw new Error(`Unknown thread command ${JSON.stringify(_never)}`);
        }
      }
    },
  };
}
